package io.livecalc.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livecalc.api.BufferType;
import io.livecalc.cli.LiveCalcCommand;
import io.livecalc.engines.ReferenceData;
import io.livecalc.orchestrator.ExecutionEngine;
import io.livecalc.orchestrator.Pipeline;
import io.livecalc.orchestrator.PipelineBuilder;
import io.livecalc.orchestrator.PipelineResult;
import io.livecalc.parquet.CsvParquetConverter;
import io.livecalc.parquet.ParquetFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference workloads through whole pipelines on Spark {@code local[2]} (loopback, no UI), against the
 * same pipelines run in this JVM. One session serves every test; the executor reuses it and leaves it running.
 */
class SparkPipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** local[2] with task retries: plain local[N] gives up on the first task failure. */
    static final String MASTER = "local[2,2]";

    @TempDir
    static Path data;
    @TempDir
    Path out;

    static SparkSession spark;
    static final AtomicInteger JOBS = new AtomicInteger();
    static final AtomicInteger FAILED_TASKS = new AtomicInteger();

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().appName("livecalc-test").master(MASTER)
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
        spark.sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart jobStart) {
                JOBS.incrementAndGet();
            }

            @Override
            public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
                if (!taskEnd.taskInfo().successful()) {
                    FAILED_TASKS.incrementAndGet();
                }
            }
        });
        for (String name : List.of("sample_policies", "policies_10000", "sample_scenarios")) {
            new CsvParquetConverter().convert(ReferenceData.upstream(name + ".csv"), data.resolve(name + ".parquet"));
        }
        new CsvParquetConverter().convert(examplesData("policies_1000.csv"), data.resolve("policies_1000.parquet"));
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    static Path examplesData(String name) {
        return Path.of(System.getProperty("user.dir")).resolveSibling("examples").resolve("data").resolve(name);
    }

    private static PipelineBuilder projection(String policies, String scenarios, String output) {
        PipelineBuilder b = Pipeline.builder().policies("policies", data.resolve(policies + ".parquet"));
        if (scenarios != null) {
            b.scenarios("scenarios", data.resolve(scenarios + ".parquet"));
        }
        return b.engine("projection", "projection", e -> {
            e.input("policies");
            if (scenarios != null) {
                e.input("scenarios");
            } else {
                e.config("num_scenarios", "1000").config("seed", "42").config("initial_rate", "0.04").config("drift", "0.0")
                        .config("volatility", "0.015").config("min_rate", "0.0").config("max_rate", "0.20");
            }
            e.config("mortality_table", ReferenceData.upstream("sample_mortality.csv").toString())
                    .config("lapse_table", ReferenceData.upstream("sample_lapse.csv").toString())
                    .config("expenses", ReferenceData.upstream("sample_expenses.csv").toString());
            if (output != null) {
                e.output(output);
            }
        });
    }

    private static double[] run(PipelineBuilder b) {
        PipelineResult r = b.build().run();
        assertTrue(r.success(), r.engines().toString());
        return r.valuation().orElseThrow().scenarioNpvs();
    }

    private static double[] expected(String file) throws IOException {
        JsonNode d = JSON.readTree(ReferenceData.expected(file).toFile()).get("distribution");
        double[] e = new double[d.size()];
        for (int i = 0; i < e.length; i++) {
            e[i] = d.get(i).asDouble();
        }
        return e;
    }

    /** Largest |a - b| / |b| over the scenarios. */
    static double maxRelative(double[] a, double[] b) {
        assertEquals(b.length, a.length);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]) / Math.abs(b[i]));
        }
        return max;
    }

    @Test
    void referenceWorkloadsOnLocal2EqualTheSingleJvmRunAndRepeatBitIdentically() throws IOException {
        record Workload(String policies, String scenarios, String expected, int partitions) {
        }
        for (Workload w : List.of(new Workload("sample_policies", "sample_scenarios", "sample10_samplescenarios3.json", 2),
                new Workload("policies_1000", null, "policies1000_gbm1000.json", 2),
                new Workload("policies_10000", "sample_scenarios", null, 4))) {
            double[] local = run(projection(w.policies(), w.scenarios(), null));
            double[] first = run(projection(w.policies(), w.scenarios(), null).executionEngine(ExecutionEngine.spark(MASTER, w.partitions())));
            double[] again = run(projection(w.policies(), w.scenarios(), null).executionEngine(ExecutionEngine.spark(MASTER, w.partitions())));
            assertArrayEquals(first, again, w + ": a repeated run gives the same totals, bit for bit");
            double rel = maxRelative(first, local);
            assertTrue(rel <= 1e-12, w + ": Spark vs single JVM, max relative difference " + rel);
            System.out.printf("%s: %d scenarios, Spark vs single JVM max relative difference %.3g (%s)%n", w, local.length, rel,
                    java.util.Arrays.equals(first, local) ? "bit-identical" : "not bit-identical");
            if (w.expected() != null) {
                double[] e = expected(w.expected());
                assertTrue(maxRelative(first, e) < 1e-9, w + " vs the original engine");
            }
        }
    }

    @Test
    void perPairResultsAreWrittenBySparkAsPartsWithTheSeedsSchemaAndEqualTheLocalFile() throws IOException {
        Path localFile = out.resolve("local.parquet");
        run(projection("policies_10000", "sample_scenarios", "results").output(localFile, "projection.results"));
        Path folder = out.resolve("spark.parquet");
        PipelineResult r = projection("policies_10000", "sample_scenarios", "results").output(folder, "projection.results")
                .executionEngine(ExecutionEngine.spark(MASTER, 4)).build().run();
        assertTrue(r.success(), r.engines().toString());
        assertEquals(folder, r.output().orElseThrow());
        List<Path> parts;
        try (Stream<Path> s = Files.list(folder)) {
            parts = s.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
        }
        assertEquals(4, parts.size(), "one part per partition: 10,000 policies in partitions of 3072");
        assertTrue(Files.exists(folder.resolve("_SUCCESS")));
        try (Stream<Path> s = Files.list(out)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().contains(".spark-")), "no staging folder left");
        }
        String schema = schema(localFile);
        long rows = 0;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment expected = arena.allocate(30_000 * BufferType.RESULT.recordSize(), 16);
            ParquetFiles.read(localFile, BufferType.RESULT, expected);
            for (Path part : parts) {
                assertEquals(schema, schema(part), part + ": the seed's result schema, unsigned ids included");
                long n = ParquetFiles.rowCount(part);
                MemorySegment got = arena.allocate(n * BufferType.RESULT.recordSize(), 16);
                ParquetFiles.read(part, BufferType.RESULT, got);
                long offset = rows * BufferType.RESULT.recordSize();
                assertEquals(-1, got.mismatch(expected.asSlice(offset, got.byteSize())), part + ": same records, same order");
                rows += n;
            }
        }
        assertEquals(30_000, rows);
    }

    private static String schema(Path file) throws IOException {
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file))) {
            return r.getFooter().getFileMetaData().getSchema().toString();
        }
    }

    @Test
    void aTaskFailureInjectedOnceIsRetriedBySparkAndTheResultIsUnchanged() {
        double[] clean = run(projection("policies_10000", "sample_scenarios", null).executionEngine(ExecutionEngine.spark(MASTER, 4)));
        int failedBefore = FAILED_TASKS.get();
        spark.sparkContext().setLocalProperty(PartitionProjection.FAIL_FIRST_ATTEMPT, "1");
        PipelineResult retried;
        try {
            retried = projection("policies_10000", "sample_scenarios", null).executionEngine(ExecutionEngine.spark(MASTER, 4)).build().run();
        } finally {
            spark.sparkContext().setLocalProperty(PartitionProjection.FAIL_FIRST_ATTEMPT, null);
        }
        assertTrue(retried.success(), retried.engines().toString());
        assertEquals(1, FAILED_TASKS.get() - failedBefore, "exactly one task attempt failed");
        assertArrayEquals(clean, retried.valuation().orElseThrow().scenarioNpvs());
        // What the run summary records for the engine: the failed attempt and its re-run.
        java.util.Map<?, ?> report = (java.util.Map<?, ?>) retried.reports().get("projection");
        assertEquals(MASTER, report.get("spark_master"));
        // 1 task reads the policy file (one split) and cuts it into index ranges, 4 tasks project the 4 partitions
        assertEquals(5, report.get("tasks"), report.toString());
        assertEquals(6, report.get("task_attempts"));
        assertEquals(1, report.get("retried_tasks"));
        assertEquals(List.of(), report.get("lost_executors"));
        List<?> failed = (List<?>) report.get("failed_task_attempts");
        assertEquals(1, failed.size());
        java.util.Map<?, ?> f = (java.util.Map<?, ?>) failed.getFirst();
        assertEquals(1, f.get("partition"));
        assertEquals(0, f.get("attempt"));
        assertEquals("driver", f.get("executor"));
        assertTrue(((String) f.get("reason")).startsWith("java.lang.IllegalStateException: injected failure of the first attempt of partition 1"),
                f.toString());
    }

    @Test
    void esgAndSolverRunOnTheDriverAndTheSolverReRunsTheSparkStageWithTheSameAnswerAsLocally() throws IOException {
        String dag = """
                {"data_sources": {"policies": {"type": "parquet", "path": "%s"}},
                 "engines": [
                   {"id": "esg", "type": "esg", "config": {"model": "nested", "outer_paths": 3, "inner_paths_per_outer": 100,
                                                          "projection_years": 50, "seed": 42}, "outputs": ["scenarios"]},
                   {"id": "projection", "type": "projection", "inputs": ["policies", "esg.scenarios"],
                    "config": {"mortality_table": "%s", "lapse_table": "%s", "expenses": "%s"}, "outputs": ["scenario_totals"]},
                   {"id": "solver", "type": "solver", "inputs": ["projection.scenario_totals"],
                    "config": {"objective": "npv_target", "metric": "mean_npv", "target": 0, "parameters": "premium_rate",
                               "premium_rate.initial": 1.0, "premium_rate.lower": 0.5, "premium_rate.upper": 5.0, "algorithm": "brent"}}],
                 "output": {"type": "parquet", "path": "totals.parquet", "from": "projection.scenario_totals"}%s}
                """;
        String[] refs = {data.resolve("policies_10000.parquet").toString(), ReferenceData.upstream("sample_mortality.csv").toString(),
                ReferenceData.upstream("sample_lapse.csv").toString(), ReferenceData.upstream("sample_expenses.csv").toString()};
        Path localDag = out.resolve("local.json");
        Files.writeString(localDag, dag.formatted(refs[0], refs[1], refs[2], refs[3], ""));
        Path sparkDir = Files.createDirectories(out.resolve("spark"));
        Path sparkDag = sparkDir.resolve("spark.json");
        Files.writeString(sparkDag, dag.formatted(refs[0], refs[1], refs[2], refs[3],
                ", \"execution\": {\"engine\": \"spark\", \"master\": \"" + MASTER + "\", \"partitions\": 3}"));
        PipelineResult local = Pipeline.fromJson(localDag).run();
        int jobsBefore = JOBS.get();
        PipelineResult onSpark = Pipeline.fromJson(sparkDag).run();
        int jobs = JOBS.get() - jobsBefore;
        assertTrue(local.success() && onSpark.success(), onSpark.engines().toString());
        assertEquals(ExecutionEngine.spark(MASTER, 3), Pipeline.fromJson(sparkDag).execution().engine(), "selected by the DAG");
        @SuppressWarnings("unchecked")
        var localReport = (java.util.Map<String, Object>) local.reports().get("solver");
        @SuppressWarnings("unchecked")
        var sparkReport = (java.util.Map<String, Object>) onSpark.reports().get("solver");
        System.out.println("solver locally: " + localReport + "\nsolver on Spark: " + sparkReport + "\nSpark jobs: " + jobs);
        assertTrue(jobs > 3, "the solver's evaluations ran Spark jobs: " + jobs);
        assertTrue(maxRelative(onSpark.valuation().orElseThrow().scenarioNpvs(), local.valuation().orElseThrow().scenarioNpvs()) <= 1e-12);
        assertEquals(((Number) ((java.util.Map<?, ?>) localReport.get("parameters")).get("premium_rate")).doubleValue(),
                ((Number) ((java.util.Map<?, ?>) sparkReport.get("parameters")).get("premium_rate")).doubleValue(), 1e-9);
        assertEquals(local.valuation().orElseThrow().scenarioCount(), ParquetFiles.rowCount(sparkDir.resolve("totals.parquet")));
    }

    @Test
    void livecalcRunWithSparkSelectsSparkForTheSameDag() throws IOException {
        Path dag = out.resolve("dag.json");
        Files.writeString(dag, """
                {"data_sources": {"policies": {"type": "parquet", "path": "%s"}, "scenarios": {"type": "parquet", "path": "%s"}},
                 "engines": [{"id": "projection", "type": "projection", "inputs": ["policies", "scenarios"],
                              "config": {"mortality_table": "%s", "lapse_table": "%s", "expenses": "%s"}, "outputs": ["results"]}],
                 "output": {"type": "parquet", "path": "results.parquet"}}
                """.formatted(data.resolve("policies_10000.parquet"), data.resolve("sample_scenarios.parquet"),
                ReferenceData.upstream("sample_mortality.csv"), ReferenceData.upstream("sample_lapse.csv"),
                ReferenceData.upstream("sample_expenses.csv")));
        StringWriter stdout = new StringWriter();
        int jobsBefore = JOBS.get();
        int code = LiveCalcCommand.commandLine().setOut(new PrintWriter(stdout)).setErr(new PrintWriter(new StringWriter()))
                .execute("run", dag.toString(), "--spark", MASTER);
        assertEquals(0, code, stdout.toString());
        assertTrue(JOBS.get() > jobsBefore, "ran on Spark");
        assertTrue(Files.isDirectory(out.resolve("results.parquet")), "a folder of parts: " + stdout);
        assertTrue(Files.exists(out.resolve("results.summary.json")));
        assertTrue(stdout.toString().contains("mean NPV"), stdout.toString());
    }
}
