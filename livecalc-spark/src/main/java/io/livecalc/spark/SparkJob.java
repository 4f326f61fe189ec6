package io.livecalc.spark;

import io.livecalc.api.CalcEngineException;
import io.livecalc.orchestrator.EngineRun;
import io.livecalc.orchestrator.ExecutionEngine;
import io.livecalc.orchestrator.PipelineBuilder;
import io.livecalc.orchestrator.PipelineResult;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Main class of the job jar for {@code spark-submit}: runs a DAG file with its projection stage on the
 * cluster spark-submit connects to (its {@code --master}; the DAG's {@code execution.partitions} still
 * apply), ESG and solver on the driver.
 *
 * <pre>{@code spark-submit --class io.livecalc.spark.SparkJob livecalc-spark-job.jar DAG.json [ENGINE.KEY=VALUE ...]}</pre>
 *
 * Prints one line per engine and the valuation statistics; exit code 0 when every engine succeeded, 2 for
 * bad input (configuration, data files), 1 otherwise.
 */
public final class SparkJob {

    private SparkJob() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: spark-submit --class io.livecalc.spark.SparkJob livecalc-spark-job.jar DAG.json [ENGINE.KEY=VALUE ...]");
            return 2;
        }
        try {
            PipelineBuilder b = PipelineBuilder.fromJson(Path.of(args[0]));
            for (int i = 1; i < args.length; i++) {
                String o = args[i];
                int dot = o.indexOf('.');
                int eq = o.indexOf('=');
                if (dot < 1 || eq < dot + 2) {
                    System.err.println("expected ENGINE.KEY=VALUE, got '" + o + "'");
                    return 2;
                }
                b.set(o.substring(0, dot), o.substring(dot + 1, eq), o.substring(eq + 1));
            }
            ExecutionEngine e = b.execution().engine();
            b.executionEngine(ExecutionEngine.spark(System.getProperty("spark.master", e.master()), e.partitions()));
            PipelineResult r = b.build().run();
            for (EngineRun run : r.engines().values()) {
                System.out.printf(Locale.ROOT, "%-14s %-12s %-10s %12.1f ms %14d rows%s%n", run.engineId(), run.type(),
                        run.status().name().toLowerCase(Locale.ROOT), run.executionTimeMs(), run.rowsProcessed(),
                        run.error() == null ? "" : "  " + run.error());
            }
            r.valuation().ifPresent(v -> System.out.printf(Locale.ROOT, "scenarios %d   mean NPV %,.2f   std dev %,.2f   CTE95 %,.2f%n",
                    v.scenarioCount(), v.mean(), v.stdDev(), v.cte95()));
            r.output().ifPresent(o -> System.out.println("output:  " + o));
            if (r.success()) {
                return 0;
            }
            return r.engines().values().stream().anyMatch(EngineRun::badInput) ? 2 : 1;
        } catch (CalcEngineException | IllegalArgumentException e) {
            System.err.println("livecalc: " + e.getMessage());
            return 2;
        }
    }
}
