package io.livecalc.engines.esg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The models against their closed forms (esg-and-solver.md), at 100,000 paths, within 3 standard errors
 * (plus, for pathwise discount factors, the trapezoid rule's bias, bounded by 2e-5 in price).
 */
class EsgModelStatisticsTest {

    static final int PATHS = 100_000;
    static final double R0 = 0.03, A = 0.10, B = 0.05, SIGMA = 0.01;

    static double vasicekMean(double t) {
        return B + (R0 - B) * Math.exp(-A * t);
    }

    static double vasicekVariance(double t) {
        return SIGMA * SIGMA / (2 * A) * (1 - Math.exp(-2 * A * t));
    }

    static double vasicekBond(double t) {
        double bt = (1 - Math.exp(-A * t)) / A;
        double at = Math.exp((B - SIGMA * SIGMA / (2 * A * A)) * (bt - t) - SIGMA * SIGMA * bt * bt / (4 * A));
        return at * Math.exp(-bt * R0);
    }

    @TempDir
    Path dir;

    @Test
    void closedFormsEqualTheSpecReferenceValues() {
        assertEquals(0.9695220987, vasicekBond(1), 5e-11);
        assertEquals(0.8437913319, vasicekBond(5), 5e-11);
        assertEquals(0.6940777270, vasicekBond(10), 5e-11);
        assertEquals(0.2922806887, vasicekBond(30), 5e-11);
        assertEquals(0.04264241, vasicekMean(10), 5e-9);
        assertEquals(0.00043233, vasicekVariance(10), 5e-9);
    }

    @Test
    void vasicekRateAfterTenYearsHasTheClosedFormMeanAndVariance() {
        try (Arena arena = Arena.ofShared()) {
            EsgRuns.Run run = EsgRuns.run(arena, EsgRuns.config("model", "vasicek", "num_scenarios", PATHS, "projection_years", 11,
                    "initial_rate", R0, "mean_reversion", A, "long_term_rate", B, "volatility", SIGMA, "seed", 7));
            double[] r10 = new double[PATHS];
            for (int p = 0; p < PATHS; p++) {
                assertEquals(R0, run.rate(p * 11L), 0.0, "year 1 is the initial rate");
                r10[p] = run.rate(p * 11L + 10);
            }
            double mean = mean(r10);
            double var = variance(r10, mean);
            double se = Math.sqrt(vasicekVariance(10) / PATHS);
            assertEquals(vasicekMean(10), mean, 3 * se, "E[r_10]");
            assertEquals(vasicekVariance(10), var, 3 * vasicekVariance(10) * Math.sqrt(2.0 / (PATHS - 1)), "Var[r_10]");
        }
    }

    @Test
    void vasicekPathwiseDiscountFactorsPriceTheZeroCouponBonds() {
        EsgSettings s = EsgSettings.parse(EsgRuns.config("model", "vasicek", "num_scenarios", PATHS, "projection_years", 31,
                "dt", 1.0 / 12, "initial_rate", R0, "mean_reversion", A, "long_term_rate", B, "volatility", SIGMA, "seed", 11));
        double[][] df = discountFactors(s, null, new int[] {1, 5, 10, 30}, t -> 0.0, t -> 0.0);
        double[] expected = {vasicekBond(1), vasicekBond(5), vasicekBond(10), vasicekBond(30)};
        for (int i = 0; i < expected.length; i++) {
            assertWithinStandardErrors(expected[i], df[i], "P(0," + new int[] {1, 5, 10, 30}[i] + ")");
        }
    }

    @Test
    void hullWhiteDiscountFactorsReproduceTheInputCurve() throws Exception {
        Path file = dir.resolve("curve.csv");
        Files.write(file, List.of("maturity_years,zero_rate", "1,0.030", "2,0.032", "5,0.036", "10,0.040", "20,0.042"));
        EsgSettings s = EsgSettings.parse(EsgRuns.config("model", "hull_white", "curve", file.toString(), "num_scenarios", PATHS,
                "projection_years", 21, "dt", 1.0 / 12, "mean_reversion", 0.05, "volatility", 0.012, "seed", 3));
        ZeroCurve curve = ZeroCurve.read(file);
        int[] maturities = {1, 2, 5, 10, 20};
        // r = x + alpha(t); alpha jumps where the forwards do, so integrate x = r - alpha by the trapezoid rule
        // and alpha exactly: integral f(0,t) + sigma^2/(2a^2) integral (1 - e^{-at})^2
        double a = 0.05, c = 0.012 * 0.012 / (2 * a * a);
        java.util.function.DoubleUnaryOperator alpha = t -> curve.forward(t) + c * Math.pow(-Math.expm1(-a * t), 2);
        java.util.function.DoubleUnaryOperator alphaIntegral = t -> curve.integratedForward(t)
                + c * (t + 2 * Math.expm1(-a * t) / a - Math.expm1(-2 * a * t) / (2 * a));
        double[][] df = discountFactors(s, curve, maturities, alpha, alphaIntegral);
        for (int i = 0; i < maturities.length; i++) {
            assertWithinStandardErrors(curve.discountFactor(maturities[i]), df[i], "P(0," + maturities[i] + ")");
        }
        assertEquals(Math.exp(-0.036 * 5), curve.discountFactor(5), 1e-15);
    }

    @Test
    void cirMeanFollowsTheClosedFormAndRatesStayNonNegative() {
        try (Arena arena = Arena.ofShared()) {
            EsgRuns.Run run = EsgRuns.run(arena, EsgRuns.config("model", "cir", "num_scenarios", PATHS, "projection_years", 11,
                    "dt", 1.0 / 52, "initial_rate", R0, "mean_reversion", A, "long_term_rate", B, "volatility", 0.05, "seed", 5));
            double[] r10 = new double[PATHS];
            for (long i = 0; i < run.count(); i++) {
                assertTrue(run.rate(i) >= 0, "rate " + i + " = " + run.rate(i));
            }
            for (int p = 0; p < PATHS; p++) {
                r10[p] = run.rate(p * 11L + 10);
            }
            double mean = mean(r10);
            double se = Math.sqrt(variance(r10, mean) / PATHS);
            assertEquals(vasicekMean(10), mean, 3 * se + 2e-5, "E[r_10] (Euler bias at dt = 1/52 is below 1e-5)");
            assertTrue(run.result().warnings().isEmpty(), "Feller holds: 2ab = 0.01 >= 0.0025");
        }
    }

    @Test
    void cirWarnsWhenTheFellerConditionFails() {
        try (Arena arena = Arena.ofShared()) {
            EsgRuns.Run run = EsgRuns.run(arena, EsgRuns.config("model", "cir", "num_scenarios", 1000, "projection_years", 30,
                    "mean_reversion", 0.1, "long_term_rate", 0.02, "volatility", 0.2));
            assertEquals(1, run.result().warnings().size());
            assertTrue(run.result().warnings().getFirst().startsWith("CIR Feller condition fails: 2ab = 0.004"),
                    run.result().warnings().getFirst());
            for (long i = 0; i < run.count(); i++) {
                assertTrue(run.rate(i) >= 0);
            }
        }
    }

    /**
     * Pathwise discount factors exp(-integral r) at the maturities: {@code r - shift(t)} integrated by the
     * trapezoid rule on the step grid, plus {@code shiftIntegral(T)}.
     */
    static double[][] discountFactors(EsgSettings s, ZeroCurve curve, int[] maturities, java.util.function.DoubleUnaryOperator shift,
                                      java.util.function.DoubleUnaryOperator shiftIntegral) {
        int last = maturities[maturities.length - 1];
        ShortRatePaths paths = new ShortRatePaths(s, curve, NormalDraws.preferred(), last * s.stepsPerYear);
        double[][] out = new double[maturities.length][s.scenarios];
        double h = 1.0 / s.stepsPerYear;
        ShortRatePaths.Scratch sc = new ShortRatePaths.Scratch();
        double[] integral = new double[ShortRatePaths.BLOCK];
        double[] previous = new double[ShortRatePaths.BLOCK];
        for (int b = 0; b < paths.blocks(); b++) {
            int first = paths.firstPath(b);
            java.util.Arrays.fill(integral, 0);
            paths.simulate(b, sc, (step, r, n) -> {
                double alpha = shift.applyAsDouble(step * h);
                for (int j = 0; j < n; j++) {
                    double x = r[j] - alpha;
                    if (step > 0) {
                        integral[j] += 0.5 * h * (previous[j] + x);
                    }
                    previous[j] = x;
                }
                for (int m = 0; m < maturities.length; m++) {
                    if (step == maturities[m] * s.stepsPerYear) {
                        for (int j = 0; j < n; j++) {
                            out[m][first + j] = Math.exp(-integral[j] - shiftIntegral.applyAsDouble(maturities[m]));
                        }
                    }
                }
            });
        }
        return out;
    }

    static void assertWithinStandardErrors(double expected, double[] samples, String what) {
        double mean = mean(samples);
        double se = Math.sqrt(variance(samples, mean) / samples.length);
        assertEquals(expected, mean, 3 * se + 2e-5, what + " (standard error " + se + ")");
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    static double variance(double[] x, double mean) {
        double s = 0;
        for (double v : x) {
            s += (v - mean) * (v - mean);
        }
        return s / (x.length - 1);
    }
}
