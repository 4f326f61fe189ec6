package io.livecalc.engines.esg;

/**
 * The random numbers of every scenario path, counter-based so that a path's draws depend only on the seed,
 * the path's scenario id and the draw number, never on which thread or SIMD lane computes them.
 *
 * <p>Path {@code p} of seed {@code s} has the key {@code k = mix64(s + mix64((p + 1) * GAMMA))}; its draw
 * number {@code n} (0-based) starts from the SplitMix64 output {@code w = mix64(k + (n + 1) * GAMMA)} (Steele,
 * Lea and Flood, "Fast splittable pseudorandom number generators", 2014; the finaliser is Stafford's Mix13),
 * and the standard normal is {@link StandardNormal#fromWord(long) the ziggurat draw of w} (which, about once
 * in a hundred draws, continues with the SplitMix64 sequence started at {@code w}).
 */
final class PathStreams {

    static final long GAMMA = 0x9E3779B97F4A7C15L;
    static final long MIX_1 = 0xBF58476D1CE4E5B9L;
    static final long MIX_2 = 0x94D049BB133111EBL;

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

    /** The first word of draw {@code draw} of the stream {@code key}. */
    static long word(long key, long draw) {
        return mix64(key + (draw + 1) * GAMMA);
    }

    /** Standard normal number {@code draw} of the stream {@code key}. */
    static double normal(long key, long draw) {
        return StandardNormal.fromWord(word(key, draw));
    }
}
