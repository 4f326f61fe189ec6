package io.livecalc.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livecalc.api.BufferType;
import io.livecalc.cli.LiveCalcCommand;
import io.livecalc.engines.ReferenceData;
import io.livecalc.engines.projection.SyntheticPortfolio;
import io.livecalc.orchestrator.ExecutionEngine;
import io.livecalc.orchestrator.Pipeline;
import io.livecalc.orchestrator.PipelineBuilder;
import io.livecalc.orchestrator.PipelineResult;
import io.livecalc.parquet.CsvParquetConverter;
import io.livecalc.parquet.ParquetFiles;
import io.livecalc.parquet.ParquetWriteOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerApplicationStart;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The projection stage on a Spark standalone cluster of separate JVMs on loopback: one master and two workers
 * (one core each) started by {@code scripts/local-cluster.sh} from the Spark jars this module resolves, the
 * executors loading LiveCalc from the job jar the driver ships. 100,000 policies x 1000 scenarios with per-pair
 * output; one worker and its executor are killed (SIGKILL) while the job runs; Spark re-runs the lost tasks on
 * the other worker. The totals must equal those of a {@code local[2]} run with the same partitions bit for bit,
 * the per-pair parts the same rows, and no process the test started may outlive it.
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalClusterIT {

    static final int POLICIES = 100_000;
    static final int SCENARIOS = 1000;
    /** Requested partitions: 100,000 policies in partitions of 13,312 (12,500 rounded up to a multiple of 1024) = 8 partitions. */
    static final int PARTITIONS = 8, EXPECTED_PARTS = 8;
    /** The worker of the executor that starts this result task (1-based, counting every attempt) is killed. */
    static final int KILL_AT_TASK_START = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    static Path base;
    static Path clusterDir;
    static String master;
    static Path policies, scenarios;

    @BeforeAll
    static void startCluster() throws Exception {
        // The test's marker: every process it starts has this folder on its command line (class path, work dir).
        base = Files.createTempDirectory("livecalc-cluster-it-");
        clusterDir = base.resolve("cluster");
        policies = base.resolve("policies_100k.parquet");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = arena.allocate((long) POLICIES * BufferType.INPUT.recordSize(), 16);
            SyntheticPortfolio.write(p, POLICIES, 42);
            ParquetFiles.write(policies, BufferType.INPUT, p, POLICIES, ParquetWriteOptions.defaults());
        }
        scenarios = base.resolve("scenarios_gbm_1000.parquet");
        new CsvParquetConverter().convert(ReferenceData.upstream("scenarios_gbm_seed42_n1000.csv"), scenarios);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Script start = script("start", port);
        assertEquals(0, start.exit, "local-cluster.sh start failed:\n" + start.err);
        master = start.out.strip();
        assertEquals("spark://127.0.0.1:" + port, master);
        // The cluster session's UI would take a port; executors get a small heap; jobs wait (up to 30 s) until both
        // executors (2 cores, spark.cores.max) have registered, so that the first wave of tasks runs on both workers.
        System.setProperty("spark.ui.enabled", "false");
        System.setProperty("spark.cores.max", "2");
        System.setProperty("spark.executor.memory", "768m");
        System.setProperty("spark.scheduler.minRegisteredResourcesRatio", "1.0");
    }

    @AfterAll
    static void stopClusterAndCheckForOrphans() throws Exception {
        System.clearProperty("spark.ui.enabled");
        System.clearProperty("spark.executor.memory");
        System.clearProperty("spark.scheduler.minRegisteredResourcesRatio");
        System.clearProperty("spark.cores.max");
        System.clearProperty("spark.extraListeners");
        List<String> leftovers;
        try {
            Script stop = script("stop", 0);
            assertEquals(0, stop.exit, stop.err);
        } finally {
            leftovers = waitForNoProcessWith(base.toString(), 20_000);
            leftovers.forEach(l -> ProcessHandle.of(Long.parseLong(l.split(" ", 2)[0])).ifPresent(ProcessHandle::destroyForcibly));
            deleteTree(base);
        }
        assertEquals(List.of(), leftovers, "processes the test started are still running after the cluster was stopped");
    }

    /** The script's result. */
    record Script(int exit, String out, String err) {
    }

    static Script script(String command, int port) throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("user.dir")).resolve("scripts").resolve("local-cluster.sh");
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), command);
        pb.environment().put("LIVECALC_CLUSTER_DIR", clusterDir.toString());
        pb.environment().put("LIVECALC_CLUSTER_PORT", String.valueOf(port));
        pb.environment().put("LIVECALC_CLUSTER_WORKERS", "2");
        pb.environment().put("LIVECALC_CLUSTER_CORES", "1");
        pb.environment().put("LIVECALC_CLUSTER_MEMORY", "1g");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Path out = Files.createTempFile(base, "script", ".out");
        Path err = Files.createTempFile(base, "script", ".err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("local-cluster.sh " + command + " did not finish within 300 s: " + Files.readString(err));
        }
        return new Script(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** Processes whose command line contains {@code marker} ("pid command"), after waiting up to {@code ms} for them to go. */
    static List<String> waitForNoProcessWith(String marker, long ms) throws InterruptedException {
        long deadline = System.currentTimeMillis() + ms;
        while (true) {
            List<String> found = ProcessHandle.allProcesses().filter(p -> p.pid() != ProcessHandle.current().pid())
                    .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                    .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList();
            if (found.isEmpty() || System.currentTimeMillis() > deadline) {
                return found;
            }
            Thread.sleep(200);
        }
    }

    static String dag(Path output, String from, String execution) {
        return """
                {"data_sources": {"policies": {"type": "parquet", "path": "%s"}, "scenarios": {"type": "parquet", "path": "%s"}},
                 "engines": [{"id": "projection", "type": "projection", "inputs": ["policies", "scenarios"],
                              "config": {"mortality_table": "%s", "lapse_table": "%s", "expenses": "%s"},
                              "outputs": ["results", "scenario_totals"]}],
                 "output": {"type": "parquet", "path": "%s", "from": "%s"},
                 "execution": %s}
                """.formatted(policies, scenarios, ReferenceData.upstream("sample_mortality.csv"), ReferenceData.upstream("sample_lapse.csv"),
                ReferenceData.upstream("sample_expenses.csv"), output, from, execution);
    }

    @Test
    @Order(1)
    void livecalcRunWithSparkOnTheClusterSendsTheStageToItsExecutors() throws IOException {
        Path dir = Files.createDirectories(base.resolve("cli"));
        Path dag = dir.resolve("totals.json");
        Files.writeString(dag, dag(dir.resolve("totals.parquet"), "projection.scenario_totals", "{\"engine\": \"spark\", \"partitions\": 4}"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LiveCalcCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("run", dag.toString(), "--spark", master);
        assertEquals(0, code, out + "\n" + err);
        assertTrue(out.toString().contains("projection: spark_master=" + master + " spark_jobs=1 executors_used=2"), out.toString());
        assertEquals(SCENARIOS, ParquetFiles.rowCount(dir.resolve("totals.parquet")));
        JsonNode report = JSON.readTree(dir.resolve("totals.summary.json").toFile()).get("engines").get(0).get("report");
        assertEquals(master, report.get("spark_master").asText());
        assertEquals(0, report.get("retried_tasks").asInt());
    }

    @Test
    @Order(2)
    void anUnreachableMasterIsABadInputNamingTheUrl() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Path dag = base.resolve("unreachable.json");
        Files.writeString(dag, dag(base.resolve("unreachable.parquet"), "projection.scenario_totals", "{\"engine\": \"local\"}"));
        StringWriter err = new StringWriter();
        int code = LiveCalcCommand.commandLine().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err))
                .execute("run", dag.toString(), "--spark", "spark://127.0.0.1:" + closed);
        assertEquals(LiveCalcCommand.EXIT_BAD_INPUT, code, err.toString());
        assertTrue(err.toString().startsWith("livecalc run: cannot reach the Spark master spark://127.0.0.1:" + closed + ": 127.0.0.1:" + closed
                + " (Connection refused)"), err.toString());
    }

    @Test
    @Order(3)
    void executorsThatCannotStartMakeTheMasterRemoveTheApplicationAndTheRunIsABadInputNamingTheMaster() throws IOException {
        Path dir = Files.createDirectories(base.resolve("no-jdk"));
        Path dag = dir.resolve("totals.json");
        Files.writeString(dag, dag(dir.resolve("totals.parquet"), "projection.scenario_totals", "{\"engine\": \"spark\", \"partitions\": 4}"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        System.setProperty("spark.executorEnv.JAVA_HOME", base.resolve("no-such-jdk").toString()); // the workers cannot launch executors
        int code;
        try {
            code = LiveCalcCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                    .execute("run", dag.toString(), "--spark", master);
        } finally {
            System.clearProperty("spark.executorEnv.JAVA_HOME");
        }
        assertEquals(LiveCalcCommand.EXIT_BAD_INPUT, code, out + "\n" + err);
        assertTrue(err.toString().startsWith("livecalc run: the Spark application on " + master + " stopped while it started ("), err.toString());
        assertTrue(err.toString().contains("Executors need a JDK 25 at spark.executorEnv.JAVA_HOME (now " + base.resolve("no-such-jdk") + ")"),
                err.toString());
        assertFalse(Files.exists(dir.resolve("totals.parquet")));
    }

    /**
     * Kills (SIGKILL) the worker, and its executor, whose executor starts the {@link #KILL_AT_TASK_START}th task of the
     * projection's result stage: mid-job, with one task running there and at least one finished. Registered through
     * {@code spark.extraListeners}, so the session the product creates carries it.
     */
    public static final class KillWorkerListener extends SparkListener {
        static volatile String appId;
        static volatile int resultStage = -1;
        static volatile int started;
        static volatile String victimExecutor;
        static volatile int victimPartition = -1;
        static volatile int victimWorker;
        static volatile Throwable failure;

        static void reset() {
            appId = null;
            resultStage = -1;
            started = 0;
            victimExecutor = null;
            victimPartition = -1;
            victimWorker = 0;
            failure = null;
        }

        @Override
        public void onApplicationStart(SparkListenerApplicationStart e) {
            appId = e.appId().get();
        }

        @Override
        public synchronized void onJobStart(SparkListenerJobStart e) {
            if ("livecalc-projection".equals(e.properties().getProperty("spark.jobGroup.id"))) {
                resultStage = CollectionConverters.asJava(e.stageIds()).stream().mapToInt(id -> (Integer) id).max().orElseThrow();
            }
        }

        @Override
        public synchronized void onTaskStart(SparkListenerTaskStart e) {
            if (e.stageId() != resultStage || victimExecutor != null || ++started < KILL_AT_TASK_START) {
                return;
            }
            victimExecutor = e.taskInfo().executorId();
            victimPartition = e.taskInfo().index();
            Thread t = new Thread(() -> {
                try {
                    victimWorker = killWorkerOf(victimExecutor);
                } catch (Throwable x) {
                    failure = x;
                }
            }, "kill-worker");
            t.start();
        }

        private static int killWorkerOf(String executor) throws IOException {
            for (int w = 1; w <= 2; w++) {
                if (Files.isDirectory(clusterDir.resolve("worker-" + w).resolve("work").resolve(appId).resolve(executor))) {
                    long pid = Long.parseLong(Files.readString(clusterDir.resolve("worker-" + w + ".pid")).strip());
                    ProcessHandle worker = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("worker " + pid + " is not running"));
                    List<ProcessHandle> tree = new ArrayList<>(worker.descendants().toList());
                    tree.add(worker);
                    tree.forEach(ProcessHandle::destroyForcibly); // SIGKILL: the machine is gone
                    return w;
                }
            }
            throw new IllegalStateException("no worker holds executor " + executor + " of " + appId);
        }
    }

    @Test
    @Order(4)
    void aWorkerKilledMidJobIsSurvivedAndTheResultsEqualALocalRunBitForBit() throws Exception {
        Path clusterOut = base.resolve("on-cluster").resolve("results.parquet");
        Path clusterDag = Files.createDirectories(clusterOut.getParent()).resolve("dag.json");
        Files.writeString(clusterDag, dag(clusterOut, "projection.results",
                "{\"engine\": \"spark\", \"master\": \"" + master + "\", \"partitions\": " + PARTITIONS + "}"));
        KillWorkerListener.reset();
        System.setProperty("spark.extraListeners", KillWorkerListener.class.getName());
        PipelineResult onCluster;
        long t0 = System.nanoTime();
        try {
            onCluster = Pipeline.fromJson(clusterDag).run();
        } finally {
            System.clearProperty("spark.extraListeners");
        }
        assertTrue(onCluster.success(), onCluster.engines().toString());
        assertNull(KillWorkerListener.failure);
        assertNotNull(KillWorkerListener.victimExecutor, "a worker was killed during the job");
        assertEquals(ExecutionEngine.spark(master, PARTITIONS), Pipeline.fromJson(clusterDag).execution().engine());

        // The run summary records the lost executor and the re-run of the task it was running.
        JsonNode report = JSON.readTree(onCluster.summary().orElseThrow().toFile()).get("engines").get(0).get("report");
        System.out.println("cluster run: killed worker-" + KillWorkerListener.victimWorker + " (executor " + KillWorkerListener.victimExecutor
                + ", partition " + KillWorkerListener.victimPartition + "); report " + report);
        assertEquals(master, report.get("spark_master").asText());
        assertEquals(1, report.get("lost_executors").size(), report.toString());
        assertEquals(KillWorkerListener.victimExecutor, report.get("lost_executors").get(0).get("executor").asText());
        JsonNode firstFailure = report.get("failed_task_attempts").get(0);
        assertEquals(KillWorkerListener.victimPartition, firstFailure.get("partition").asInt(), report.toString());
        assertEquals(KillWorkerListener.victimExecutor, firstFailure.get("executor").asText());
        assertEquals(0, firstFailure.get("attempt").asInt());
        assertTrue(firstFailure.get("reason").asText().startsWith("ExecutorLostFailure"), firstFailure.toString());
        assertTrue(report.get("retried_tasks").asInt() >= 1, report.toString());
        assertEquals(report.get("task_attempts").asInt() - report.get("tasks").asInt(), report.get("retried_tasks").asInt());

        // The same DAG on local[2], same partitions.
        Path localOut = base.resolve("local").resolve("results.parquet");
        Path localDag = Files.createDirectories(localOut.getParent()).resolve("dag.json");
        Files.writeString(localDag, dag(localOut, "projection.results", "{\"engine\": \"spark\", \"master\": \"local[2]\", \"partitions\": "
                + PARTITIONS + "}"));
        long t1 = System.nanoTime();
        PipelineResult local = PipelineBuilder.fromJson(localDag).build().run();
        long t2 = System.nanoTime();
        assertTrue(local.success(), local.engines().toString());
        assertEquals(0, ((Map<?, ?>) local.reports().get("projection")).get("retried_tasks"));

        double[] a = onCluster.valuation().orElseThrow().scenarioNpvs();
        double[] b = local.valuation().orElseThrow().scenarioNpvs();
        assertEquals(SCENARIOS, a.length);
        assertArrayEquals(b, a, "totals reduced on the driver in partition order: bit-identical to local[2]");

        List<String> clusterParts = parts(clusterOut);
        assertEquals(EXPECTED_PARTS, clusterParts.size(), clusterParts.toString());
        for (int i = 0; i < EXPECTED_PARTS; i++) {
            assertTrue(clusterParts.get(i).matches(String.format("part-%05d-[0-9a-f-]{36}\\.parquet", i)), clusterParts.get(i));
        }
        assertTrue(Files.exists(clusterOut.resolve("_SUCCESS")));
        assertFalse(Files.exists(clusterOut.resolve("_temporary")), "the committer left its _temporary folder");
        try (Stream<Path> s = Files.list(clusterOut.getParent())) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().contains(".spark-")).toList(), "staging folder left");
        }

        // DuckDB reads each result folder as one table: same rows (count and an order-free fingerprint of every value).
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement st = duck.createStatement()) {
                st.execute("SET threads = 2");
                st.execute("SET memory_limit = '1GB'");
            }
            String[] onClusterRows = fingerprint(duck, clusterOut);
            String[] localRows = fingerprint(duck, localOut);
            System.out.printf("per-pair rows: cluster %s; local %s%ncluster run %.1f s, local[2] run %.1f s, DuckDB %.1f s%n",
                    String.join(" ", onClusterRows), String.join(" ", localRows), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (System.nanoTime() - t2) / 1e9);
            assertEquals(String.valueOf((long) POLICIES * SCENARIOS), onClusterRows[0]);
            assertEquals(String.valueOf(POLICIES), onClusterRows[1]);
            assertArrayEquals(localRows, onClusterRows);
        }
    }

    static List<String> parts(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".parquet")).sorted().toList();
        }
    }

    /** Row count, distinct policies, and the sum of every row's hash of (policy_id, scenario_id, npv) over {@code folder/*.parquet}. */
    static String[] fingerprint(Connection duck, Path folder) throws SQLException {
        String sql = "SELECT count(*), count(DISTINCT policy_id), sum(hash(policy_id, scenario_id, npv)) FROM read_parquet('"
                + folder.resolve("*.parquet").toString().replace("'", "''") + "')";
        try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next());
            return new String[] {rs.getString(1), rs.getString(2), rs.getString(3)};
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
