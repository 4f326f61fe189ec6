package io.livecalc.engines.projection;

/**
 * A scenario-dependent decrement adjustment (the original's UDF hook): for one policy and one policy
 * year, given the lives in force and the year's interest rate per scenario, it multiplies its factors
 * into the mortality and lapse multipliers of each scenario. Configuring one switches the projection to
 * the general per-(policy, scenario) kernel.
 *
 * <p>The engine calls it once per (policy, year) for all scenarios at once (lanes = scenarios). The
 * multiplier arrays arrive filled with 1.0 (or with the factors of adjustments applied before), and the
 * model uses {@code q = min(q[gender][x] * mM * mortality[i], 1)} and
 * {@code w = min(w[t] * mL * lapse[i], 1)}. Implementations must be thread-safe and must only write
 * {@code mortality[0..n)} and {@code lapse[0..n)}.
 */
@FunctionalInterface
public interface ScenarioAdjustment {

    /**
     * @param policy    the policy being projected
     * @param year      policy year, 1-based
     * @param lives     lives in force at the start of the year, per scenario (read only)
     * @param rates     the year's interest rate per scenario (read only)
     * @param mortality mortality multipliers per scenario, to multiply into
     * @param lapse     lapse multipliers per scenario, to multiply into
     * @param n         number of scenarios (the arrays may be longer)
     */
    void adjust(Policy policy, int year, double[] lives, double[] rates, double[] mortality, double[] lapse, int n);

    /** This adjustment, then {@code next} (their factors multiply). */
    default ScenarioAdjustment andThen(ScenarioAdjustment next) {
        return (policy, year, lives, rates, mortality, lapse, n) -> {
            adjust(policy, year, lives, rates, mortality, lapse, n);
            next.adjust(policy, year, lives, rates, mortality, lapse, n);
        };
    }
}
