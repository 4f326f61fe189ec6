package io.livecalc.buffers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.livecalc.api.BufferType;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Writes every field through the typed views and reads the raw little-endian bytes at the documented offsets. */
class RecordLayoutBytesTest {

    private static ByteBuffer bytesOf(MemorySegment s) {
        return ByteBuffer.wrap(s.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void inputRecordIs32BytesWithTermAtOffset12() {
        try (BufferManager m = new BufferManager()) {
            PolicyView v = PolicyView.of(m.allocate(BufferType.INPUT, "p", 2));
            v.setPolicyId(1, 0xF123_4567_89AB_CDEFL).setAge(1, 120).setGender(1, 1).setUnderwritingClass(1, 4)
                    .setProductType(1, 2).setTerm(1, 0xFFFF_FFFEL).setSumAssured(1, 250_000.25).setPremium(1, 1234.5);
            ByteBuffer b = bytesOf(v.segment());
            int r = 32;
            assertEquals(64, b.capacity());
            assertEquals(0xF123_4567_89AB_CDEFL, b.getLong(r));
            assertEquals((byte) 120, b.get(r + 8));
            assertEquals((byte) 1, b.get(r + 9));
            assertEquals((byte) 4, b.get(r + 10));
            assertEquals((byte) 2, b.get(r + 11));
            assertEquals(0xFFFF_FFFE, b.getInt(r + 12));
            assertEquals(250_000.25, b.getDouble(r + 16));
            assertEquals(1234.5, b.getDouble(r + 24));
            for (int i = 0; i < 32; i++) {
                assertEquals(0, b.get(i), "record 0 must stay untouched, byte " + i);
            }
            assertEquals(0xF123_4567_89AB_CDEFL, v.policyId(1));
            assertEquals(0xFFFF_FFFEL, v.term(1));
            assertEquals(120, v.age(1));
        }
    }

    @Test
    void scenarioRecordIs16Bytes() {
        try (BufferManager m = new BufferManager()) {
            ScenarioView v = ScenarioView.of(m.allocate(BufferType.SCENARIO, "s", 3));
            v.set(2, 9_001_999L, 50, 0.0375);
            ByteBuffer b = bytesOf(v.segment());
            assertEquals(48, b.capacity());
            assertEquals(9_001_999, b.getInt(32));
            assertEquals(50, b.getInt(36));
            assertEquals(0.0375, b.getDouble(40));
        }
    }

    @Test
    void resultRecordIs24BytesWithReservedTailZero() {
        try (BufferManager m = new BufferManager()) {
            ResultView v = ResultView.of(m.allocate(BufferType.RESULT, "r", 2));
            v.set(1, 0xFFFF_FFFFL, 4_000_000_000L, -1283.1732938053151);
            ByteBuffer b = bytesOf(v.segment());
            assertEquals(48, b.capacity());
            assertEquals(0xFFFF_FFFF, b.getInt(24));
            assertEquals((int) 4_000_000_000L, b.getInt(28));
            assertEquals(-1283.1732938053151, b.getDouble(32));
            assertEquals(0L, b.getLong(40));
            assertEquals(4_000_000_000L, v.policyId(1));
        }
    }

    @Test
    void rejectsValuesThatDoNotFitTheirField() {
        try (BufferManager m = new BufferManager()) {
            PolicyView p = PolicyView.of(m.allocate(BufferType.INPUT, "p", 1));
            var e = assertThrows(IllegalArgumentException.class, () -> p.setAge(0, 300));
            assertEquals("INPUT record 0: age = 300 does not fit the field (0..255)", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> p.setTerm(0, -1));
            ResultView r = ResultView.of(m.allocate(BufferType.RESULT, "r", 1));
            var e2 = assertThrows(IllegalArgumentException.class, () -> r.setPolicyId(0, 1L << 32));
            assertEquals("RESULT record 0: policy_id = 4294967296 does not fit the field (0..4294967295)", e2.getMessage());
            assertEquals(0, p.age(0));
        }
    }

    @Test
    void indicesAreCheckedAgainstTheRecordCount() {
        try (BufferManager m = new BufferManager()) {
            ScenarioView v = ScenarioView.of(m.allocate(BufferType.SCENARIO, "s", 10));
            assertEquals(10, v.count());
            assertThrows(IndexOutOfBoundsException.class, () -> v.rate(10));
            assertThrows(IndexOutOfBoundsException.class, () -> v.setRate(-1, 0.1));
        }
    }

    @Test
    void viewOfTheWrongBufferTypeIsRefused() {
        try (BufferManager m = new BufferManager()) {
            BufferInfo s = m.allocate(BufferType.SCENARIO, "scen", 10);
            var e = assertThrows(IllegalArgumentException.class, () -> ResultView.of(s));
            assertEquals("buffer 'scen' holds SCENARIO records, not RESULT", e.getMessage());
            var e2 = assertThrows(IllegalArgumentException.class, () -> PolicyView.wrap(MemorySegment.ofArray(new byte[40])));
            assertEquals("a view of INPUT records needs a whole number of 32-byte records; the segment has 40 bytes", e2.getMessage());
        }
    }

    @Test
    void viewsWorkOnHeapSegmentsWithoutAlignment() {
        ScenarioView v = ScenarioView.wrap(MemorySegment.ofArray(new byte[32]).asSlice(16, 16));
        v.set(0, 7, 1, 0.5);
        assertEquals(0.5, v.rate(0));
    }
}
