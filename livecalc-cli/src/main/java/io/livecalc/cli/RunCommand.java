package io.livecalc.cli;

import io.livecalc.am.AssumptionsManagerAuth;
import io.livecalc.api.ValuationResult;
import io.livecalc.orchestrator.EngineRun;
import io.livecalc.orchestrator.ExecutionEngine;
import io.livecalc.orchestrator.Pipeline;
import io.livecalc.orchestrator.PipelineBuilder;
import io.livecalc.orchestrator.PipelineListener;
import io.livecalc.orchestrator.PipelineResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code livecalc run}: runs a DAG file and prints a summary table. */
@Command(name = "run", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = "Runs a pipeline DAG (the original system's JSON format): loads the data sources, runs the engines, "
                + "writes the output and a JSON run summary beside it, and prints the statistics; --report also writes the HTML run "
                + "report (NPV histogram, engine timeline, solver iterations, scenario fan, inputs). Exit 0 when every engine "
                + "succeeded, 2 for an invalid DAG or bad input (configuration, data files), 1 when the run failed otherwise.")
final class RunCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DAG", description = "The DAG JSON file.")
    Path dag;

    @Option(names = "--set", paramLabel = "ENGINE.KEY=VALUE", description = "Overrides an engine's config value (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--output-dir", paramLabel = "DIR", description = "Writes the output and its summary into DIR.")
    Path outputDir;

    @Option(names = "--spark", paramLabel = "MASTER", description = "Runs the policy stage on Apache Spark with this master URL "
            + "(local[2], spark://host:7077, yarn; partitions from the DAG's execution block). Needs livecalc-spark on the class path.")
    String sparkMaster;

    @Option(names = "--report", paramLabel = "FILE", description = "Also writes the run report, one self-contained HTML page "
            + "(open it in any browser, offline), to FILE; its path is printed at the end. `livecalc report` makes it from a summary later.")
    Path report;

    @Option(names = "--log-file", paramLabel = "FILE", description = "Also writes the JSON log lines to FILE.")
    Path logFile;

    @Option(names = "--log-level", paramLabel = "LEVEL", description = "ERROR, WARN (default), INFO, DEBUG or TRACE.")
    String logLevel;

    @Override
    public Integer call() {
        Logging.configure(logLevel, logFile);
        PipelineBuilder b = PipelineBuilder.fromJson(dag);
        for (String o : overrides) {
            int dot = o.indexOf('.');
            int eq = o.indexOf('=');
            if (dot < 1 || eq < dot + 2) {
                throw new IllegalArgumentException("--set expects ENGINE.KEY=VALUE, got '" + o + "'");
            }
            b.set(o.substring(0, dot), o.substring(dot + 1, eq), o.substring(eq + 1));
        }
        if (outputDir != null) {
            b.outputDirectory(outputDir);
        }
        if (sparkMaster != null) {
            b.executionEngine(ExecutionEngine.spark(sparkMaster, b.execution().engine().partitions()));
        }
        try (AssumptionsManagerAuth auth = new AssumptionsManagerAuth()) {
            // assumptions:// tables: the DAG's am_credentials, else LIVECALC_AM_* or `livecalc login`'s file; asked only when needed
            b.credentialManager(AmCommands.credentialManager(auth));
            Pipeline pipeline = b.build();
            PrintWriter err = spec.commandLine().getErr();
            PipelineResult result = pipeline.run(new Progress(err, System.console() != null && System.console().isTerminal()));
            if (report != null) {
                result.writeReport(report);
            }
            print(result, report, spec.commandLine().getOut());
            if (result.success()) {
                return 0;
            }
            boolean badInput = result.engines().values().stream().anyMatch(EngineRun::badInput);
            return badInput ? LiveCalcCommand.EXIT_BAD_INPUT : LiveCalcCommand.EXIT_FAILURE;
        }
    }

    static void print(PipelineResult r, PrintWriter out) {
        print(r, null, out);
    }

    /** The table, statistics, solver lines and files written; {@code reportFile} when one was written. */
    static void print(PipelineResult r, Path reportFile, PrintWriter out) {
        out.printf(Locale.ROOT, "%-14s %-16s %-10s %7s %12s %14s%n", "engine", "type", "status", "chunks", "time ms", "rows");
        for (EngineRun e : r.engines().values()) {
            out.printf(Locale.ROOT, "%-14s %-16s %-10s %7d %12.1f %14d%n", e.engineId(), e.type(),
                    e.status().name().toLowerCase(Locale.ROOT), e.chunks(), e.executionTimeMs(), e.rowsProcessed());
            if (e.error() != null) {
                out.println("    " + e.error());
            }
        }
        r.valuation().ifPresent(v -> printStatistics(v, out));
        r.reports().forEach((engine, report) -> {
            if (report instanceof java.util.Map<?, ?> m) {
                StringBuilder line = new StringBuilder(engine + ":");
                m.forEach((k, v) -> {
                    if (!(v instanceof java.util.Collection<?>) && !"message".equals(k)) {
                        line.append(' ').append(k).append('=').append(v);
                    }
                });
                if (line.length() > engine.length() + 1) {
                    out.println(line);
                }
                if (m.get("message") != null) {
                    out.println("    " + m.get("message"));
                }
            }
        });
        r.output().ifPresent(o -> out.println("output:  " + o));
        r.summary().ifPresent(s -> out.println("summary: " + s));
        if (reportFile != null) {
            out.println("report:  " + reportFile);
        }
        out.printf(Locale.ROOT, "%s in %.0f ms, peak buffers %.1f MiB%n", r.success() ? "done" : "PARTIAL result", r.wallTimeMs(),
                r.peakBufferBytes() / 1048576.0);
        out.flush();
    }

    static void printStatistics(ValuationResult v, PrintWriter out) {
        out.printf(Locale.ROOT, "%nscenarios %d   mean NPV %,.2f   std dev %,.2f   CTE95 %,.2f%n", v.scenarioCount(), v.mean(), v.stdDev(),
                v.cte95());
        out.printf(Locale.ROOT, "P50 %,.2f   P75 %,.2f   P90 %,.2f   P95 %,.2f   P99 %,.2f%n%n", v.p50(), v.p75(), v.p90(), v.p95(), v.p99());
    }

    /** A progress line on a terminal (rewritten in place), plain lines otherwise. */
    static final class Progress implements PipelineListener {
        private final PrintWriter err;
        private final boolean terminal;

        Progress(PrintWriter err, boolean terminal) {
            this.err = err;
            this.terminal = terminal;
        }

        @Override
        public synchronized void chunkCompleted(String engineId, long chunk, long chunks, double ms) {
            if (chunks < 2) {
                return;
            }
            if (terminal) {
                int width = 30;
                int filled = (int) (width * chunk / chunks);
                err.printf(Locale.ROOT, "\r%-14s [%s%s] %d/%d chunks", engineId, "#".repeat(filled), " ".repeat(width - filled), chunk, chunks);
            } else {
                err.printf(Locale.ROOT, "%s: chunk %d/%d (%.1f ms)%n", engineId, chunk, chunks, ms);
            }
            err.flush();
        }

        @Override
        public synchronized void engineFinished(EngineRun run) {
            err.printf(Locale.ROOT, "%s%s: %s%s%n", terminal ? "\r\033[K" : "", run.engineId(), run.status().name().toLowerCase(Locale.ROOT),
                    run.error() != null ? " (" + run.error() + ")" : String.format(Locale.ROOT, " in %.1f ms", run.executionTimeMs()));
            err.flush();
        }
    }
}
