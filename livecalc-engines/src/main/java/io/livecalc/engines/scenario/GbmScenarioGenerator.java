package io.livecalc.engines.scenario;

/**
 * The original C++ tools' built-in "GBM" rate generator, bit-compatible: one {@link Mt19937_64} stream for
 * all scenarios, {@link PolarNormal} draws, scenario {@code i} consuming draws {@code 50i..50i+49} (for 50
 * years), each year {@code r = clamp(r * exp((drift - sigma^2/2) + sigma * z), min, max)} with the clamped
 * rate feeding the next year. Scenario ids are {@code 0..count-1}.
 */
public final class GbmScenarioGenerator {

    /** Years per generated scenario, as in the original. */
    public static final int YEARS = 50;

    /**
     * Generator settings.
     *
     * @param count       number of scenarios, at least 1
     * @param seed        mt19937_64 seed (unsigned 64-bit)
     * @param initialRate starting rate, before year 1
     * @param drift       annual drift of the log rate
     * @param volatility  annual volatility sigma, not negative
     * @param minRate     lower clamp
     * @param maxRate     upper clamp, not below {@code minRate}
     */
    public record Parameters(int count, long seed, double initialRate, double drift, double volatility,
                             double minRate, double maxRate) {

        public Parameters {
            if (count < 1) {
                throw new IllegalArgumentException("GBM scenario count must be at least 1, got " + count);
            }
            if (!(volatility >= 0) || !Double.isFinite(volatility)) {
                throw new IllegalArgumentException("GBM volatility must be a finite number >= 0, got " + volatility);
            }
            if (!(minRate <= maxRate) || !Double.isFinite(minRate) || !Double.isFinite(maxRate)
                    || !Double.isFinite(initialRate) || !Double.isFinite(drift)) {
                throw new IllegalArgumentException("GBM rates must be finite with min_rate <= max_rate, got initial "
                        + initialRate + ", drift " + drift + ", min " + minRate + ", max " + maxRate);
            }
            if (minRate <= -1.0) {
                throw new IllegalArgumentException("GBM min_rate must be above -1, got " + minRate);
            }
        }

        /** The original CLI's defaults: 1000 scenarios, seed 42, initial 0.04, drift 0, sigma 0.015, clamp [0, 0.20]. */
        public static Parameters originalCliDefaults() {
            return new Parameters(1000, 42, 0.04, 0.0, 0.015, 0.0, 0.20);
        }

        /**
         * The original orchestrator projection engine's defaults: 1000 scenarios, seed 42, initial 0.03,
         * drift 0.02, sigma 0.015, clamp [0.001, 0.10].
         */
        public static Parameters orchestratorDefaults() {
            return new Parameters(1000, 42, 0.03, 0.02, 0.015, 0.001, 0.10);
        }
    }

    private GbmScenarioGenerator() {
    }

    /** Generates {@code p.count()} scenarios of {@link #YEARS} years. */
    public static ScenarioSet generate(Parameters p) {
        PolarNormal normal = new PolarNormal(new Mt19937_64(p.seed()));
        double sigma = p.volatility();
        double logDrift = p.drift() - 0.5 * sigma * sigma;
        long[] ids = new long[p.count()];
        double[] rates = new double[p.count() * YEARS];
        for (int i = 0; i < p.count(); i++) {
            ids[i] = i;
            double r = p.initialRate();
            for (int y = 0; y < YEARS; y++) {
                double z = normal.next();
                r = r * GlibcExp.exp(logDrift + sigma * z);
                r = Math.max(p.minRate(), Math.min(p.maxRate(), r));
                rates[i * YEARS + y] = r;
            }
        }
        return new ScenarioSet(ids, YEARS, rates);
    }
}
