package io.livecalc.spark;

import io.livecalc.api.PolicyRecord;
import java.io.Serializable;
import java.lang.foreign.MemorySegment;

/**
 * The policies of one Spark partition: the contiguous policy indexes {@code [start, start + count)} of the
 * portfolio as INPUT records (32 bytes, four longs per policy), in policy order.
 */
record PolicyBlock(int partition, long start, int count, long[] records) implements Serializable {

    static final int LONGS_PER_POLICY = (int) (PolicyRecord.SIZE / Long.BYTES);

    /** The records as a (heap, 8-byte aligned) segment of INPUT records. */
    MemorySegment segment() {
        return MemorySegment.ofArray(records).asSlice(0, (long) count * PolicyRecord.SIZE);
    }
}
