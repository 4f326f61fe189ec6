package io.livecalc.engines.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

/** The literal exp table equals 2^(i/128) computed to 60 significant digits and split as glibc splits it. */
class GlibcExpTableTest {

    static final int N = 128;

    @Test
    void literalTableEqualsTheTableComputedInHighPrecision() {
        assertArrayEquals(computeTable(), GlibcExp.TABLE);
    }

    static long[] computeTable() {
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
