package io.livecalc.engines.projection.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * When a warming kernel ({@link WarmingTermLanes}, {@link WarmingLaneMath}) stops running the plain loops: once
 * every thread together has spent {@code limitNanos} in them, the Vector API kernel takes over for good. Until C2
 * has compiled it, Vector API code runs interpreted with every vector a heap object, many times slower than the
 * plain loops; switching after as much time as that warm-up costs is the ski-rental rule (at worst twice the
 * better choice), so a one-shot run never pays the warm-up and a long-lived process pays it once.
 */
final class WarmUp {

    /** Time in the plain loops after which the vector kernel takes over (property {@code livecalc.simd.warmup.ms}). */
    static final long NANOS = Long.getLong("livecalc.simd.warmup.ms", 1000) * 1_000_000L;

    private final long limitNanos;
    private final AtomicLong scalarNanos = new AtomicLong();
    private volatile boolean hot;

    WarmUp(long limitNanos) {
        this.limitNanos = limitNanos;
    }

    /** Whether a kernel chosen as {@code kernel} (its plain-loop sibling being {@code scalar}) should warm up first. */
    static boolean wanted(Object kernel, Object scalar) {
        return kernel != scalar && !"true".equalsIgnoreCase(System.getProperty("livecalc.simd", "").trim()) && NANOS > 0;
    }

    /** Whether the vector kernel has taken over. */
    boolean hot() {
        return hot;
    }

    /** Counts the plain loops' time since {@code start} ({@code System.nanoTime()}). */
    void spent(long start) {
        if (scalarNanos.addAndGet(System.nanoTime() - start) >= limitNanos) {
            hot = true;
        }
    }
}
