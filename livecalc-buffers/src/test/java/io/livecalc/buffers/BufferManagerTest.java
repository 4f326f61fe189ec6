package io.livecalc.buffers;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livecalc.api.BufferType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class BufferManagerTest {

    @Test
    void everyBufferStartsOn16ByteBoundaryWhateverItsSize() {
        try (BufferManager m = new BufferManager()) {
            for (int records = 1; records <= 257; records += 3) {
                for (BufferType t : List.of(BufferType.INPUT, BufferType.SCENARIO, BufferType.RESULT)) {
                    BufferInfo b = m.allocate(t, t.name() + records, records);
                    assertEquals(0, b.segment().address() % 16, b.toString());
                    assertEquals(records * t.recordSize(), b.segment().byteSize());
                }
            }
        }
    }

    @Test
    void newBuffersAreZeroFilledEvenWhenMemoryIsReused() {
        try (BufferManager m = new BufferManager()) {
            for (int round = 0; round < 5; round++) {
                BufferInfo b = m.allocate(BufferType.RESULT, "r", 100_003);
                MemorySegment s = b.segment();
                for (long off = 0; off < s.byteSize(); off += 8) {
                    if (s.get(ValueLayout.JAVA_LONG, off) != 0) {
                        throw new AssertionError("non-zero byte near offset " + off + " in round " + round);
                    }
                }
                s.fill((byte) 0x5A);
                m.free("r");
            }
        }
    }

    @Test
    void recordCountAndSizesAreReported() {
        try (BufferManager m = new BufferManager()) {
            BufferInfo b = m.allocate(BufferType.INPUT, "policies", 10_000);
            assertAll(
                    () -> assertEquals("policies", b.name()),
                    () -> assertSame(BufferType.INPUT, b.type()),
                    () -> assertEquals(10_000, b.recordCount()),
                    () -> assertEquals(32, b.recordSize()),
                    () -> assertEquals(320_000, b.totalBytes()),
                    () -> assertFalse(b.isShared()));
        }
    }

    @Test
    void allocationCountsIncludeFreedBuffersAndIgnoreRefusedOnes() {
        try (BufferManager m = new BufferManager(1000)) {
            m.allocate(BufferType.INPUT, "a", 10);
            m.free("a");
            m.allocate(BufferType.RESULT, "b", 4);
            assertThrows(BufferBudgetExceededException.class, () -> m.allocate(BufferType.INPUT, "c", 100));
            assertEquals(2, m.allocationCount());
            assertEquals(10 * 32 + 4 * 24, m.allocatedBytesTotal());
            assertEquals(4 * 24, m.totalAllocated());
        }
    }

    @Test
    void acceptsTheMaximumInputRecordsAndRejectsOneMore() {
        try (BufferManager m = new BufferManager()) {
            BufferInfo max = m.allocate(BufferType.INPUT, "max", 10_000_000);
            assertEquals(320_000_000L, max.totalBytes());
            var e = assertThrows(BufferLimitExceededException.class,
                    () -> m.allocate(BufferType.INPUT, "over", 10_000_001));
            assertEquals("buffer 'over': 10000001 INPUT records (320,000,032 B (305.2 MiB)) exceed the INPUT limit of "
                    + "10000000 records (320,000,000 B (305.2 MiB)) per buffer; split the work into chunks of at most "
                    + "10000000 records (the orchestrator chunks policies for you)", e.getMessage());
            assertFalse(m.contains("over"));
            assertEquals(320_000_000L, m.totalAllocated());
        }
    }

    @Test
    void scenarioAndResultLimitsAre100MillionRecords() {
        try (BufferManager m = new BufferManager()) {
            assertThrows(BufferLimitExceededException.class, () -> m.allocate(BufferType.SCENARIO, "s", 100_000_001));
            assertThrows(BufferLimitExceededException.class, () -> m.allocate(BufferType.RESULT, "r", 100_000_001));
            assertThrows(BufferLimitExceededException.class, () -> m.allocate(BufferType.RESULT, "r", Long.MAX_VALUE));
            assertEquals(0, m.totalAllocated());
        }
    }

    @Test
    void acceptsTheMaximumScenarioRecords() {
        try (BufferManager m = new BufferManager()) {
            assertEquals(1_600_000_000L, m.allocate(BufferType.SCENARIO, "s", 100_000_000).totalBytes());
        }
    }

    @Test
    void rejectsZeroAndNegativeRecordCounts() {
        try (BufferManager m = new BufferManager()) {
            var e = assertThrows(InvalidBufferRequestException.class, () -> m.allocate(BufferType.SCENARIO, "s", 0));
            assertEquals("buffer 's': 0 SCENARIO records requested; a buffer holds at least 1 record", e.getMessage());
            assertThrows(InvalidBufferRequestException.class, () -> m.allocate(BufferType.SCENARIO, "s", -5));
            assertThrows(InvalidBufferRequestException.class, () -> m.allocate(BufferType.SCENARIO, " ", 5));
        }
    }

    @Test
    void rejectsASecondBufferOfTheSameName() {
        try (BufferManager m = new BufferManager()) {
            m.allocate(BufferType.INPUT, "policies", 10);
            var e = assertThrows(DuplicateBufferException.class, () -> m.allocate(BufferType.RESULT, "policies", 10));
            assertEquals("buffer 'policies' is already allocated (INPUT, 10 records); free it first or choose another name",
                    e.getMessage());
            assertEquals(320, m.totalAllocated());
        }
    }

    @Test
    void byteBudgetAcceptsExactFitAndRejectsOneByteMore() {
        try (BufferManager m = new BufferManager(1024)) {
            m.allocate(BufferType.INPUT, "a", 16);           // 512 B
            m.allocate(BufferType.SCENARIO, "b", 32);        // 512 B: exactly the budget
            var e = assertThrows(BufferBudgetExceededException.class, () -> m.allocate(BufferType.SCENARIO, "c", 1));
            assertEquals("buffer 'c': 16 B requested but the manager's budget of 1,024 B (1.0 KiB) has 0 B left "
                    + "(1,024 B (1.0 KiB) in 2 buffer(s)); free buffers, raise the budget or process smaller chunks", e.getMessage());
            m.free("a");
            assertEquals(512, m.allocate(BufferType.INPUT, "c", 16).totalBytes());
        }
    }

    @Test
    void statsListEveryBufferByName() {
        try (BufferManager m = new BufferManager()) {
            m.allocate(BufferType.SCENARIO, "scenarios", 500);
            m.allocate(BufferType.INPUT, "policies", 10);
            m.allocate(BufferType.RESULT, "results", 1000);
            assertEquals(Map.of("policies", 320L, "results", 24_000L, "scenarios", 8_000L), m.stats());
            assertEquals(List.of("policies", "results", "scenarios"), new ArrayList<>(m.stats().keySet()));
            assertEquals(32_320, m.totalAllocated());
        }
    }

    @Test
    void freeIsIdempotentAndReturnsTheBytes() {
        try (BufferManager m = new BufferManager()) {
            m.allocate(BufferType.RESULT, "r", 10);
            assertTrue(m.free("r"));
            assertFalse(m.free("r"));
            assertFalse(m.free("never-allocated"));
            assertEquals(0, m.totalAllocated());
            assertEquals(Map.of(), m.stats());
        }
    }

    @Test
    void unknownBufferMessageListsTheExistingOnes() {
        try (BufferManager m = new BufferManager()) {
            m.allocate(BufferType.INPUT, "policies", 1);
            m.allocate(BufferType.SCENARIO, "scenarios", 1);
            var e = assertThrows(UnknownBufferException.class, () -> m.get("results"));
            assertEquals("no buffer named 'results'; existing buffers: [policies, scenarios]", e.getMessage());
        }
    }

    @Test
    void accessAfterFreeThrowsInsteadOfReadingStaleMemory() {
        try (BufferManager m = new BufferManager()) {
            BufferInfo b = m.allocate(BufferType.RESULT, "r", 4);
            MemorySegment kept = b.segment();
            ResultView view = ResultView.of(b);
            view.setNpv(0, 1.5);
            m.free("r");
            assertTrue(b.isFreed());
            var e = assertThrows(BufferFreedException.class, b::segment);
            assertEquals("buffer 'r' (RESULT, 4 records) has been freed; allocate it again to reuse the name", e.getMessage());
            assertThrows(IllegalStateException.class, () -> kept.get(ValueLayout.JAVA_DOUBLE, 8));
            assertThrows(IllegalStateException.class, () -> view.npv(0));
            assertThrows(IllegalStateException.class, () -> kept.set(ValueLayout.JAVA_DOUBLE, 8, 2.0));
        }
    }

    @Test
    void closeFreesEverythingAndRefusesNewBuffers() {
        BufferManager m = new BufferManager();
        BufferInfo b = m.allocate(BufferType.INPUT, "p", 3);
        m.close();
        m.close();
        assertTrue(b.isFreed());
        assertEquals(0, m.totalAllocated());
        var e = assertThrows(IllegalStateException.class, () -> m.allocate(BufferType.INPUT, "q", 1));
        assertEquals("BufferManager is closed; cannot allocate buffer 'q'", e.getMessage());
    }

    @Test
    void freeAllKeepsTheManagerUsable() {
        try (BufferManager m = new BufferManager()) {
            m.allocate(BufferType.INPUT, "p", 3);
            m.allocate(BufferType.RESULT, "r", 3);
            m.freeAll();
            assertEquals(0, m.totalAllocated());
            assertEquals(96, m.allocate(BufferType.INPUT, "p", 3).totalBytes());
        }
    }

    @Test
    void eightThreadsAllocatingAndFreeingConcurrentlyKeepExactAccounts() throws Exception {
        int threads = 8;
        int rounds = 400;
        try (BufferManager m = new BufferManager(); ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Long>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    long kept = 0;
                    for (int r = 0; r < rounds; r++) {
                        String name = "t" + id + "-" + r;
                        int records = 1 + (r * 7 + id) % 50;
                        BufferInfo b = m.allocate(BufferType.SCENARIO, name, records);
                        ScenarioView v = ScenarioView.of(b);
                        v.set(records - 1, id, r, r * 0.5);
                        if (v.scenarioId(records - 1) != id || v.year(records - 1) != r) {
                            throw new AssertionError("buffer " + name + " was written by another thread");
                        }
                        if (r % 2 == 0) {
                            m.free(name);
                        } else {
                            kept += b.totalBytes();
                        }
                    }
                    return kept;
                }));
            }
            start.countDown();
            long expected = 0;
            for (Future<Long> f : futures) {
                expected += f.get();
            }
            assertEquals(expected, m.totalAllocated());
            assertEquals(threads * rounds / 2, m.stats().size());
            assertEquals(expected, m.stats().values().stream().mapToLong(Long::longValue).sum());
        }
    }

    @Test
    void concurrentRequestsForOneNameYieldExactlyOneBuffer() throws Exception {
        try (BufferManager m = new BufferManager(); ExecutorService pool = Executors.newFixedThreadPool(8)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        m.allocate(BufferType.RESULT, "shared-name", 1000);
                        return true;
                    } catch (DuplicateBufferException e) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> f : futures) {
                winners += f.get() ? 1 : 0;
            }
            assertEquals(1, winners);
            assertEquals(24_000, m.totalAllocated());
        }
    }
}
