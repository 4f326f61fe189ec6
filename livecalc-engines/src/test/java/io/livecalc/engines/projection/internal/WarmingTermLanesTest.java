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

    /** BasicTerm_ME's lanes: issued later (start < 0), in force, maturing at t = 0 (start = maturity); four present values. */
    private static double[][] runInForce(TermLanes k) {
        double[] mortality = new double[6 * 40];
        for (int i = 0; i < mortality.length; i++) {
            mortality[i] = 0.0005 + 0.00003 * i;
        }
        int[] row = new int[LANES], start = new int[LANES], maturity = new int[LANES];
        double[] count = new double[LANES], sa = new double[LANES], premiumPp = new double[LANES];
        for (int j = 0; j < LANES; j++) {
            row[j] = 6 * (j % 30);
            maturity[j] = 12 * (1 + j % 3);
            start[j] = Math.min(maturity[j], 5 * j - 40);
            count[j] = 10 + j;
            sa[j] = 1000.0 * (j + 1);
            premiumPp[j] = 10.0 + j;
        }
        double[] lapse = {0.008, 0.0067, 0.005};
        double[] df = new double[STEPS + 40];
        double[] maint = new double[STEPS + 40];
        for (int t = 0; t < df.length; t++) {
            df[t] = Math.pow(1.003, -t);
            maint[t] = 5.0 * Math.pow(1.001, t);
        }
        double[][] pv = new double[4][LANES];
        k.projectInForce(mortality, row, lapse, start, maturity, count, sa, premiumPp, df, maint, 300.0, LANES, STEPS + 40, pv);
        return pv;
    }

    @Test
    void inForceLanesGiveTheSameBitsInTheVectorKernelAndAfterTheSwitch() {
        Assumptions.assumeTrue(LaneMathProvider.vectorModuleReadable());
        TermLanes vector = TermLanes.vector();
        double[][] expected = runInForce(TermLanes.SCALAR);
        assertTrue(expected[0][0] > 0, "lane 0 is issued at t = 40 and matures at t = 52: inside the run");
        assertArrayEquals(new double[] {0.0, 0.0, 0.0, 0.0},
                new double[] {expected[0][13], expected[1][13], expected[2][13], expected[3][13]}, "lane 13 matures at t = 0");
        assertArrayEquals(expected, runInForce(vector));
        WarmingTermLanes soon = new WarmingTermLanes(vector, 1);
        assertArrayEquals(expected, runInForce(soon));
        assertTrue(soon.hot());
        assertArrayEquals(expected, runInForce(soon));
    }

    @Test
    void theScalarKernelAndForcedSimdAreNotWrapped() {
        assertEquals(TermLanes.SCALAR, WarmingTermLanes.around(TermLanes.SCALAR));
    }
}
