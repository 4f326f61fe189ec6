package io.livecalc.engines.projection.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class WarmingLaneMathTest {

    /** 1,003 lanes: vector passes and a scalar tail; every operation of the interface, twice over. */
    private static double[][] run(LaneMath m) {
        int n = 1003;
        double[] acc = new double[n], x = new double[n + 7], sum = new double[n];
        double[] lives = new double[n], mortality = new double[n], lapse = new double[n], df = new double[n];
        double[] npv = new double[n], pvPremium = new double[n], pvDeath = new double[n], pvExpense = new double[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.pow(1.0007, -i) / 3.0;
        }
        for (int i = 0; i < n; i++) {
            lives[i] = 1.0;
            mortality[i] = 0.001 + 1e-6 * i;
            lapse[i] = 0.05 - 1e-5 * i;
            df[i] = 1.0 / (1.0 + 0.0001 * i);
        }
        double alive = 0;
        for (int year = 0; year < 2; year++) {
            m.addScaled(acc, 1.1 + year, x, n);
            m.addScaledRow(acc, 0.3, x, 7, n);
            m.add(sum, acc, n);
            alive += m.generalYear(0.002, 0.97, 120.0, 100_000.0, 25.0, 0.5, 1.01, lives, mortality, lapse, df, npv, pvPremium,
                    pvDeath, pvExpense, n) ? 1 : 0;
        }
        return new double[][] {acc, sum, lives, npv, pvPremium, pvDeath, pvExpense, {alive}};
    }

    @Test
    void runsThePlainLoopsUntilTheWarmUpTimeIsSpentThenTheVectorKernelWithTheSameBits() {
        Assumptions.assumeTrue(LaneMathProvider.vectorModuleReadable());
        LaneMath vector = LaneMathProvider.vector();
        double[][] expected = run(LaneMathProvider.scalar());
        assertArrayEquals(expected, run(vector));

        WarmingLaneMath never = new WarmingLaneMath(LaneMathProvider.scalar(), vector, Long.MAX_VALUE);
        assertArrayEquals(expected, run(never));
        assertFalse(never.hot());
        assertEquals(vector.name() + " (scalar until warm)", never.name());

        WarmingLaneMath soon = new WarmingLaneMath(LaneMathProvider.scalar(), vector, 1);
        assertArrayEquals(expected, run(soon));   // the first call runs the plain loop and spends the nanosecond
        assertTrue(soon.hot());
        assertArrayEquals(expected, run(soon));   // every call now the vector kernel
        assertEquals(vector.name(), soon.name());
    }

    @Test
    void theScalarKernelIsNotWrappedAndTheProjectionsChoiceIs() {
        assertSame(LaneMathProvider.scalar(), WarmingLaneMath.around(LaneMathProvider.scalar(), LaneMathProvider.scalar()));
        Assumptions.assumeTrue(LaneMathProvider.vectorModuleReadable());
        assertTrue(LaneMathProvider.preferred() instanceof WarmingLaneMath, LaneMathProvider.preferred().name());
    }
}
