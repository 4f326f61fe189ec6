package io.livecalc.spark;

import io.livecalc.api.BufferType;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.ExecutionResult;
import io.livecalc.api.ICalcEngine;
import io.livecalc.api.PolicyRecord;
import io.livecalc.api.ScenarioTotalRecord;
import io.livecalc.engines.projection.ProjectionEngine;
import io.livecalc.orchestrator.EngineFactory;
import io.livecalc.parquet.ParquetFiles;
import io.livecalc.parquet.ParquetRecordWriter;
import io.livecalc.parquet.ParquetWriteOptions;
import java.io.Serializable;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.internal.io.FileCommitProtocol;

/**
 * The work of one Spark task: the stage's engine over one {@link PolicyBlock}, in off-heap buffers that
 * live as long as the task. Returns the partition's scenario totals; with a per-pair output, also writes
 * the partition's (policy, scenario) records as one Parquet part file (the seed's result schema), in
 * sub-chunks of whole 1024-policy blocks so that memory stays small whatever the partition size, and
 * commits it through Spark's output commit protocol ({@link PartCommit}).
 */
final class PartitionProjection implements Function<PolicyBlock, PartitionProjection.Totals>, Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Test hook, a Spark local property (set on the thread that starts the run, inherited by the runner's
     * threads): the first attempt of the task of this partition fails, and Spark retries it. Unset in normal runs.
     */
    static final String FAIL_FIRST_ATTEMPT = "livecalc.test.failFirstAttemptOfPartition";

    /** Most bytes of per-pair records one sub-chunk writes. */
    private static final long PER_PAIR_CHUNK_BYTES = 64L << 20;

    /** One partition's result. */
    record Totals(int partition, long[] scenarioIds, double[] npv, long policies, long rowsWritten, double timeMs,
                  FileCommitProtocol.TaskCommitMessage commit) implements Serializable {
    }

    private final String engineId;
    private final String engineType;
    private final HashMap<String, Object> config;
    private final String baseDirectory;
    private final String policyPort;
    private final String totalsPort;
    private final HashMap<String, Broadcast<byte[]>> inputs;
    private final Broadcast<AssumptionSnapshot> assumptions;
    private final String perPairPort;
    private final String perPairType;
    private final PartCommit parts;

    PartitionProjection(String engineId, String engineType, Map<String, Object> config, Path baseDirectory, String policyPort,
                        String totalsPort, Map<String, Broadcast<byte[]>> inputs, Broadcast<AssumptionSnapshot> assumptions,
                        String perPairPort, BufferType perPairType, PartCommit parts) {
        this.engineId = engineId;
        this.engineType = engineType;
        this.config = new HashMap<>(config);
        this.baseDirectory = baseDirectory == null ? null : baseDirectory.toString();
        this.policyPort = policyPort;
        this.totalsPort = totalsPort;
        this.inputs = new HashMap<>(inputs);
        this.assumptions = assumptions;
        this.perPairPort = perPairPort;
        this.perPairType = perPairType == null ? null : perPairType.name();
        this.parts = parts;
    }

    @Override
    public Totals call(PolicyBlock block) {
        injectFailure(block.partition());
        long start = System.nanoTime();
        ICalcEngine engine = newEngine();
        try (Arena arena = Arena.ofConfined()) {
            Map<String, MemorySegment> in = new HashMap<>();
            inputs.forEach((port, bytes) -> {
                byte[] b = bytes.value();
                MemorySegment seg = arena.allocate(b.length, 16);
                MemorySegment.copy(MemorySegment.ofArray(b), 0, seg, 0, b.length);
                in.put(port, seg);
            });
            MemorySegment policies = arena.allocate(Math.max(1, (long) block.count() * PolicyRecord.SIZE), 16);
            MemorySegment.copy(block.segment(), 0, policies, 0, (long) block.count() * PolicyRecord.SIZE);
            in.put(policyPort, policies.asSlice(0, (long) block.count() * PolicyRecord.SIZE));
            engine.initialize(EngineConfig.of(engineId, config, baseDirectory == null ? null : Path.of(baseDirectory)), null);
            long scenarios = engine.outputRecords(totalsPort, in).orElseThrow();
            // Zeroed, and accumulate_totals is on: sub-chunks add up to what one run over the partition gives.
            MemorySegment totals = arena.allocate(scenarios * ScenarioTotalRecord.SIZE, 16);
            FileCommitProtocol.TaskCommitMessage[] committed = new FileCommitProtocol.TaskCommitMessage[1];
            long rows = perPairPort == null ? runTotals(engine, in, totals) : runPerPair(engine, in, totals, arena, block, committed);
            long[] ids = new long[(int) scenarios];
            double[] npv = new double[(int) scenarios];
            for (int s = 0; s < scenarios; s++) {
                ids[s] = ScenarioTotalRecord.scenarioId(totals, s);
                npv[s] = ScenarioTotalRecord.npv(totals, s);
            }
            return new Totals(block.partition(), ids, npv, block.count(), rows, (System.nanoTime() - start) / 1e6, committed[0]);
        } finally {
            engine.dispose();
        }
    }

    private long runTotals(ICalcEngine engine, Map<String, MemorySegment> in, MemorySegment totals) {
        check(engine.runChunk(in, Map.of(totalsPort, totals)));
        return 0;
    }

    private long runPerPair(ICalcEngine engine, Map<String, MemorySegment> in, MemorySegment totals, Arena arena, PolicyBlock block,
                            FileCommitProtocol.TaskCommitMessage[] committed) {
        BufferType type = perPairType.equals(BufferType.RESULT_DETAIL.name()) ? BufferType.RESULT_DETAIL : BufferType.RESULT;
        MemorySegment all = in.get(policyPort);
        long scenarios = totals.byteSize() / ScenarioTotalRecord.SIZE;
        long perPolicy = scenarios * type.recordSize();
        long sub = Math.max(PolicyPartitions.ALIGNMENT, PER_PAIR_CHUNK_BYTES / perPolicy / PolicyPartitions.ALIGNMENT * PolicyPartitions.ALIGNMENT);
        sub = Math.min(sub, block.count());
        MemorySegment buffer = arena.allocate(sub * perPolicy, 16);
        long rows = 0;
        PartCommit.Attempt attempt = parts.attempt(block.partition());
        try (ParquetRecordWriter w = ParquetFiles.openWriter(attempt.file, type, ParquetWriteOptions.defaults())) {
            for (long from = 0; from < block.count(); from += sub) {
                long n = Math.min(sub, block.count() - from);
                Map<String, MemorySegment> chunk = new HashMap<>(in);
                chunk.put(policyPort, all.asSlice(from * PolicyRecord.SIZE, n * PolicyRecord.SIZE));
                MemorySegment out = buffer.asSlice(0, n * perPolicy);
                long t0 = System.nanoTime();
                check(engine.runChunk(chunk, Map.of(totalsPort, totals, perPairPort, out)));
                w.setExecutionTimeMs((System.nanoTime() - t0) / 1e6);
                w.write(out, n * scenarios);
                rows += n * scenarios;
            }
            w.commit();
        } catch (RuntimeException | Error e) {
            attempt.abort();
            throw e;
        }
        committed[0] = attempt.commit();
        return rows;
    }

    private void check(ExecutionResult r) {
        if (!r.success()) {
            throw new io.livecalc.api.EngineExecutionException("engine '" + engineId + "' failed on a Spark partition: " + r.errorMessage());
        }
    }

    private ICalcEngine newEngine() {
        boolean projection = engineType.equals(ProjectionEngine.TYPE) || ProjectionEngine.ALIASES.contains(engineType);
        if (projection && assumptions != null) {
            return new ProjectionEngine(assumptions.value().source(), null);
        }
        return EngineFactory.load().create(engineType);
    }

    private static void injectFailure(int partition) {
        TaskContext task = TaskContext.get();
        if (task != null && task.attemptNumber() == 0 && String.valueOf(partition).equals(task.getLocalProperty(FAIL_FIRST_ATTEMPT))) {
            throw new IllegalStateException("injected failure of the first attempt of partition " + partition + " (" + FAIL_FIRST_ATTEMPT + ")");
        }
    }
}
