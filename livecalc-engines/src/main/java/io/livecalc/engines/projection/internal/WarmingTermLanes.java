package io.livecalc.engines.projection.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The Vector API kernel once it pays, the plain loops until then. Until C2 has compiled it, Vector API code
 * runs interpreted with every vector a heap object: a first run of BasicTerm_M on 10,000 points took 1.5-1.9 s
 * in the vector kernel against 0.2-0.3 s in the plain loops (issue 15), and C2 only compiles it after a few
 * hundred calls. So this JVM runs the plain loops first and switches for good once it has spent
 * {@link #WARM_UP_NANOS} in them: a one-shot run of up to a few million points never pays the vector kernel's
 * warm-up, and a long-lived process (a service, the solver, JMH) pays it once, after at most as much time as
 * the warm-up costs (the ski-rental rule: at worst twice the better choice). Both kernels give the same bits,
 * so the switch never changes a number. The system property {@code livecalc.simd=true} skips the plain loops.
 */
final class WarmingTermLanes implements TermLanes {

    /** Time in the plain loops after which the vector kernel takes over (property {@code livecalc.simd.warmup.ms}). */
    static final long WARM_UP_NANOS = Long.getLong("livecalc.simd.warmup.ms", 1000) * 1_000_000L;

    private final TermLanes vector;
    private final long warmUpNanos;
    /** Nanoseconds spent in the plain loops by every thread; past the threshold, {@link #hot} is set for good. */
    private final AtomicLong scalarNanos = new AtomicLong();
    private volatile boolean hot;

    WarmingTermLanes(TermLanes vector, long warmUpNanos) {
        this.vector = vector;
        this.warmUpNanos = warmUpNanos;
    }

    /** {@code kernel} itself when it is the scalar one or SIMD is forced, else the warming pair. */
    static TermLanes around(TermLanes kernel) {
        if (kernel == SCALAR || "true".equalsIgnoreCase(System.getProperty("livecalc.simd", "").trim()) || WARM_UP_NANOS <= 0) {
            return kernel;
        }
        return new WarmingTermLanes(kernel, WARM_UP_NANOS);
    }

    @Override
    public void project(double[] mortality, int[] row, double[] lapse, int[] maturity, double[] sumAssured, double[] df,
                        double[] maintenance, double acquisition, int lanes, int steps, double[] pif, double[] claims,
                        double[] expenses, double[] pvClaims, double[] pvPif, double[] pvExpenses) {
        if (hot) {
            vector.project(mortality, row, lapse, maturity, sumAssured, df, maintenance, acquisition, lanes, steps, pif, claims,
                    expenses, pvClaims, pvPif, pvExpenses);
            return;
        }
        long start = System.nanoTime();
        SCALAR.project(mortality, row, lapse, maturity, sumAssured, df, maintenance, acquisition, lanes, steps, pif, claims,
                expenses, pvClaims, pvPif, pvExpenses);
        spent(start);
    }

    @Override
    public void premiums(double[] premiumPp, double[] pif, double[] df, int lanes, int steps, int commissionSteps,
                         double[] pvPremiums, double[] pvCommissions) {
        if (hot) {
            vector.premiums(premiumPp, pif, df, lanes, steps, commissionSteps, pvPremiums, pvCommissions);
            return;
        }
        long start = System.nanoTime();
        SCALAR.premiums(premiumPp, pif, df, lanes, steps, commissionSteps, pvPremiums, pvCommissions);
        spent(start);
    }

    @Override
    public void projectInForce(double[] mortality, int[] row, double[] lapse, int[] start, int[] maturity, double[] count,
                               double[] sumAssured, double[] premiumPp, double[] df, double[] maintenance, double acquisition,
                               int lanes, int steps, double[][] pv) {
        if (hot) {
            vector.projectInForce(mortality, row, lapse, start, maturity, count, sumAssured, premiumPp, df, maintenance,
                    acquisition, lanes, steps, pv);
            return;
        }
        long start0 = System.nanoTime();
        SCALAR.projectInForce(mortality, row, lapse, start, maturity, count, sumAssured, premiumPp, df, maintenance, acquisition,
                lanes, steps, pv);
        spent(start0);
    }

    private void spent(long start) {
        if (scalarNanos.addAndGet(System.nanoTime() - start) >= warmUpNanos) {
            hot = true;
        }
    }

    /** Whether the vector kernel has taken over. */
    boolean hot() {
        return hot;
    }

    /** The vector kernel's name: what long runs use; {@code kernel} in the engine report says which ran first. */
    @Override
    public String name() {
        return vector.name() + (hot ? "" : " (scalar until warm)");
    }
}
