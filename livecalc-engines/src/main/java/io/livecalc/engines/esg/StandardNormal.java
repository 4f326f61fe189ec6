package io.livecalc.engines.esg;

/**
 * Standard normal numbers from 64-bit random words by the ziggurat method (Marsaglia and Tsang, "The
 * ziggurat method for generating random variables", 2000) in Doornik's form ("An improved ziggurat method to
 * generate normal random samples", 2005), with 1024 layers so that the fast path's tables (16 KB) stay in the
 * L1 cache while only 0.43 % of the draws need the slow path (1.5 % with 256 layers); right tail from
 * {@code R = 4.0388}.
 *
 * <h2>One word, one draw (almost always)</h2>
 * A word {@code w} gives the layer {@code i = w & 0x3FF} (bits 0..9) and the signed uniform
 * {@code u = 2 (1 + (w >>> 12) 2^-52) - 3} in {@code [-1, 1)} (bits 12..63, from the bit pattern, exact).
 * When {@code |u| < X[i+1] / X[i]} (probability 0.9957) the draw is {@code u X[i]}: one comparison and one
 * exact multiplication. Otherwise {@link #slowPath} tests the wedge (Marsaglia and Tsang's test with
 * {@link #exp}, a polynomial) or samples the tail (Marsaglia 1964, {@code StrictMath.log}: fdlibm, the same
 * bits on every JVM) and, when it rejects, tries again with the words {@code mix64(w + k GAMMA)},
 * {@code k = 1, 2, ...}: a draw depends on its first word only. Both {@link NormalDraws} kernels call this
 * code on the same words, so scalar and SIMD draws are bit-identical; no operation here is a fused
 * multiply-add or an intrinsic whose bits could differ.
 *
 * <p>The table is computed at class initialisation with {@code StrictMath}, hence the same on every JVM.
 *
 * <p>This replaced Wichura's AS241 inverse normal CDF (a logarithm, a square root and up to three divisions
 * per draw, both regions on every vector lane). The draws changed with it; their law is tested against the
 * normal distribution ({@code StandardNormalTest}) and the models against their closed forms.
 */
final class StandardNormal {

    static final int LAYERS = 1024;
    static final int LAYER_MASK = LAYERS - 1;
    /** Start of the right tail: the root that closes 1024 layers of area {@link #V} exactly at the mode. */
    static final double R = 4.038849846109505;
    /** Area of every layer (rectangle, or base strip plus tail): {@code R f(R) + sqrt(2 pi) Q(R)}, {@code f(x) = exp(-x^2/2)}. */
    static final double V = 1.2263246463530852e-3;
    /** {@code X[0] = V / f(R)} (the base strip's width), {@code X[1] = R > X[2] > ... > X[1024] = 0}. */
    static final double[] X = new double[LAYERS + 1];
    /** {@code RATIO[i] = X[i+1] / X[i]}: {@code |u| < RATIO[i]} means {@code u X[i]} is inside layer {@code i}'s core. */
    static final double[] RATIO = new double[LAYERS];
    /** {@code F[i] = exp(-X[i]^2 / 2)}, the density (without its constant) at the layer edges; {@code F[1024] = 1}. */
    static final double[] F = new double[LAYERS + 1];
    static final long ONE_BITS = 0x3FF0_0000_0000_0000L;
    /** Taylor coefficients 1/k!, k = 12..0, of {@link #exp}. */
    static final double[] EXP_SERIES = new double[13];
    static final double INV_LN2 = 1.4426950408889634;
    static final double LN2_HI = 6.93147180369123816490e-01; // fdlibm's split of ln 2
    static final double LN2_LO = 1.90821492927058770002e-10;

    static {
        double f = StrictMath.exp(-0.5 * R * R);
        X[0] = V / f;
        X[1] = R;
        X[LAYERS] = 0;
        for (int i = 2; i < LAYERS; i++) {
            X[i] = StrictMath.sqrt(-2 * StrictMath.log(V / X[i - 1] + f));
            f = StrictMath.exp(-0.5 * X[i] * X[i]);
        }
        for (int i = 0; i < LAYERS; i++) {
            RATIO[i] = X[i + 1] / X[i];
        }
        for (int i = 0; i <= LAYERS; i++) {
            F[i] = StrictMath.exp(-0.5 * X[i] * X[i]);
        }
        double factorial = 1;
        for (int k = 0; k <= 12; k++) {
            factorial = k == 0 ? 1 : factorial * k;
            EXP_SERIES[12 - k] = 1.0 / factorial;
        }
    }

    private StandardNormal() {
    }

    /** The standard normal draw of the word {@code w}. */
    static double fromWord(long w) {
        int i = (int) w & LAYER_MASK;
        double u = signedUniform(w);
        if (Math.abs(u) < RATIO[i]) {
            return u * X[i];
        }
        return slowPath(w);
    }

    /** {@code u} in {@code [-1, 1)} from bits 12..63 of {@code w}, spacing {@code 2^-51}, every operation exact. */
    static double signedUniform(long w) {
        return Double.longBitsToDouble((w >>> 12) | ONE_BITS) * 2.0 - 3.0;
    }

    /**
     * {@code e^t} for {@code -700 <= t <= 0} within 2 ulps, from additions and multiplications only (no
     * intrinsic, no FMA: the same bits everywhere) and about 4 times as fast as {@code StrictMath.exp}: the
     * wedge test's exponential. {@code t = k ln2 + r} (Cody-Waite), {@code |r| <= ln2 / 2}, Taylor to degree 12.
     */
    static double exp(double t) {
        double k = Math.rint(t * INV_LN2);
        double r = (t - k * LN2_HI) - k * LN2_LO;
        double p = EXP_SERIES[0];
        for (int i = 1; i < EXP_SERIES.length; i++) {
            p = p * r + EXP_SERIES[i];
        }
        return p * Double.longBitsToDouble((long) (k + 1023) << 52);
    }

    /** Uniform in {@code (0, 1)} from bits 12..63: {@code (k + 1/2) 2^-52}. */
    static double openUniform(long w) {
        return (Double.longBitsToDouble((w >>> 12) | ONE_BITS) - 1.0) + 0x1p-53;
    }

    /**
     * The draw of a word whose fast test failed: the wedge test or the tail of its layer, then, on rejection,
     * whole new attempts with the following words of the SplitMix64 sequence started at {@code w}.
     */
    static double slowPath(long w) {
        long state = w;
        long word = w;
        while (true) {
            int i = (int) word & LAYER_MASK;
            double u = signedUniform(word);
            if (Math.abs(u) < RATIO[i]) {
                return u * X[i];
            }
            if (i == 0) {
                // base strip outside the core: the tail beyond R (Marsaglia 1964), sign of u
                while (true) {
                    state += PathStreams.GAMMA;
                    double x = StrictMath.log(openUniform(PathStreams.mix64(state))) / R;
                    state += PathStreams.GAMMA;
                    double y = StrictMath.log(openUniform(PathStreams.mix64(state)));
                    if (-2 * y >= x * x) {
                        return u < 0 ? x - R : R - x;
                    }
                }
            }
            // the wedge of layer i between |x| = X[i+1] and X[i]: a uniform height in [F[i], F[i+1]] under the density
            double x = u * X[i];
            state += PathStreams.GAMMA;
            if (F[i + 1] + openUniform(PathStreams.mix64(state)) * (F[i] - F[i + 1]) < exp(-0.5 * x * x)) {
                return x;
            }
            state += PathStreams.GAMMA;
            word = PathStreams.mix64(state);
        }
    }
}
