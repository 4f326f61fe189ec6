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

    /**
     * BasicTerm_ME's recursion for a group of model points in force or issued later (lanes = model points), with
     * the discounting fused in: {@code pv = pv + df[t] * flow(t)} for {@code t = 0..steps-1}, a flow being 0.0
     * where the lane has none (before issue, from maturity): the engine's own sums of the rows that the one point
     * at a time loop writes, so the same bits. A lane's policy years start at different projection months
     * (its {@code duration_mth}), so mortality and lapse are per lane, looked up when its policy year turns.
     *
     * @param start      per lane, the policy month at t = 0 ({@code duration_mth}; negative: issued at t = -start)
     * @param maturity   per lane, {@code 12 * policy_term}
     * @param count      per lane, the policies in force or to be issued
     * @param premiumPp  per lane, the premium per policy
     * @param pv         out, {@code pv[f][j]} for the flows premiums, claims, expenses, commissions
     */
    void projectInForce(double[] mortality, int[] row, double[] lapse, int[] start, int[] maturity, double[] count,
                        double[] sumAssured, double[] premiumPp, double[] df, double[] maintenance, double acquisition,
                        int lanes, int steps, double[][] pv);

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

        @Override
        public void projectInForce(double[] mortality, int[] row, double[] lapse, int[] start, int[] maturity, double[] count,
                                   double[] sumAssured, double[] premiumPp, double[] df, double[] maintenance, double acquisition,
                                   int lanes, int steps, double[][] pv) {
            projectInForce(mortality, row, lapse, start, maturity, count, sumAssured, premiumPp, df, maintenance, acquisition, steps,
                    pv, 0, lanes);
        }

        /** One lane at a time, the formulas of BasicTerm_ME in their order (the model's former loop, discounted as the engine does). */
        static void projectInForce(double[] mortality, int[] row, double[] lapse, int[] start, int[] maturity, double[] count,
                                   double[] sumAssured, double[] premiumPp, double[] df, double[] maintenance, double acquisition,
                                   int steps, double[][] pv, int from, int to) {
            for (int j = from; j < to; j++) {
                int d0 = start[j];
                int n = maturity[j];
                double c = count[j];
                double sa = sumAssured[j];
                double pp = premiumPp[j];
                double x = d0 > 0 ? c : 0.0; // policies in force before maturities, new business and decrements
                double q = 0.0;
                double w = 0.0;
                double sp = 0.0, sc = 0.0, se = 0.0, sk = 0.0;
                for (int t = 0; t < steps; t++) {
                    int month = d0 + t;
                    double prem = 0.0, claim = 0.0, e = 0.0, comm = 0.0;
                    if (month >= 0 && month < n) { // before issue and from maturity (nothing in force) every flow is 0.0
                        if (t == 0 || month % 12 == 0) {
                            q = inForceMortality(mortality, row[j], month);
                            w = lapse[Math.min(month / 12, lapse.length - 1)];
                        }
                        double nb = month == 0 ? c : 0.0;
                        double inForce = x + nb;
                        double death = inForce * q;
                        double lapses = (inForce - death) * w;
                        prem = pp * inForce;
                        claim = death * sa;
                        e = acquisition * nb + inForce * maintenance[t];
                        comm = month < 12 ? prem : 0.0;
                        x = (inForce - lapses) - death;
                    }
                    double v = df[t];
                    sp = sp + v * prem;
                    sc = sc + v * claim;
                    se = se + v * e;
                    sk = sk + v * comm;
                }
                pv[0][j] = sp;
                pv[1][j] = sc;
                pv[2][j] = se;
                pv[3][j] = sk;
            }
        }

        /** Monthly mortality in the policy year of {@code month} (>= 0), {@code row} = (age_at_entry - minAge) * 6. */
        static double inForceMortality(double[] mortality, int row, int month) {
            int d = month / 12;
            return mortality[row + BasicTermBasis.SELECT_YEARS * d + Math.min(d, BasicTermBasis.SELECT_YEARS - 1)];
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
