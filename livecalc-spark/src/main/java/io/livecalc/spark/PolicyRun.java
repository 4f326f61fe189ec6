package io.livecalc.spark;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Consecutive policies, as read from one input split, that go to the same partition: what the shuffle
 * moves (a handful of large objects rather than one object per policy).
 */
final class PolicyRun implements Serializable {

    private static final long serialVersionUID = 1L;

    final long start;
    int count;
    long[] records;

    PolicyRun(long start) {
        this.start = start;
        this.records = new long[64 * PolicyBlock.LONGS_PER_POLICY];
    }

    long next() {
        return start + count;
    }

    /** Room for one more policy; returns the index of its first long. */
    int append() {
        int at = count * PolicyBlock.LONGS_PER_POLICY;
        if (at + PolicyBlock.LONGS_PER_POLICY > records.length) {
            records = Arrays.copyOf(records, records.length * 2);
        }
        count++;
        return at;
    }
}
