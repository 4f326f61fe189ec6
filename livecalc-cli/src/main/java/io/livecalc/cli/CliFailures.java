package io.livecalc.cli;

import io.livecalc.api.ConfigurationException;
import io.livecalc.api.DataFileException;
import io.livecalc.api.EngineExecutionException;
import io.livecalc.api.InitializationException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * Turns failures into one clear line on stderr and the documented exit code: 2 for bad usage or bad input
 * (a user can fix it), 1 for a run that failed. No stack trace for a user error; {@code --debug}-level
 * detail goes to the JSON log.
 */
final class CliFailures implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        if (e instanceof CommandLine.ParameterException pe) {
            // an option combination only the command can check (e.g. options required by one model)
            err.println(pe.getMessage());
            pe.getCommandLine().usage(err);
            err.flush();
            return LiveCalcCommand.EXIT_BAD_INPUT;
        }
        int code = exitCode(e);
        err.println("livecalc " + cmd.getCommandName() + ": " + message(e));
        err.flush();
        return code;
    }

    static int exitCode(Throwable e) {
        if (e instanceof UncheckedIOException u) {
            e = u.getCause();
        }
        if (e instanceof ConfigurationException || e instanceof InitializationException || e instanceof DataFileException
                || e instanceof IllegalArgumentException || e instanceof NoSuchFileException) {
            return LiveCalcCommand.EXIT_BAD_INPUT;
        }
        if (e instanceof EngineExecutionException || e instanceof IOException) {
            return LiveCalcCommand.EXIT_FAILURE;
        }
        return LiveCalcCommand.EXIT_FAILURE;
    }

    static String message(Throwable e) {
        if (e instanceof UncheckedIOException u) {
            e = u.getCause();
        }
        if (e instanceof NoSuchFileException n) {
            return "file not found: " + n.getFile();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
