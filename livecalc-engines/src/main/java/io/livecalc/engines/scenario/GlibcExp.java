package io.livecalc.engines.scenario;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * {@code exp} as glibc 2.28+ computes it on x86-64 with FMA (the table-driven algorithm of
 * {@code sysdeps/ieee754/dbl-64/e_exp.c}, built with FMA contraction): the original C++ generator
 * called it, and neither {@link StrictMath#exp} (fdlibm) nor {@link Math#exp} returns the same last
 * bit for every argument (about 0.5% of the GBM steps differ by one ulp, which then propagates).
 *
 * <p>Only the range the generator needs is handled by the table path ({@code |x| < 512}); other
 * arguments fall back to {@link StrictMath#exp}.
 */
final class GlibcExp {

    private static final int TABLE_BITS = 7;
    private static final int N = 1 << TABLE_BITS;
    private static final double INV_LN2_N = 0x1.71547652b82fep0 * N;
    private static final double NEG_LN2_HI_N = -0x1.62e42fefa0000p-8;
    private static final double NEG_LN2_LO_N = -0x1.cf79abc9e3b3ap-47;
    private static final double SHIFT = 0x1.8p52;
    private static final double C2 = 0x1.ffffffffffdbdp-2;
    private static final double C3 = 0x1.555555555543cp-3;
    private static final double C4 = 0x1.55555cf172b91p-5;
    private static final double C5 = 0x1.1111167a4d017p-7;

    /** tab[2i] = bits of tail_i, tab[2i+1] = bits of scale_i minus (i << 45), 2^(i/N) = scale_i (1 + tail_i). */
    static final long[] TABLE = buildTable();

    private GlibcExp() {
    }

    static double exp(double x) {
        if (!(Math.abs(x) < 512.0) || Math.abs(x) < 0x1p-54) {
            return Math.abs(x) < 0x1p-54 ? 1.0 + x : StrictMath.exp(x);
        }
        double kd = Math.fma(INV_LN2_N, x, SHIFT);
        long ki = Double.doubleToRawLongBits(kd);
        kd -= SHIFT;
        double r = Math.fma(kd, NEG_LN2_LO_N, Math.fma(kd, NEG_LN2_HI_N, x));
        int idx = 2 * (int) (ki & (N - 1));
        long top = ki << (52 - TABLE_BITS);
        double tail = Double.longBitsToDouble(TABLE[idx]);
        long sbits = TABLE[idx + 1] + top;
        double r2 = r * r;
        double tmp = Math.fma(r2 * r2, Math.fma(r, C5, C4), Math.fma(r2, Math.fma(r, C3, C2), tail + r));
        double scale = Double.longBitsToDouble(sbits);
        return Math.fma(scale, tmp, scale);
    }

    private static long[] buildTable() {
        MathContext mc = new MathContext(60);
        BigDecimal ln2 = log2Constant(mc);
        long[] tab = new long[2 * N];
        for (int i = 0; i < N; i++) {
            BigDecimal exact = expSeries(ln2.multiply(BigDecimal.valueOf(i)).divide(BigDecimal.valueOf(N), mc), mc);
            double scale = exact.doubleValue();
            double tail = exact.subtract(new BigDecimal(scale)).divide(new BigDecimal(scale), mc).doubleValue();
            tab[2 * i] = Double.doubleToRawLongBits(tail);
            tab[2 * i + 1] = Double.doubleToRawLongBits(scale) - ((long) i << 45);
        }
        return tab;
    }

    private static BigDecimal expSeries(BigDecimal x, MathContext mc) {
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        for (int k = 1; k < 80; k++) {
            term = term.multiply(x, mc).divide(BigDecimal.valueOf(k), mc);
            sum = sum.add(term, mc);
        }
        return sum;
    }

    /** ln 2 = 2 atanh(1/3) = 2 sum 1/((2k+1) 3^(2k+1)). */
    private static BigDecimal log2Constant(MathContext mc) {
        BigDecimal third = BigDecimal.ONE.divide(BigDecimal.valueOf(3), mc);
        BigDecimal ninth = third.multiply(third, mc);
        BigDecimal power = third;
        BigDecimal sum = BigDecimal.ZERO;
        for (int k = 0; k < 130; k++) {
            sum = sum.add(power.divide(BigDecimal.valueOf(2L * k + 1), mc), mc);
            power = power.multiply(ninth, mc);
        }
        return sum.multiply(BigDecimal.valueOf(2), mc);
    }
}
