package io.livecalc.engines.scenario;

/**
 * Standard normal draws by Marsaglia's polar method with one cached value, as libstdc++'s
 * {@code std::normal_distribution<double>} computes them: from the same {@link Mt19937_64} stream it
 * returns the same doubles.
 *
 * <p>The logarithm is {@link Math#log} on purpose: on HotSpot x86-64 its intrinsic agrees with glibc's
 * {@code log} on every draw of the reference stream (1000 x 50 GBM steps, seed 42), whereas
 * {@link StrictMath#log} (fdlibm) differs by one ulp on 11 of the 50,000 steps. The reference test
 * ({@code GbmScenarioGeneratorTest}) guards this on every build.
 *
 * <p>Not thread-safe.
 */
public final class PolarNormal {

    private final Mt19937_64 rng;
    private double saved;
    private boolean savedAvailable;

    public PolarNormal(Mt19937_64 rng) {
        this.rng = rng;
    }

    /** The next N(0, 1) draw. */
    public double next() {
        if (savedAvailable) {
            savedAvailable = false;
            return saved;
        }
        double a;
        double b;
        double s;
        do {
            a = 2.0 * rng.nextDouble() - 1.0;
            b = 2.0 * rng.nextDouble() - 1.0;
            s = a * a + b * b;
        } while (s > 1.0 || s == 0.0);
        double m = StrictMath.sqrt(-2.0 * Math.log(s) / s);
        saved = a * m;
        savedAvailable = true;
        return b * m;
    }
}
