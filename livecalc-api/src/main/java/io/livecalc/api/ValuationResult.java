package io.livecalc.api;

import java.util.Arrays;

/**
 * The valuation of a portfolio over a scenario set: the portfolio NPV per scenario (in scenario order)
 * and its statistics, computed exactly as projection-model.md specifies:
 * <ul>
 *   <li>mean = sum / n (summed in scenario order); std_dev = sqrt(sum (x - mean)^2 / n), 0 when n &lt; 2;</li>
 *   <li>percentile(p): on the ascending sort, pos = p/100 (n-1), linear interpolation between
 *       floor(pos) and ceil(pos);</li>
 *   <li>CTE95 = mean of the ceil(n * 5 / 100) (at least 1) smallest values.</li>
 * </ul>
 * Immutable; the arrays are copied in and out.
 */
public final class ValuationResult {

    private final long[] scenarioIds;
    private final double[] scenarioNpvs;
    private final double executionTimeMs;
    private final double mean;
    private final double stdDev;
    private final double p50;
    private final double p75;
    private final double p90;
    private final double p95;
    private final double p99;
    private final double cte95;

    /**
     * @param scenarioIds     the id of each scenario
     * @param scenarioNpvs    the portfolio NPV of each scenario, same order, at least one
     * @param executionTimeMs engine time, milliseconds
     */
    public ValuationResult(long[] scenarioIds, double[] scenarioNpvs, double executionTimeMs) {
        if (scenarioNpvs.length == 0 || scenarioIds.length != scenarioNpvs.length) {
            throw new IllegalArgumentException("need one NPV per scenario and at least one scenario; got "
                    + scenarioIds.length + " ids and " + scenarioNpvs.length + " NPVs");
        }
        this.scenarioIds = scenarioIds.clone();
        this.scenarioNpvs = scenarioNpvs.clone();
        this.executionTimeMs = executionTimeMs;
        int n = scenarioNpvs.length;
        double sum = 0;
        for (double x : scenarioNpvs) {
            sum += x;
        }
        mean = sum / n;
        if (n < 2) {
            stdDev = 0;
        } else {
            double sq = 0;
            for (double x : scenarioNpvs) {
                sq += (x - mean) * (x - mean);
            }
            stdDev = Math.sqrt(sq / n);
        }
        double[] sorted = scenarioNpvs.clone();
        Arrays.sort(sorted);
        p50 = percentile(sorted, 50);
        p75 = percentile(sorted, 75);
        p90 = percentile(sorted, 90);
        p95 = percentile(sorted, 95);
        p99 = percentile(sorted, 99);
        int k = Math.max(1, (int) Math.ceil(n * 5 / 100.0));
        double tail = 0;
        for (int i = 0; i < k; i++) {
            tail += sorted[i];
        }
        cte95 = tail / k;
    }

    /**
     * The valuation of the scenario totals an engine wrote: one {@link ScenarioTotalRecord} per scenario,
     * in scenario order.
     */
    public static ValuationResult ofScenarioTotals(java.lang.foreign.MemorySegment totals, double executionTimeMs) {
        int n = Math.toIntExact(totals.byteSize() / ScenarioTotalRecord.SIZE);
        long[] ids = new long[n];
        double[] npvs = new double[n];
        for (int i = 0; i < n; i++) {
            ids[i] = ScenarioTotalRecord.scenarioId(totals, i);
            npvs[i] = ScenarioTotalRecord.npv(totals, i);
        }
        return new ValuationResult(ids, npvs, executionTimeMs);
    }

    /** Names accepted by {@link #metric(String)}. */
    public static final java.util.List<String> METRICS = java.util.List.of("mean_npv", "std_dev", "cte_95", "p50", "p75", "p90", "p95", "p99");

    /**
     * A statistic by the name objectives and constraints use: {@code mean_npv, std_dev, cte_95, p50, p75,
     * p90, p95, p99}.
     *
     * @throws IllegalArgumentException an unknown name (the message lists the known ones)
     */
    public double metric(String name) {
        return switch (name) {
            case "mean_npv" -> mean;
            case "std_dev" -> stdDev;
            case "cte_95" -> cte95;
            case "p50" -> p50;
            case "p75" -> p75;
            case "p90" -> p90;
            case "p95" -> p95;
            case "p99" -> p99;
            default -> throw new IllegalArgumentException("unknown valuation metric '" + name + "'; known: " + METRICS);
        };
    }

    /** The {@code p}-th percentile (0..100) of ascending {@code sorted}, interpolated as specified. */
    public static double percentile(double[] sorted, double p) {
        double pos = p / 100.0 * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        if (lo == hi) {
            return sorted[lo];
        }
        double f = pos - lo;
        return sorted[lo] * (1 - f) + sorted[hi] * f;
    }

    public int scenarioCount() {
        return scenarioNpvs.length;
    }

    /** Portfolio NPV per scenario, in scenario order (a copy). */
    public double[] scenarioNpvs() {
        return scenarioNpvs.clone();
    }

    /** Scenario ids, in scenario order (a copy). */
    public long[] scenarioIds() {
        return scenarioIds.clone();
    }

    public double executionTimeMs() {
        return executionTimeMs;
    }

    public double mean() {
        return mean;
    }

    /** Population standard deviation. */
    public double stdDev() {
        return stdDev;
    }

    public double p50() {
        return p50;
    }

    public double p75() {
        return p75;
    }

    public double p90() {
        return p90;
    }

    public double p95() {
        return p95;
    }

    public double p99() {
        return p99;
    }

    /** Mean of the worst 5% of scenario NPVs. */
    public double cte95() {
        return cte95;
    }

    @Override
    public String toString() {
        return "ValuationResult[n=" + scenarioNpvs.length + ", mean=" + mean + ", stdDev=" + stdDev + ", cte95=" + cte95 + "]";
    }
}
