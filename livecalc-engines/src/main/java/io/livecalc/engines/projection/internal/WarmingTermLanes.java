package io.livecalc.engines.projection.internal;

/**
 * The BasicTerm lanes: the Vector API kernel once it pays, the plain loops until then ({@link WarmUp}). A first run
 * of BasicTerm_M on 10,000 points took 1.5-1.9 s in the vector kernel against 0.2-0.3 s in the plain loops (issue
 * 15). Both kernels give the same bits, so the switch never changes a number. The system property
 * {@code livecalc.simd=true} skips the plain loops.
 */
final class WarmingTermLanes implements TermLanes {

    private final TermLanes vector;
    private final WarmUp warmUp;

    WarmingTermLanes(TermLanes vector, long warmUpNanos) {
        this.vector = vector;
        this.warmUp = new WarmUp(warmUpNanos);
    }

    /** {@code kernel} itself when it is the scalar one or SIMD is forced, else the warming pair. */
    static TermLanes around(TermLanes kernel) {
        return WarmUp.wanted(kernel, SCALAR) ? new WarmingTermLanes(kernel, WarmUp.NANOS) : kernel;
    }

    @Override
    public void project(double[] mortality, int[] row, double[] lapse, int[] maturity, double[] sumAssured, double[] df,
                        double[] maintenance, double acquisition, int lanes, int steps, double[] pif, double[] claims,
                        double[] expenses, double[] pvClaims, double[] pvPif, double[] pvExpenses) {
        if (warmUp.hot()) {
            vector.project(mortality, row, lapse, maturity, sumAssured, df, maintenance, acquisition, lanes, steps, pif, claims,
                    expenses, pvClaims, pvPif, pvExpenses);
            return;
        }
        long start = System.nanoTime();
        SCALAR.project(mortality, row, lapse, maturity, sumAssured, df, maintenance, acquisition, lanes, steps, pif, claims,
                expenses, pvClaims, pvPif, pvExpenses);
        warmUp.spent(start);
    }

    @Override
    public void premiums(double[] premiumPp, double[] pif, double[] df, int lanes, int steps, int commissionSteps,
                         double[] pvPremiums, double[] pvCommissions) {
        if (warmUp.hot()) {
            vector.premiums(premiumPp, pif, df, lanes, steps, commissionSteps, pvPremiums, pvCommissions);
            return;
        }
        long start = System.nanoTime();
        SCALAR.premiums(premiumPp, pif, df, lanes, steps, commissionSteps, pvPremiums, pvCommissions);
        warmUp.spent(start);
    }

    @Override
    public void projectInForce(double[] mortality, int[] row, double[] lapse, int[] start, int[] maturity, double[] count,
                               double[] sumAssured, double[] premiumPp, double[] df, double[] maintenance, double acquisition,
                               int lanes, int steps, double[][] pv) {
        if (warmUp.hot()) {
            vector.projectInForce(mortality, row, lapse, start, maturity, count, sumAssured, premiumPp, df, maintenance,
                    acquisition, lanes, steps, pv);
            return;
        }
        long start0 = System.nanoTime();
        SCALAR.projectInForce(mortality, row, lapse, start, maturity, count, sumAssured, premiumPp, df, maintenance, acquisition,
                lanes, steps, pv);
        warmUp.spent(start0);
    }

    /** Whether the vector kernel has taken over. */
    boolean hot() {
        return warmUp.hot();
    }

    /** The vector kernel's name: what long runs use; {@code kernel} in the engine report says which ran first. */
    @Override
    public String name() {
        return vector.name() + (warmUp.hot() ? "" : " (scalar until warm)");
    }
}
