package io.livecalc.engines.projection.internal;

/**
 * The projection's lane arithmetic: the Vector API kernel once it pays, the plain loops until then ({@link WarmUp}).
 * The demo projection of 10,000 policies x 1,000 scenarios spent ~150 ms of CPU in the interpreted vector
 * {@code addScaled} on a first run, more than the whole engine takes in the plain loops (issue 15). Both give the
 * same bits ({@code KernelInvarianceTest}), so the switch never changes a number. The system property
 * {@code livecalc.simd=true} skips the plain loops.
 */
final class WarmingLaneMath implements LaneMath {

    private final LaneMath scalar;
    private final LaneMath vector;
    private final WarmUp warmUp;

    WarmingLaneMath(LaneMath scalar, LaneMath vector, long warmUpNanos) {
        this.scalar = scalar;
        this.vector = vector;
        this.warmUp = new WarmUp(warmUpNanos);
    }

    /** {@code kernel} itself when it is {@code scalar} or SIMD is forced, else the warming pair. */
    static LaneMath around(LaneMath kernel, LaneMath scalar) {
        return WarmUp.wanted(kernel, scalar) ? new WarmingLaneMath(scalar, kernel, WarmUp.NANOS) : kernel;
    }

    @Override
    public void addScaled(double[] acc, double a, double[] x, int n) {
        if (warmUp.hot()) {
            vector.addScaled(acc, a, x, n);
            return;
        }
        long start = System.nanoTime();
        scalar.addScaled(acc, a, x, n);
        warmUp.spent(start);
    }

    @Override
    public void addScaledRow(double[] acc, double a, double[] x, int xFrom, int n) {
        if (warmUp.hot()) {
            vector.addScaledRow(acc, a, x, xFrom, n);
            return;
        }
        long start = System.nanoTime();
        scalar.addScaledRow(acc, a, x, xFrom, n);
        warmUp.spent(start);
    }

    @Override
    public void add(double[] acc, double[] x, int n) {
        if (warmUp.hot()) {
            vector.add(acc, x, n);
            return;
        }
        long start = System.nanoTime();
        scalar.add(acc, x, n);
        warmUp.spent(start);
    }

    @Override
    public boolean generalYear(double qm, double wl, double premium, double sumAssured, double expense, double claim,
                               double expenseMultiplier, double[] lives, double[] mortality, double[] lapse, double[] df,
                               double[] npv, double[] pvPremium, double[] pvDeath, double[] pvExpense, int n) {
        if (warmUp.hot()) {
            return vector.generalYear(qm, wl, premium, sumAssured, expense, claim, expenseMultiplier, lives, mortality, lapse, df,
                    npv, pvPremium, pvDeath, pvExpense, n);
        }
        long start = System.nanoTime();
        boolean alive = scalar.generalYear(qm, wl, premium, sumAssured, expense, claim, expenseMultiplier, lives, mortality,
                lapse, df, npv, pvPremium, pvDeath, pvExpense, n);
        warmUp.spent(start);
        return alive;
    }

    /** Whether the vector kernel has taken over. */
    boolean hot() {
        return warmUp.hot();
    }

    /** The vector kernel's name: what long runs use; the engine report says when the plain loops ran first. */
    @Override
    public String name() {
        return vector.name() + (warmUp.hot() ? "" : " (scalar until warm)");
    }
}
