package io.livecalc.bench.buffers;

import io.livecalc.api.BufferType;
import io.livecalc.buffers.BufferInfo;
import io.livecalc.buffers.BufferManager;
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
 * Allocate + free of one buffer (zero-filled off-heap, or a zero-filled memory-mapped file in /dev/shm
 * whose pages are touched once), to state the allocation cost per MB.
 *
 * <p>Run: {@code java -jar livecalc-bench/target/benchmarks.jar BufferAllocationBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow"})
public class BufferAllocationBenchmark {

    /** Megabytes per buffer (SCENARIO records of 16 B: 65,536 per MiB). */
    @Param({"1", "64", "1024"})
    public int mebibytes;

    BufferManager buffers;

    @Setup(Level.Trial)
    public void open() {
        buffers = new BufferManager();
    }

    @TearDown(Level.Trial)
    public void close() {
        buffers.close();
    }

    @Benchmark
    public long allocateAndFreeOffHeap() {
        BufferInfo b = buffers.allocate(BufferType.SCENARIO, "b", mebibytes * 65_536L);
        long address = b.segment().address();
        buffers.free("b");
        return address;
    }

    /** A mapped file's pages are only backed when touched; touching one byte per page makes the cost real. */
    @Benchmark
    public long allocateTouchAndFreeShared() {
        BufferInfo b = buffers.allocateShared(BufferType.SCENARIO, "s", mebibytes * 65_536L);
        var seg = b.segment();
        long sum = 0;
        for (long off = 0; off < seg.byteSize(); off += 4096) {
            sum += seg.get(java.lang.foreign.ValueLayout.JAVA_BYTE, off);
        }
        buffers.free("s");
        return sum;
    }
}
