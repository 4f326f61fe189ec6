package io.livecalc.cli;

import io.livecalc.api.LivecalcVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code livecalc} command. Exit codes: 0 success, 1 run failure, 2 bad usage or bad input.
 */
@Command(name = "livecalc",
        mixinStandardHelpOptions = true,
        versionProvider = LiveCalcCommand.Version.class,
        usageHelpAutoWidth = true,
        description = "Chains actuarial calculation engines (ESG -> projection -> solver) into a DAG over "
                + "zero-copy off-heap buffers, with Parquet in and out.",
        subcommands = {RunCommand.class, ReportCommand.class, DagCommands.Validate.class, DagCommands.Graph.class, DagCommands.Engines.class,
            ProjectCommand.class, GenerateCommand.class, ConvertCommand.class, AmCommands.Login.class, AmCommands.Logout.class,
            AmCommands.Am.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 1 run failure, 2 bad usage or bad input.",
            "Docs: README.md."})
public final class LiveCalcCommand implements Runnable {

    /** Exit code of a run that failed. */
    public static final int EXIT_FAILURE = 1;
    /** Exit code of bad usage or bad input (picocli's usage-error code). */
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The configured command line, shared by {@link #main} and tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new LiveCalcCommand()).setExecutionExceptionHandler(new CliFailures());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Version, JVM and SIMD availability: the facts a bug report needs. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            boolean vector = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
            return new String[] {
                "livecalc " + LivecalcVersion.current(),
                "JVM: " + Runtime.version() + " (" + System.getProperty("java.vendor") + ") on "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                        + Runtime.getRuntime().availableProcessors() + " CPUs",
                "Vector API: " + (vector ? "jdk.incubator.vector available" : "not enabled (scalar kernels; add --add-modules=jdk.incubator.vector)"),
            };
        }
    }
}
