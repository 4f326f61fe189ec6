package io.livecalc.buffers;

import io.livecalc.api.BufferType;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * A typed, bounds-checked window on the records of a segment. A view is a flyweight: it holds the
 * segment and its record count, never a copy. Record indices are checked against the count; values
 * that do not fit a field (an age of 256 in a u8, a negative term) are rejected, never truncated.
 */
public abstract sealed class RecordView permits PolicyView, ScenarioView, ResultView {

    private final MemorySegment segment;
    private final BufferType type;
    private final long count;

    RecordView(MemorySegment segment, BufferType type) {
        this.segment = Objects.requireNonNull(segment, "segment");
        this.type = type;
        long size = type.recordSize();
        if (segment.byteSize() % size != 0) {
            throw new IllegalArgumentException("a view of " + type.name() + " records needs a whole number of " + size
                    + "-byte records; the segment has " + segment.byteSize() + " bytes");
        }
        this.count = segment.byteSize() / size;
    }

    static MemorySegment segmentOf(BufferInfo buffer, BufferType expected) {
        if (!buffer.type().equals(expected)) {
            throw new IllegalArgumentException("buffer '" + buffer.name() + "' holds " + buffer.type().name()
                    + " records, not " + expected.name());
        }
        return buffer.segment();
    }

    /** Number of records in the view. */
    public final long count() {
        return count;
    }

    /** The underlying memory (not a copy). */
    public final MemorySegment segment() {
        return segment;
    }

    public final BufferType type() {
        return type;
    }

    final long check(long index) {
        return Objects.checkIndex(index, count);
    }

    final long checkRange(long index, String field, long value, long max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(type.name() + " record " + index + ": " + field + " = " + value
                    + " does not fit the field (0.." + max + ")");
        }
        return value;
    }

    static final long U8_MAX = 0xFF;
    static final long U32_MAX = 0xFFFF_FFFFL;
}
