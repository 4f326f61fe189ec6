package io.livecalc.engines.projection.internal;

/**
 * BasicTerm_M's decrement recursion for a group of model points at once (lanes = model points), from
 * t = 0 to {@code steps - 1}: lifelib's vectorised model. Two implementations, picked like the
 * projection's {@link LaneMath} ({@link #preferred()}): plain loops, and the Vector API one, which applies
 * exactly the same IEEE operations to every lane (no fused multiply-add), so both give the same bits,
 * and the same bits as BasicTerm_S's one-point-at-a-time loop.
 */
public interface TermLanes {

    /**
     * @param mortality   monthly select mortality, index {@code row[j] + 6 * d + min(d, 5)} at policy year d (clamped
     *                    to the table: a lane past its own term has no policies left)
     * @param row         per lane, {@code (age_at_entry - minAge) * 6}
     * @param lapse       monthly lapse by policy year, flat after the last entry
     * @param maturity    per lane, the month {@code 12 * policy_term} at which the policies mature
     * @param sumAssured  per lane
     * @param df          pricing discount factors by month
     * @param maintenance maintenance expense per policy by month (inflated)
     * @param acquisition acquisition expense per new policy (t = 0)
     * @param pif         out, {@code [t * lanes + j]}: policies in force at t
     * @param claims      out: {@code sum_assured * deaths}; {@code null} when {@code pvExpenses} is given (the
     *                    claims' present value is {@code pvClaims})
     * @param expenses    out: acquisition (t = 0) plus maintenance; {@code null} when {@code pvExpenses} is given
     * @param pvClaims    out, per lane: {@code sum_t claims * df}
     * @param pvPif       out, per lane: {@code sum_t pif * df}
     * @param pvExpenses  out, per lane: {@code sum_t expenses * df}, or {@code null} (then {@code claims} and
     *                    {@code expenses} are written)
     */
    void project(double[] mortality, int[] row, double[] lapse, int[] maturity, double[] sumAssured, double[] df,
                 double[] maintenance, double acquisition, int lanes, int steps, double[] pif, double[] claims,
                 double[] expenses, double[] pvClaims, double[] pvPif, double[] pvExpenses);

    /**
     * Present values of the premiums {@code premiumPp[j] * pif(t, j)} and of the commissions (the premiums of
     * {@code t < commissionSteps}): {@code pv = pv + (premiumPp * pif) * df[t]} in step order, the same IEEE
     * operations as scaling the premium row and discounting it with {@link LaneMath#addScaledRow}.
     */
    void premiums(double[] premiumPp, double[] pif, double[] df, int lanes, int steps, int commissionSteps,
                  double[] pvPremiums, double[] pvCommissions);

    String name();

    TermLanes SCALAR = new ScalarTermLanes();

    static TermLanes preferred() {
        return Holder.PREFERRED;
    }

    static TermLanes vector() {
        return io.livecalc.engines.internal.VectorSupport.vector(TermLanes.class, "io.livecalc.engines.projection.internal.VectorTermLanes");
    }

    final class Holder {
        static final TermLanes PREFERRED = WarmingTermLanes.around(io.livecalc.engines.internal.VectorSupport.select(
                "the BasicTerm model", TermLanes.class, SCALAR, "io.livecalc.engines.projection.internal.VectorTermLanes"));

        private Holder() {
        }
    }

    /** The plain loops; also the Vector API implementation's tail. */
    final class ScalarTermLanes implements TermLanes {

        @Override
        public void project(double[] mortality, int[] row, double[] lapse, int[] maturity, double[] sumAssured, double[] df,
                            double[] maintenance, double acquisition, int lanes, int steps, double[] pif, double[] claims,
                            double[] expenses, double[] pvClaims, double[] pvPif, double[] pvExpenses) {
            project(mortality, row, lapse, maturity, sumAssured, df, maintenance, acquisition, lanes, steps, pif, claims,
                    expenses, pvClaims, pvPif, pvExpenses, 0, lanes);
        }

        @Override
        public void premiums(double[] premiumPp, double[] pif, double[] df, int lanes, int steps, int commissionSteps,
                             double[] pvPremiums, double[] pvCommissions) {
            premiums(premiumPp, pif, df, lanes, steps, commissionSteps, pvPremiums, pvCommissions, 0, lanes);
        }

        static void premiums(double[] premiumPp, double[] pif, double[] df, int lanes, int steps, int commissionSteps,
                             double[] pvPremiums, double[] pvCommissions, int from, int to) {
            for (int j = from; j < to; j++) {
                pvPremiums[j] = 0.0;
                pvCommissions[j] = 0.0;
            }
            for (int t = 0; t < steps; t++) {
                double v = df[t];
                int k = t * lanes;
                for (int j = from; j < to; j++) {
                    pvPremiums[j] = pvPremiums[j] + premiumPp[j] * pif[k + j] * v;
                }
                if (t == commissionSteps - 1) {
                    System.arraycopy(pvPremiums, from, pvCommissions, from, to - from);
                }
            }
        }

        static void project(double[] mortality, int[] row, double[] lapse, int[] maturity, double[] sumAssured, double[] df,
                            double[] maintenance, double acquisition, int lanes, int steps, double[] pif, double[] claims,
                            double[] expenses, double[] pvClaims, double[] pvPif, double[] pvExpenses, int from, int to) {
            double[] l = new double[lanes];
            double[] q = new double[lanes];
            for (int j = from; j < to; j++) {
                l[j] = 1.0;
                pvClaims[j] = 0.0;
                pvPif[j] = 0.0;
                if (pvExpenses != null) {
                    pvExpenses[j] = 0.0;
                }
            }
            boolean store = pvExpenses == null;
            double w = 0;
            for (int t = 0; t < steps; t++) {
                if (t % 12 == 0) {
                    w = startYear(t / 12, mortality, row, lapse, maturity, l, q, from, to);
                }
                double v = df[t];
                double m = maintenance[t];
                double a = t == 0 ? acquisition : 0.0;
                int k = t * lanes;
                for (int j = from; j < to; j++) {
                    double x = l[j];
                    double death = x * q[j];
                    double claim = death * sumAssured[j];
                    double lapses = (x - death) * w;
                    pvClaims[j] = pvClaims[j] + claim * v;
                    pvPif[j] = pvPif[j] + x * v;
                    double e = a * x + x * m; // a = 0 after t = 0: 0 + e == e exactly
                    pif[k + j] = x;
                    if (store) {
                        claims[k + j] = claim;
                        expenses[k + j] = e;
                    } else {
                        pvExpenses[j] = pvExpenses[j] + e * v;
                    }
                    l[j] = (x - lapses) - death;
                }
            }
        }

        /**
         * At the first month of policy year {@code d}: the year's mortality per lane into {@code q}, and
         * maturities (every policy leaves at month 12 x term, a year start) into {@code l}. Returns the
         * year's lapse rate.
         */
        static double startYear(int d, double[] mortality, int[] row, double[] lapse, int[] maturity, double[] l, double[] q,
                                        int from, int to) {
            int col = BasicTermBasis.SELECT_YEARS * d + Math.min(d, BasicTermBasis.SELECT_YEARS - 1);
            int last = mortality.length - 1;
            for (int j = from; j < to; j++) {
                // clamped: past its own term a lane has no policies, but a longer lane of the group may run past the table
                q[j] = mortality[Math.min(row[j] + col, last)];
                if (maturity[j] == 12 * d) {
                    l[j] = 0.0;
                }
            }
            return lapse[Math.min(d, lapse.length - 1)];
        }

        @Override
        public String name() {
            return "scalar";
        }
    }
}
