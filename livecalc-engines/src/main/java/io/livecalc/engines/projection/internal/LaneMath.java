package io.livecalc.engines.projection.internal;

/**
 * The element-wise loops of both projection kernels, over "lanes" (one lane = one scenario). Two
 * implementations: {@link ScalarLaneMath} and the Vector API one; {@link LaneMathProvider} picks one at
 * start-up.
 *
 * <p>Contract that makes scalar and SIMD results bit-identical: every lane is computed with exactly the
 * same IEEE operations in the same order as the scalar loop (separate multiply and add, never a fused
 * multiply-add, no cross-lane reductions).
 */
public interface LaneMath {

    /** {@code acc[i] = acc[i] + a * x[i]} for {@code i < n}. */
    void addScaled(double[] acc, double a, double[] x, int n);

    /**
     * {@code acc[i] = acc[i] + a * x[xFrom + i]} for {@code i < n}: discounting with lanes = model points
     * (one row of a step-major cash flow block).
     */
    void addScaledRow(double[] acc, double a, double[] x, int xFrom, int n);

    /** {@code acc[i] = acc[i] + x[i]} for {@code i < n}. */
    void add(double[] acc, double[] x, int n);

    /**
     * One policy year of the general recursion for {@code n} lanes (projection-model.md, "One policy under
     * one scenario"), with per-lane multipliers on the capped mortality and lapse rates:
     * {@code q = min(qm * mortality[i], 1)}, {@code w = min(wl * lapse[i], 1)}. Books the year's flows
     * discounted by {@code df[i]} into {@code npv} (and the component present values when
     * {@code pvPremium != null}), then updates {@code lives}; a lane whose lives fall below 1e-10 is set
     * to 0 lives, so it books nothing more (the model's {@code break}).
     *
     * @param qm      {@code q[gender][x] * mM}, uncapped
     * @param wl      {@code w[t] * mL}, uncapped
     * @param expense this year's per-policy expense before lives: {@code (acq + maint + pct*premium) * mE}
     *                in year 1, {@code (maint + pct*premium) * mE} after
     * @return whether any lane still has lives in force
     */
    boolean generalYear(double qm, double wl, double premium, double sumAssured, double expense, double claim,
                        double expenseMultiplier, double[] lives, double[] mortality, double[] lapse, double[] df,
                        double[] npv, double[] pvPremium, double[] pvDeath, double[] pvExpense, int n);

    /** A short name for logs and benchmarks ("scalar", "simd-512"). */
    String name();
}
