package io.livecalc.engines.projection.internal;

import io.livecalc.engines.scenario.ScenarioSet;

/**
 * A scenario set laid out for the kernels, year-major so that lanes are scenarios: {@code rates[t][s]}
 * and the cumulative discount factors {@code df[t][s] = df[t-1][s] / (1 + rates[t][s])} (division, as the
 * model says, not a multiplication by the reciprocal), for projection years {@code t+1 = 1..min(N, 50)}.
 */
public final class ScenarioGrid {

    public final ScenarioSet set;
    public final int scenarios;
    public final int years;
    final double[][] rates;
    public final double[][] df;

    public ScenarioGrid(ScenarioSet set) {
        this.set = set;
        this.scenarios = set.count();
        this.years = Math.min(set.years(), CashFlowModel.MAX_YEARS);
        this.rates = new double[years][scenarios];
        this.df = new double[years][scenarios];
        for (int s = 0; s < scenarios; s++) {
            double v = 1.0;
            for (int t = 0; t < years; t++) {
                double r = set.rate(s, t + 1);
                v = v / (1.0 + r);
                rates[t][s] = r;
                df[t][s] = v;
            }
        }
    }
}
