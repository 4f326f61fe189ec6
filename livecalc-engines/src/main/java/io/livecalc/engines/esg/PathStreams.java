package io.livecalc.engines.esg;

/**
 * The random numbers of every scenario path, counter-based so that a path's draws depend only on the seed,
 * the path's scenario id and the draw number, never on which thread or SIMD lane computes them.
 *
 * <p>Path {@code p} of seed {@code s} has the key {@code k = mix64(s + mix64((p + 1) * GAMMA))}; its draw
 * number {@code n} (0-based) is the SplitMix64 output {@code mix64(k + (n + 1) * GAMMA)} (Steele, Lea and
 * Flood, "Fast splittable pseudorandom number generators", 2014; the finaliser is Stafford's Mix13). The top
 * 52 bits give the uniform {@code u = (bits + 1/2) 2^-52}, strictly inside (0, 1) and exact in double, and
 * the standard normal is {@link StandardNormal#inverseCdf(double) Phi^-1(u)}.
 */
final class PathStreams {

    static final long GAMMA = 0x9E3779B97F4A7C15L;
    static final long MIX_1 = 0xBF58476D1CE4E5B9L;
    static final long MIX_2 = 0x94D049BB133111EBL;
    static final long ONE_BITS = 0x3FF0_0000_0000_0000L;
    static final double HALF_ULP = 0x1p-53;

    private PathStreams() {
    }

    /** The stream key of the path with scenario id {@code pathId}. */
    static long key(long seed, long pathId) {
        return mix64(seed + mix64((pathId + 1) * GAMMA));
    }

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * MIX_1;
        z = (z ^ (z >>> 27)) * MIX_2;
        return z ^ (z >>> 31);
    }

    /** Uniform number {@code draw} of the stream {@code key}, in (0, 1). */
    static double uniform(long key, long draw) {
        long bits = mix64(key + (draw + 1) * GAMMA);
        // 1 + k 2^-52 from the bit pattern, k = bits >>> 12; minus 1 and plus 2^-53 is (k + 1/2) 2^-52, all exact
        return (Double.longBitsToDouble((bits >>> 12) | ONE_BITS) - 1.0) + HALF_ULP;
    }

    /** Standard normal number {@code draw} of the stream {@code key}. */
    static double normal(long key, long draw) {
        return StandardNormal.inverseCdf(uniform(key, draw));
    }
}
