package io.livecalc.bench.buffers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The benchmark's workload gives the right answer, and the zero-copy path really hands over the producer's memory. */
class BufferHandOffBenchmarkTest {

    @Test
    void consumerReadsTheRatesTheProducerWroteInPlace() {
        BufferHandOffBenchmark b = new BufferHandOffBenchmark();
        b.records = 500_000;
        b.produce();
        try {
            long producedAddress = b.buffers.get(BufferHandOffBenchmark.PRODUCED).segment().address();
            // record 0: year 1 -> 0.03; record 499,999: year 50 -> 0.03 + 49e-4
            assertEquals(0.03 + (0.03 + 49e-4), b.zeroCopyHandOff());
            assertEquals(b.zeroCopyHandOff(), b.copyHandOff());
            assertEquals(producedAddress, b.buffers.get(BufferHandOffBenchmark.PRODUCED).segment().address());
        } finally {
            b.close();
        }
    }

    @Test
    void allocationBenchmarkLeavesNothingAllocated() {
        BufferAllocationBenchmark b = new BufferAllocationBenchmark();
        b.mebibytes = 1;
        b.open();
        try {
            b.allocateAndFreeOffHeap();
            assertEquals(0, b.allocateTouchAndFreeShared());
            assertEquals(0, b.buffers.totalAllocated());
        } finally {
            b.close();
        }
    }
}
