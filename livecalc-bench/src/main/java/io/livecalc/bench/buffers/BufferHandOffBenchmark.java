package io.livecalc.bench.buffers;

import io.livecalc.api.BufferType;
import io.livecalc.api.ScenarioRecord;
import io.livecalc.buffers.BufferInfo;
import io.livecalc.buffers.BufferManager;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Cost of handing an engine's output buffer to the next engine, for an 8 MB and a 1.6 GB SCENARIO buffer.
 * {@link #zeroCopyHandOff} is what LiveCalc does (look the buffer up, pass its segment); its cost must not
 * depend on the size. {@link #copyHandOff} is what a copying design would pay, for contrast.
 *
 * <p>Run: {@code java -jar livecalc-bench/target/benchmarks.jar BufferHandOffBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow"})
public class BufferHandOffBenchmark {

    static final String PRODUCED = "esg.scenarios";

    /** SCENARIO records: 500,000 x 16 B = 8 MB; 100,000,000 x 16 B = 1.6 GB (the type's limit). */
    @Param({"500000", "100000000"})
    public long records;

    BufferManager buffers;
    MemorySegment copyTarget;

    @Setup(Level.Trial)
    public void produce() {
        buffers = new BufferManager();
        BufferInfo out = buffers.allocate(BufferType.SCENARIO, PRODUCED, records);
        MemorySegment s = out.segment();
        for (long i = 0; i < records; i++) {     // the "ESG" writes every record once
            ScenarioRecord.scenarioId(s, i, i / 50);
            ScenarioRecord.year(s, i, i % 50 + 1);
            ScenarioRecord.rate(s, i, 0.03 + (i % 50) * 1e-4);
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        buffers.close();
    }

    /** The consuming engine's first touch: the rates of the first and the last record. */
    static double consume(MemorySegment scenarios) {
        long last = scenarios.byteSize() / ScenarioRecord.SIZE - 1;
        return ScenarioRecord.rate(scenarios, 0) + ScenarioRecord.rate(scenarios, last);
    }

    @Benchmark
    public double zeroCopyHandOff() {
        return consume(buffers.get(PRODUCED).segment());
    }

    @Benchmark
    public double copyHandOff() {
        MemorySegment produced = buffers.get(PRODUCED).segment();
        if (copyTarget == null) {
            copyTarget = buffers.allocate(BufferType.SCENARIO, "copy", records).segment();
        }
        MemorySegment.copy(produced, 0, copyTarget, 0, produced.byteSize());
        return consume(copyTarget);
    }
}
