package io.livecalc.engines.esg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The ziggurat's table, its exponential and the law of its draws. */
class StandardNormalTest {

    static double density(double x) {
        return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    }

    /** P(a < Z < b) by Simpson's rule on 20,000 panels (error far below 1e-12 for the widths used here). */
    static double probability(double a, double b) {
        int n = 20_000;
        double h = (b - a) / n;
        double s = density(a) + density(b);
        for (int i = 1; i < n; i++) {
            s += (i % 2 == 1 ? 4 : 2) * density(a + i * h);
        }
        return s * h / 3;
    }

    @Test
    void layersHaveEqualAreasAndTheTableEndsAtZero() {
        double[] x = StandardNormal.X;
        double[] f = StandardNormal.F;
        assertEquals(StandardNormal.R, x[1], 0.0);
        assertEquals(0.0, x[StandardNormal.LAYERS], 0.0);
        assertEquals(1.0, f[StandardNormal.LAYERS], 0.0);
        for (int i = 1; i < StandardNormal.LAYERS; i++) {
            assertTrue(x[i + 1] < x[i], "X decreasing at " + i);
            // the recurrence makes every layer's area V except the top one, which absorbs the rounding of R and V
            assertEquals(StandardNormal.V, x[i] * (f[i + 1] - f[i]), i < StandardNormal.LAYERS - 1 ? 1e-15 : 1e-11, "area of layer " + i);
        }
        // base strip: rectangle R x f(R) plus the tail beyond R, in units of the unnormalised density
        double tail = probability(StandardNormal.R, 12) * Math.sqrt(2 * Math.PI);
        assertEquals(StandardNormal.V, StandardNormal.R * f[1] + tail, 1e-12);
        assertEquals(StandardNormal.V, x[0] * f[1], 1e-15);
    }

    @Test
    void polynomialExpIsWithinTwoUlpsOfStrictMath() {
        for (double t = -700; t <= 0; t += 0.000731) {
            double e = StrictMath.exp(t);
            assertEquals(e, StandardNormal.exp(t), 2 * Math.ulp(e), "exp " + t);
        }
        assertEquals(1.0, StandardNormal.exp(0.0), 0.0);
    }

    @Test
    void drawsFollowTheStandardNormalLaw() {
        int paths = 4096;
        int draws = 1024;
        long n = (long) paths * draws;
        int bins = 90;
        double lo = -4.5, width = 0.1; // bins [-4.5 + 0.1 k, -4.5 + 0.1 (k + 1)), plus both tails (~14 draws each)
        long[] counts = new long[bins + 2];
        double sum = 0, sumSq = 0, sum4 = 0;
        long beyondR = 0;
        for (int p = 0; p < paths; p++) {
            long key = PathStreams.key(2024, p);
            for (int d = 0; d < draws; d++) {
                double z = PathStreams.normal(key, d);
                sum += z;
                sumSq += z * z;
                sum4 += z * z * z * z;
                if (Math.abs(z) > StandardNormal.R) {
                    beyondR++;
                }
                int k = (int) Math.floor((z - lo) / width);
                counts[k < 0 ? 0 : k >= bins ? bins + 1 : k + 1]++;
            }
        }
        double mean = sum / n;
        double var = sumSq / n - mean * mean;
        assertEquals(0.0, mean, 4 / Math.sqrt(n), "mean");
        assertEquals(1.0, var, 4 * Math.sqrt(2.0 / n), "variance");
        assertEquals(3.0, sum4 / n, 4 * Math.sqrt(96.0 / n), "fourth moment");
        double pTail = 2 * probability(StandardNormal.R, 12);
        assertEquals(pTail * n, beyondR, 4 * Math.sqrt(pTail * n), "draws beyond R (the tail sampler)");
        double chi2 = 0;
        for (int k = 0; k < bins + 2; k++) {
            double a = k == 0 ? -12 : lo + (k - 1) * width;
            double b = k == bins + 1 ? 12 : k == 0 ? lo : lo + k * width;
            double expected = probability(a, b) * n;
            chi2 += (counts[k] - expected) * (counts[k] - expected) / expected;
        }
        // 91 degrees of freedom: mean 91, standard deviation 13.5; 160 is beyond the 99.99 % quantile
        assertTrue(chi2 < 160, "chi-square " + chi2);
    }
}
