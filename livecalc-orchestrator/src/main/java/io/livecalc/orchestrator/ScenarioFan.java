package io.livecalc.orchestrator;

import io.livecalc.api.ScenarioRecord;
import io.livecalc.api.ValuationResult;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The scenario fan of an ESG's output: per projection year, percentiles of the short rate over every scenario
 * (interpolated as {@link ValuationResult#percentile} does). Kept in the run summary and drawn as percentile
 * bands by the run report.
 *
 * @param percentiles the percentiles, ascending ({@link #PERCENTILES})
 * @param years       the projection years present, ascending
 * @param rates       per year (same order as {@code years}), the rate at each percentile (same order as
 *                    {@code percentiles})
 * @param scenarios   how many scenarios the first year has
 */
public record ScenarioFan(List<Integer> percentiles, List<Integer> years, List<List<Double>> rates, long scenarios) {

    /** The percentiles a fan holds: 5, 25, 50, 75, 95. */
    public static final List<Integer> PERCENTILES = List.of(5, 25, 50, 75, 95);

    /** Years above this are not projection years: an output with such a year has no fan. */
    static final int MAX_YEAR = 10_000;

    public ScenarioFan {
        percentiles = List.copyOf(percentiles);
        years = List.copyOf(years);
        rates = rates.stream().map(List::copyOf).toList();
    }

    /**
     * The fan of SCENARIO records ({@link ScenarioRecord}), in any order.
     *
     * @return {@code null} when there are no records or a year is 0 or above 10,000 (not a projection year)
     */
    public static ScenarioFan of(MemorySegment scenarios) {
        long n = scenarios.byteSize() / ScenarioRecord.SIZE;
        if (n == 0) {
            return null;
        }
        int[] count = new int[MAX_YEAR + 1];
        for (long i = 0; i < n; i++) {
            long y = ScenarioRecord.year(scenarios, i);
            if (y < 1 || y > MAX_YEAR) {
                return null;
            }
            count[(int) y]++;
        }
        double[][] byYear = new double[MAX_YEAR + 1][];
        int[] filled = new int[MAX_YEAR + 1];
        for (int y = 1; y <= MAX_YEAR; y++) {
            if (count[y] > 0) {
                byYear[y] = new double[count[y]];
            }
        }
        for (long i = 0; i < n; i++) {
            int y = (int) ScenarioRecord.year(scenarios, i);
            byYear[y][filled[y]++] = ScenarioRecord.rate(scenarios, i);
        }
        List<Integer> years = new ArrayList<>();
        List<List<Double>> rates = new ArrayList<>();
        long first = 0;
        for (int y = 1; y <= MAX_YEAR; y++) {
            if (byYear[y] == null) {
                continue;
            }
            if (years.isEmpty()) {
                first = byYear[y].length;
            }
            Arrays.sort(byYear[y]);
            List<Double> row = new ArrayList<>(PERCENTILES.size());
            for (int p : PERCENTILES) {
                row.add(ValuationResult.percentile(byYear[y], p));
            }
            years.add(y);
            rates.add(row);
        }
        return new ScenarioFan(PERCENTILES, years, rates, first);
    }
}
