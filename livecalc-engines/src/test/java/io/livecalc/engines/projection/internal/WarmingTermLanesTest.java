package io.livecalc.engines.projection.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class WarmingTermLanesTest {

    private static final int LANES = 37, STEPS = 36;

    /** Runs the fused recursion and the premium pass; returns pif, then the five present values per lane. */
    private static double[][] run(TermLanes k) {
        double[] mortality = new double[6 * 40];
        for (int i = 0; i < mortality.length; i++) {
            mortality[i] = 0.0005 + 0.00003 * i;
        }
        int[] row = new int[LANES];
        int[] maturity = new int[LANES];
        double[] sa = new double[LANES];
        double[] premiumPp = new double[LANES];
        for (int j = 0; j < LANES; j++) {
            row[j] = 6 * (j % 30);
            maturity[j] = 12 * (1 + j % 3);
            sa[j] = 1000.0 * (j + 1);
            premiumPp[j] = 10.0 + j;
        }
        double[] lapse = {0.008, 0.0067, 0.005};
        double[] df = new double[STEPS];
        double[] maint = new double[STEPS];
        for (int t = 0; t < STEPS; t++) {
            df[t] = Math.pow(1.003, -t);
            maint[t] = 5.0 * Math.pow(1.001, t);
        }
        double[] pif = new double[STEPS * LANES];
        double[] pvClaims = new double[LANES], pvPif = new double[LANES], pvExpenses = new double[LANES];
        double[] pvPremiums = new double[LANES], pvCommissions = new double[LANES];
        k.project(mortality, row, lapse, maturity, sa, df, maint, 300.0, LANES, STEPS, pif, null, null, pvClaims, pvPif, pvExpenses);
        k.premiums(premiumPp, pif, df, LANES, STEPS, 12, pvPremiums, pvCommissions);
        return new double[][] {pif, pvClaims, pvPif, pvExpenses, pvPremiums, pvCommissions};
    }

    @Test
    void runsThePlainLoopsUntilTheWarmUpTimeIsSpentThenTheVectorKernelWithTheSameBits() {
        Assumptions.assumeTrue(LaneMathProvider.vectorModuleReadable());
        TermLanes vector = TermLanes.vector();
        double[][] expected = run(TermLanes.SCALAR);

        WarmingTermLanes never = new WarmingTermLanes(vector, Long.MAX_VALUE);
        assertArrayEquals(expected, run(never));
        assertFalse(never.hot());
        assertEquals(vector.name() + " (scalar until warm)", never.name());

        WarmingTermLanes soon = new WarmingTermLanes(vector, 1);
        assertArrayEquals(expected, run(soon)); // the first call runs scalar and spends the nanosecond
        assertTrue(soon.hot());
        assertArrayEquals(expected, run(soon)); // now the vector kernel
        assertEquals(vector.name(), soon.name());
    }

    @Test
    void theScalarKernelAndForcedSimdAreNotWrapped() {
        assertEquals(TermLanes.SCALAR, WarmingTermLanes.around(TermLanes.SCALAR));
    }
}
