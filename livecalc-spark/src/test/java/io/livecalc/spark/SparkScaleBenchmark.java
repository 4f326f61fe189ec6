package io.livecalc.spark;

import io.livecalc.api.BufferType;
import io.livecalc.api.EngineConfig;
import io.livecalc.engines.ReferenceData;
import io.livecalc.engines.projection.SyntheticPortfolio;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * BENCHMARKS.md, "Spark": 1M synthetic policies (seed 42) x the 1000 GBM scenarios of the original CLI, totals
 * only, on Spark (local[2], or a cluster's master URL) against the single JVM; checks the answer (1e-12
 * relative) before timing. Run: see BENCHMARKS.md. Arguments: [policies] [runs] [partitions] [master].
 */
public final class SparkScaleBenchmark {

    public static void main(String[] args) throws Exception {
        long policies = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        String master = args.length > 3 ? args[3] : "local[2]";
        Path dir = Files.createTempDirectory("livecalc-spark-bench");
        Path policyFile = dir.resolve("policies.parquet");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = arena.allocate(policies * BufferType.INPUT.recordSize(), 16);
            SyntheticPortfolio.write(p, policies, 42);
            io.livecalc.parquet.ParquetFiles.write(policyFile, BufferType.INPUT, p, policies, io.livecalc.parquet.ParquetWriteOptions.defaults());
        }
        Path scenarioFile = dir.resolve("scenarios.parquet");
        new io.livecalc.parquet.CsvParquetConverter().convert(ReferenceData.upstream("scenarios_gbm_seed42_n1000.csv"), scenarioFile);
        String dag = """
                {"data_sources": {"policies": {"path": "%s"}, "scenarios": {"path": "%s"}},
                 "engines": [{"id": "projection", "type": "projection", "inputs": ["policies", "scenarios"],
                              "config": {"mortality_table": "%s", "lapse_table": "%s", "expenses": "%s", "threads": 2},
                              "outputs": ["scenario_totals"]}]%s}
                """;
        String[] refs = {policyFile.toString(), scenarioFile.toString(), ReferenceData.upstream("sample_mortality.csv").toString(),
                ReferenceData.upstream("sample_lapse.csv").toString(), ReferenceData.upstream("sample_expenses.csv").toString()};
        Path localDag = dir.resolve("local.json");
        Files.writeString(localDag, dag.formatted(refs[0], refs[1], refs[2], refs[3], refs[4], ""));
        Path sparkDag = dir.resolve("spark.json");
        Files.writeString(sparkDag, dag.formatted(refs[0], refs[1], refs[2], refs[3], refs[4],
                ", \"execution\": {\"engine\": \"spark\", \"master\": \"" + master + "\", \"partitions\": " + partitions + "}"));

        System.out.printf(Locale.ROOT, "%d policies x 1000 scenarios, totals only, %d runs, master %s; JVM %s, %d CPUs%n", policies, runs,
                master, Runtime.version(), Runtime.getRuntime().availableProcessors());
        var spark = SparkSessions.open(io.livecalc.orchestrator.ExecutionEngine.spark(master, partitions)).spark();

        List<Double> localWall = new ArrayList<>(), localEngine = new ArrayList<>(), sparkWall = new ArrayList<>(),
                sparkRerun = new ArrayList<>(), partitionMs = new ArrayList<>();
        double[] reference = null;
        for (int i = 0; i < runs + 1; i++) { // the first round warms up
            var local = io.livecalc.orchestrator.Pipeline.fromJson(localDag).run();
            var onSpark = io.livecalc.orchestrator.Pipeline.fromJson(sparkDag).run();
            double[] a = local.valuation().orElseThrow().scenarioNpvs();
            double[] b = onSpark.valuation().orElseThrow().scenarioNpvs();
            double rel = maxRelative(b, a);
            if (!(rel <= 1e-12)) {
                throw new AssertionError("Spark vs single JVM: max relative difference " + rel);
            }
            if (reference == null) {
                reference = b;
                System.out.printf(Locale.ROOT, "answer checked: mean NPV %.6f, Spark vs single JVM max relative difference %.3g%n",
                        onSpark.valuation().orElseThrow().mean(), rel);
            } else if (!Arrays.equals(reference, b)) {
                throw new AssertionError("a repeated Spark run gave other totals");
            }
            if (i > 0) {
                localWall.add(local.wallTimeMs());
                localEngine.add(local.engine("projection").executionTimeMs());
                sparkWall.add(onSpark.wallTimeMs());
            }
        }
        // The solver's case: the same executor re-runs the stage on the cached partitions and broadcast data.
        var pipeline = io.livecalc.orchestrator.Pipeline.fromJson(sparkDag);
        var spec = pipeline.engines().getFirst();
        try (SparkStageExecutor executor = new SparkStageExecutor(pipeline.execution().engine());
             Arena arena = Arena.ofConfined()) {
            MemorySegment scenarios = arena.allocate(io.livecalc.parquet.ParquetFiles.rowCount(scenarioFile) * 16, 16);
            io.livecalc.parquet.ParquetFiles.readScenarios(scenarioFile, scenarios);
            var stage = new io.livecalc.orchestrator.spi.PolicyStage("projection", "projection",
                    EngineConfig.of("projection", spec.config(), pipeline.baseDirectory()), null, "policies",
                    pipeline.dataSources().get("policies"), Map.of("scenarios", scenarios), "scenario_totals", null, null, null);
            executor.run(stage, Map.of());
            for (int i = 0; i < runs + 1; i++) {
                var r = executor.run(stage, Map.of("premium_rate", 1.0));
                if (i > 0) {
                    sparkRerun.add(r.executionTimeMs());
                    Arrays.stream(executor.lastPartitionMs).forEach(partitionMs::add);
                }
            }
        }
        print("single JVM: pipeline wall (read Parquet + project)", localWall);
        print("single JVM: projection engine time", localEngine);
        print("Spark " + master + ": pipeline wall (read + partition + project)", sparkWall);
        print("Spark " + master + ": stage re-run on cached partitions (solver evaluation)", sparkRerun);
        print("Spark " + master + ": task time per partition (" + (policies / partitions) + " policies)", partitionMs);
        double median = median(partitionMs);
        double perPolicyCoreUs = median * 1000 / ((double) policies / partitions);
        System.out.printf(Locale.ROOT, "per-partition throughput: %.0f policies/s per task core (x1000 scenarios) = %.3g policy-scenarios/s per executor core%n",
                1e6 / perPolicyCoreUs, 1e9 / perPolicyCoreUs);
        spark.stop();
    }

    /** Largest |a - b| / |b| over the scenarios (no JUnit on the benchmark's class path). */
    static double maxRelative(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new AssertionError(a.length + " vs " + b.length + " scenarios");
        }
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]) / Math.abs(b[i]));
        }
        return max;
    }

    private static void print(String what, List<Double> ms) {
        List<Double> s = ms.stream().sorted().toList();
        System.out.printf(Locale.ROOT, "%-72s min %9.1f  median %9.1f  max %9.1f ms (n=%d)%n", what, s.getFirst(), median(ms), s.getLast(), s.size());
    }

    private static double median(List<Double> ms) {
        List<Double> s = ms.stream().sorted().toList();
        return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    }
}
