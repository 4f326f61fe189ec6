package io.livecalc.spark;

import io.livecalc.api.CalcEngineException;
import io.livecalc.api.ConfigurationException;
import io.livecalc.api.EngineExecutionException;
import io.livecalc.api.ScenarioTotalRecord;
import io.livecalc.engines.projection.ProjectionEngine;
import io.livecalc.orchestrator.ExecutionEngine;
import io.livecalc.orchestrator.spi.PolicyStage;
import io.livecalc.orchestrator.spi.StageExecutor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a pipeline's projection stage on Spark (see {@link SparkStageExecutorProvider}): the policies are
 * read and partitioned by Spark ({@link PolicyPartitions}), the scenarios and the assumption tables are
 * broadcast once, every task runs the projection engine over its partition ({@link PartitionProjection}),
 * and the partitions' scenario totals are added on the driver in partition order, so that a repeated run
 * with the same partitioning gives the same totals, bit for bit.
 *
 * <p>The partitioned policies and the broadcast data are kept for the executor's lifetime (one pipeline
 * run), so the solver's re-valuations only run the projection job again.
 */
final class SparkStageExecutor implements StageExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(SparkStageExecutor.class);

    private final ExecutionEngine engine;
    private final SparkSessions.Session session;
    private final JavaSparkContext jsc;
    private final Map<String, Prepared> prepared = new HashMap<>();
    private final TaskRecorder recorder = new TaskRecorder();
    /** Task time per partition of the last run, in ms (for the benchmark's throughput figures). */
    volatile double[] lastPartitionMs = new double[0];

    /** What a stage distributed once: partitioned policies, broadcast inputs and assumptions. */
    private record Prepared(PolicyStage stage, PolicyPartitions policies, Map<String, byte[]> inputBytes,
                            Map<String, Broadcast<byte[]>> inputs, Broadcast<AssumptionSnapshot> assumptions) implements AutoCloseable {

        boolean reusableFor(PolicyStage s) {
            if (!s.policies().equals(stage.policies()) || !s.otherInputs().keySet().equals(inputBytes.keySet())
                    || !assumptions.value().matches(s.config())) {
                return false;
            }
            return s.otherInputs().entrySet().stream()
                    .allMatch(e -> Arrays.equals(e.getValue().toArray(ValueLayout.JAVA_BYTE), inputBytes.get(e.getKey())));
        }

        @Override
        public void close() {
            policies.close();
            inputs.values().forEach(b -> b.destroy());
            assumptions.destroy();
        }
    }

    SparkStageExecutor(ExecutionEngine engine) {
        this.engine = engine;
        this.session = SparkSessions.open(engine);
        this.jsc = JavaSparkContext.fromSparkContext(session.spark().sparkContext());
        jsc.sc().addSparkListener(recorder);
    }

    @Override
    public synchronized PolicyStage.Outcome run(PolicyStage stage, Map<String, Double> parameters) {
        long start = System.nanoTime();
        if (!stage.engineType().equals(ProjectionEngine.TYPE) && !ProjectionEngine.ALIASES.contains(stage.engineType())) {
            throw new ConfigurationException("engine '" + stage.engineId() + "' (" + stage.engineType() + ") cannot run on Spark: "
                    + "the Spark executor runs projection engines (type " + ProjectionEngine.TYPE + ")");
        }
        Prepared p;
        try {
            p = prepare(stage);
        } catch (Exception e) { // Spark's own exceptions are checked ones, thrown undeclared
            throw applicationGone(e) ? failure(stage, e) : e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        Map<String, Object> config = new LinkedHashMap<>(stage.config().asMap());
        config.putAll(parameters);
        config.put("threads", session.spark().sparkContext().getConf().getInt("spark.task.cpus", 1));
        config.put("accumulate_totals", true);
        boolean perPair = parameters.isEmpty() && stage.perPairOutput() != null;
        ResultFolder folder = perPair ? ResultFolder.create(stage.perPairOutput()) : null;
        PartCommit commit = null;
        List<PartitionProjection.Totals> parts;
        String group = "livecalc-" + stage.engineId();
        recorder.begin(group);
        try {
            commit = folder == null ? null : PartCommit.begin(folder.staging, jsc.hadoopConfiguration());
            PartitionProjection task = new PartitionProjection(stage.engineId(), stage.engineType(), config, stage.config().baseDirectory(),
                    stage.policyPort(), stage.totalsPort(), p.inputs(), p.assumptions(), perPair ? stage.perPairPort() : null,
                    perPair ? stage.perPairType() : null, commit);
            jsc.setJobGroup(group, "livecalc: engine '" + stage.engineId() + "' over "
                    + p.policies().policies + " policies in " + p.policies().partitions + " partitions", true);
            parts = p.policies().blocks.map(task).collect();
            if (commit != null) {
                commit.commitJob(parts.stream().sorted(java.util.Comparator.comparingInt(PartitionProjection.Totals::partition))
                        .map(PartitionProjection.Totals::commit).toList());
            }
        } catch (Exception e) { // Spark's own exceptions are checked ones, thrown undeclared
            if (commit != null) {
                try {
                    commit.abortJob();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (folder != null) {
                folder.abort();
            }
            recorder.report(master(), 0);
            throw failure(stage, e);
        } finally {
            jsc.clearJobGroup();
        }
        Map<String, Object> report = new LinkedHashMap<>(recorder.report(master(), 10_000));
        MemorySegment totals = sumInPartitionOrder(parts);
        lastPartitionMs = parts.stream().sorted(java.util.Comparator.comparingInt(PartitionProjection.Totals::partition))
                .mapToDouble(PartitionProjection.Totals::timeMs).toArray();
        report.put("partition_task_ms", Arrays.stream(lastPartitionMs).mapToObj(ms -> (Object) Math.round(ms)).toList());
        long rows = parts.stream().mapToLong(PartitionProjection.Totals::rowsWritten).sum();
        if (folder != null) {
            folder.commit();
        }
        double ms = (System.nanoTime() - start) / 1e6;
        LOG.atInfo().addKeyValue("event", "spark_stage").addKeyValue("engine_id", stage.engineId())
                .addKeyValue("policies", p.policies().policies).addKeyValue("partitions", p.policies().partitions)
                .addKeyValue("partition_policies", p.policies().partitionPolicies).addKeyValue("time_ms", ms)
                .addKeyValue("retried_tasks", report.get("retried_tasks")).addKeyValue("lost_executors", report.get("lost_executors"))
                .log("engine {} ran on Spark ({}): {} policies in {} partitions, {} ms, {} task(s) retried", stage.engineId(), master(),
                        p.policies().policies, p.policies().partitions, Math.round(ms), report.get("retried_tasks"));
        return new PolicyStage.Outcome(totals, p.policies().policies, p.policies().partitions, ms, folder == null ? null : folder.target, rows,
                report);
    }

    private Prepared prepare(PolicyStage stage) {
        Prepared p = prepared.get(stage.engineId());
        if (p != null && p.reusableFor(stage)) {
            return p;
        }
        if (p != null) {
            p.close();
        }
        AssumptionSnapshot snapshot = AssumptionSnapshot.of(stage.config(), stage.credentials());
        Map<String, byte[]> bytes = new HashMap<>();
        Map<String, Broadcast<byte[]>> inputs = new HashMap<>();
        stage.otherInputs().forEach((port, seg) -> {
            byte[] b = seg.toArray(ValueLayout.JAVA_BYTE);
            bytes.put(port, b);
            inputs.put(port, jsc.broadcast(b));
        });
        PolicyPartitions policies = PolicyPartitions.read(session.spark(), stage.policies(), engine.partitions());
        p = new Prepared(stage, policies, bytes, inputs, jsc.broadcast(snapshot));
        prepared.put(stage.engineId(), p);
        return p;
    }

    /** Adds the partitions' totals per scenario, partition 0 first: a fixed order, so repeated runs agree bit for bit. */
    static MemorySegment sumInPartitionOrder(List<PartitionProjection.Totals> parts) {
        List<PartitionProjection.Totals> ordered = parts.stream().sorted(java.util.Comparator.comparingInt(PartitionProjection.Totals::partition)).toList();
        long[] ids = ordered.getFirst().scenarioIds();
        double[] sum = new double[ids.length];
        for (PartitionProjection.Totals t : ordered) {
            if (!Arrays.equals(t.scenarioIds(), ids)) {
                throw new IllegalStateException("partition " + t.partition() + " reports other scenarios than partition 0");
            }
            for (int s = 0; s < sum.length; s++) {
                sum[s] += t.npv()[s];
            }
        }
        MemorySegment out = MemorySegment.ofArray(new long[ids.length * 2]);
        for (int s = 0; s < ids.length; s++) {
            ScenarioTotalRecord.scenarioId(out, s, ids[s]);
            ScenarioTotalRecord.reserved(out, s, 0);
            ScenarioTotalRecord.npv(out, s, sum[s]);
        }
        return out;
    }

    private String master() {
        return jsc.sc().master();
    }

    /**
     * When the application itself is gone (the master removed it, e.g. because its executors could not start,
     * or the context was stopped), an error naming the master that says where to look; else the engine's own
     * exception when a task failed with one (its type decides the exit code); else a wrapper naming the master.
     */
    private RuntimeException failure(PolicyStage stage, Exception e) {
        if (applicationGone(e)) {
            return new EngineExecutionException("engine '" + stage.engineId() + "': the Spark application on " + master()
                    + " was stopped while it ran (the master removes an application whose executors keep failing: see the "
                    + "executors' stderr in the workers' work dirs, app-*/N/stderr): " + e.getMessage(), e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CalcEngineException c) {
                return c;
            }
        }
        return new EngineExecutionException("engine '" + stage.engineId() + "' failed on Spark (" + master() + "): " + e.getMessage(), e);
    }

    /** Whether the SparkContext was stopped or the master removed the application (the context stops a moment later). */
    private boolean applicationGone(Throwable e) {
        if (jsc.sc().isStopped()) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("Master removed our application") || m.contains("SparkContext was shut down")
                    || m.contains("Cannot call methods on a stopped SparkContext"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public synchronized void close() {
        jsc.sc().removeSparkListener(recorder);
        if (jsc.sc().isStopped()) {
            prepared.clear();
            return;
        }
        prepared.values().forEach(Prepared::close);
        prepared.clear();
        if (session.owned()) {
            session.spark().stop();
        }
    }
}
