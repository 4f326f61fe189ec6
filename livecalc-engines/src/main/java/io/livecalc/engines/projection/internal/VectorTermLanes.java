package io.livecalc.engines.projection.internal;

import io.livecalc.engines.internal.SimdSpecies;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link TermLanes} on the Vector API. Month by month over every vector of the group, so that the
 * vectors' recursions (each a chain of dependent multiplies and subtractions) overlap; mortality and
 * maturities are set per lane once per policy year by the scalar {@code startYear}, so the monthly loop
 * has no gathers, masks or branches. The species is a static final constant (read once from
 * {@link SimdSpecies}), so that C2 intrinsifies every vector operation. Loaded reflectively (see
 * {@link io.livecalc.engines.internal.VectorSupport}).
 */
final class VectorTermLanes implements TermLanes {

    private static final VectorSpecies<Double> SPECIES = SimdSpecies.doubles();

    VectorTermLanes() {
    }

    /**
     * With {@code pvExpenses == null} writes the pif, claims and expenses rows; otherwise the pif row only,
     * discounting the expenses on the way (the same operations as discounting their row). The test is loop
     * invariant: C2 unswitches the loop.
     */
    @Override
    public void project(double[] mortality, int[] row, double[] lapse, int[] maturity, double[] sumAssured, double[] df,
                        double[] maintenance, double acquisition, int lanes, int steps, double[] pif, double[] claims,
                        double[] expenses, double[] pvClaims, double[] pvPif, double[] pvExpenses) {
        int width = SPECIES.length();
        int bound = SPECIES.loopBound(lanes);
        boolean rows = pvExpenses == null;
        double[] l = new double[lanes];
        double[] q = new double[lanes];
        java.util.Arrays.fill(l, 1.0);
        java.util.Arrays.fill(pvClaims, 0, lanes, 0.0);
        java.util.Arrays.fill(pvPif, 0, lanes, 0.0);
        int from = 0;
        if (!rows) {
            java.util.Arrays.fill(pvExpenses, 0, lanes, 0.0);
            for (; from + 4 * width <= lanes; from += 4 * width) {
                valuedQuad(mortality, row, lapse, maturity, sumAssured, df, maintenance, acquisition, lanes, steps, pif, pvClaims,
                        pvPif, pvExpenses, l, q, from);
            }
            if (from == lanes) {
                return;
            }
        }
        double w = 0;
        for (int t = 0; t < steps; t++) {
            if (t % 12 == 0) {
                w = ScalarTermLanes.startYear(t / 12, mortality, row, lapse, maturity, l, q, from, lanes);
            }
            double v = df[t];
            double m = maintenance[t];
            double a = t == 0 ? acquisition : 0.0;
            int k = t * lanes;
            for (int j = from; j < bound; j += width) {
                DoubleVector x = DoubleVector.fromArray(SPECIES, l, j);
                DoubleVector death = x.mul(DoubleVector.fromArray(SPECIES, q, j));
                DoubleVector claim = death.mul(DoubleVector.fromArray(SPECIES, sumAssured, j));
                DoubleVector lapses = x.sub(death).mul(w);
                DoubleVector e = x.mul(a).add(x.mul(m));
                DoubleVector.fromArray(SPECIES, pvClaims, j).add(claim.mul(v)).intoArray(pvClaims, j);
                DoubleVector.fromArray(SPECIES, pvPif, j).add(x.mul(v)).intoArray(pvPif, j);
                x.intoArray(pif, k + j);
                if (rows) {
                    claim.intoArray(claims, k + j);
                    e.intoArray(expenses, k + j);
                } else {
                    DoubleVector.fromArray(SPECIES, pvExpenses, j).add(e.mul(v)).intoArray(pvExpenses, j);
                }
                x.sub(lapses).sub(death).intoArray(l, j);
            }
            for (int j = bound; j < lanes; j++) {
                double x = l[j];
                double death = x * q[j];
                double claim = death * sumAssured[j];
                double lapses = (x - death) * w;
                double e = a * x + x * m;
                pvClaims[j] = pvClaims[j] + claim * v;
                pvPif[j] = pvPif[j] + x * v;
                pif[k + j] = x;
                if (rows) {
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
     * The fused recursion for the four vectors of lanes {@code j0 ..}, month by month with every running value
     * in registers (the four recursions overlap; nothing but the pif row goes through memory). Per lane exactly
     * the operations of the loop in {@link #project}; after t = 0 the expense {@code a * x + x * m} is
     * {@code x * m} exactly (a = 0: +0.0 + e == e). Written out four times on purpose: a helper taking the
     * vectors as arguments is not always inlined in this large loop, and then C2 boxes every vector (measured:
     * 4x slower).
     */
    private static void valuedQuad(double[] mortality, int[] row, double[] lapse, int[] maturity, double[] sumAssured, double[] df,
                                   double[] maintenance, double acquisition, int lanes, int steps, double[] pif,
                                   double[] pvClaims, double[] pvPif, double[] pvExpenses, double[] l, double[] q, int j0) {
        int width = SPECIES.length();
        int j1 = j0 + width, j2 = j1 + width, j3 = j2 + width;
        DoubleVector s0 = DoubleVector.fromArray(SPECIES, sumAssured, j0), s1 = DoubleVector.fromArray(SPECIES, sumAssured, j1);
        DoubleVector s2 = DoubleVector.fromArray(SPECIES, sumAssured, j2), s3 = DoubleVector.fromArray(SPECIES, sumAssured, j3);
        DoubleVector zero = DoubleVector.zero(SPECIES);
        DoubleVector c0 = zero, c1 = zero, c2 = zero, c3 = zero; // PV(claims)
        DoubleVector p0 = zero, p1 = zero, p2 = zero, p3 = zero; // PV(pols_if)
        DoubleVector e0 = zero, e1 = zero, e2 = zero, e3 = zero; // PV(expenses)
        DoubleVector x0 = zero, x1 = zero, x2 = zero, x3 = zero; // pols_if
        DoubleVector q0 = zero, q1 = zero, q2 = zero, q3 = zero;
        double w = 0;
        for (int t = 0; t < steps; t++) {
            if (t % 12 == 0) {
                if (t > 0) {
                    x0.intoArray(l, j0);
                    x1.intoArray(l, j1);
                    x2.intoArray(l, j2);
                    x3.intoArray(l, j3);
                }
                w = ScalarTermLanes.startYear(t / 12, mortality, row, lapse, maturity, l, q, j0, j3 + width);
                x0 = DoubleVector.fromArray(SPECIES, l, j0);
                x1 = DoubleVector.fromArray(SPECIES, l, j1);
                x2 = DoubleVector.fromArray(SPECIES, l, j2);
                x3 = DoubleVector.fromArray(SPECIES, l, j3);
                q0 = DoubleVector.fromArray(SPECIES, q, j0);
                q1 = DoubleVector.fromArray(SPECIES, q, j1);
                q2 = DoubleVector.fromArray(SPECIES, q, j2);
                q3 = DoubleVector.fromArray(SPECIES, q, j3);
            }
            double v = df[t];
            double m = maintenance[t];
            int k = t * lanes;
            x0.intoArray(pif, k + j0);
            x1.intoArray(pif, k + j1);
            x2.intoArray(pif, k + j2);
            x3.intoArray(pif, k + j3);
            if (t == 0) {
                e0 = x0.mul(acquisition).add(x0.mul(m)).mul(v);
                e1 = x1.mul(acquisition).add(x1.mul(m)).mul(v);
                e2 = x2.mul(acquisition).add(x2.mul(m)).mul(v);
                e3 = x3.mul(acquisition).add(x3.mul(m)).mul(v);
            } else {
                e0 = e0.add(x0.mul(m).mul(v));
                e1 = e1.add(x1.mul(m).mul(v));
                e2 = e2.add(x2.mul(m).mul(v));
                e3 = e3.add(x3.mul(m).mul(v));
            }
            DoubleVector d0 = x0.mul(q0), d1 = x1.mul(q1), d2 = x2.mul(q2), d3 = x3.mul(q3);
            c0 = c0.add(d0.mul(s0).mul(v));
            c1 = c1.add(d1.mul(s1).mul(v));
            c2 = c2.add(d2.mul(s2).mul(v));
            c3 = c3.add(d3.mul(s3).mul(v));
            p0 = p0.add(x0.mul(v));
            p1 = p1.add(x1.mul(v));
            p2 = p2.add(x2.mul(v));
            p3 = p3.add(x3.mul(v));
            x0 = x0.sub(x0.sub(d0).mul(w)).sub(d0);
            x1 = x1.sub(x1.sub(d1).mul(w)).sub(d1);
            x2 = x2.sub(x2.sub(d2).mul(w)).sub(d2);
            x3 = x3.sub(x3.sub(d3).mul(w)).sub(d3);
        }
        c0.intoArray(pvClaims, j0);
        c1.intoArray(pvClaims, j1);
        c2.intoArray(pvClaims, j2);
        c3.intoArray(pvClaims, j3);
        p0.intoArray(pvPif, j0);
        p1.intoArray(pvPif, j1);
        p2.intoArray(pvPif, j2);
        p3.intoArray(pvPif, j3);
        e0.intoArray(pvExpenses, j0);
        e1.intoArray(pvExpenses, j1);
        e2.intoArray(pvExpenses, j2);
        e3.intoArray(pvExpenses, j3);
    }

    /** Two vectors of lanes at a time with the sums in registers; per lane exactly the scalar loop's operations. */
    @Override
    public void premiums(double[] premiumPp, double[] pif, double[] df, int lanes, int steps, int commissionSteps,
                         double[] pvPremiums, double[] pvCommissions) {
        int width = SPECIES.length();
        int j = 0;
        for (; j + 2 * width <= lanes; j += 2 * width) {
            int j1 = j + width;
            DoubleVector pp0 = DoubleVector.fromArray(SPECIES, premiumPp, j);
            DoubleVector pp1 = DoubleVector.fromArray(SPECIES, premiumPp, j1);
            DoubleVector a0 = DoubleVector.zero(SPECIES);
            DoubleVector a1 = a0;
            a0.intoArray(pvCommissions, j);
            a1.intoArray(pvCommissions, j1);
            for (int t = 0; t < steps; t++) {
                double v = df[t];
                int k = t * lanes;
                a0 = a0.add(pp0.mul(DoubleVector.fromArray(SPECIES, pif, k + j)).mul(v));
                a1 = a1.add(pp1.mul(DoubleVector.fromArray(SPECIES, pif, k + j1)).mul(v));
                if (t == commissionSteps - 1) {
                    a0.intoArray(pvCommissions, j);
                    a1.intoArray(pvCommissions, j1);
                }
            }
            a0.intoArray(pvPremiums, j);
            a1.intoArray(pvPremiums, j1);
        }
        if (j < lanes) {
            ScalarTermLanes.premiums(premiumPp, pif, df, lanes, steps, commissionSteps, pvPremiums, pvCommissions, j, lanes);
        }
    }

    /**
     * Two vectors of lanes at a time through every month, their state and sums in registers (written out twice, no
     * helper: C2 would box the vectors; two recursions overlap their latency chains, measured ~2x over one). Where
     * a lane is (issued, matured, in its first year) comes from comparing the month with per-lane bounds, and the
     * flows of inactive lanes are blended to 0.0, so every lane does exactly the scalar loop's operations. Each
     * lane's mortality and lapse change when its own policy year turns: lanes are bucketed by {@code start mod 12},
     * so each month only the lanes whose year turns are looked up. Lanes past the last pair take the scalar loop.
     */
    @Override
    public void projectInForce(double[] mortality, int[] row, double[] lapse, int[] start, int[] maturity, double[] count,
                               double[] sumAssured, double[] premiumPp, double[] df, double[] maintenance, double acquisition,
                               int lanes, int steps, double[][] pv) {
        int width = SPECIES.length();
        int pair = 2 * width;
        int bound = lanes - lanes % pair;
        double[] q = new double[bound];
        double[] w = new double[bound];
        double[] first = new double[bound]; // first month in force (t), and first month after: t in [first, end)
        double[] end = new double[bound];
        double[] issue = new double[bound]; // t of policy month 0 (negative for points already in force)
        double[] firstYearEnd = new double[bound];
        long[] turns = new long[bound / pair * 12]; // per pair and t mod 12: bits of the lanes whose policy year turns
        for (int j = 0; j < bound; j++) {
            int d0 = start[j];
            first[j] = Math.max(0, -d0);
            end[j] = maturity[j] - d0;
            issue[j] = -d0;
            firstYearEnd[j] = 12 - d0;
            if (d0 >= 0 && d0 < maturity[j]) {
                q[j] = ScalarTermLanes.inForceMortality(mortality, row[j], d0);
                w[j] = lapse[Math.min(d0 / 12, lapse.length - 1)];
            }
            turns[j / pair * 12 + Math.floorMod(-d0, 12)] |= 1L << (j % pair);
        }
        DoubleVector zero = DoubleVector.zero(SPECIES);
        for (int j = 0; j < bound; j += pair) {
            int base = j / pair * 12;
            int k = j + width;
            DoubleVector ca = DoubleVector.fromArray(SPECIES, count, j), cb = DoubleVector.fromArray(SPECIES, count, k);
            DoubleVector saa = DoubleVector.fromArray(SPECIES, sumAssured, j), sab = DoubleVector.fromArray(SPECIES, sumAssured, k);
            DoubleVector ppa = DoubleVector.fromArray(SPECIES, premiumPp, j), ppb = DoubleVector.fromArray(SPECIES, premiumPp, k);
            DoubleVector froma = DoubleVector.fromArray(SPECIES, first, j), fromb = DoubleVector.fromArray(SPECIES, first, k);
            DoubleVector toa = DoubleVector.fromArray(SPECIES, end, j), tob = DoubleVector.fromArray(SPECIES, end, k);
            DoubleVector nba = DoubleVector.fromArray(SPECIES, issue, j), nbb = DoubleVector.fromArray(SPECIES, issue, k);
            DoubleVector y1a = DoubleVector.fromArray(SPECIES, firstYearEnd, j), y1b = DoubleVector.fromArray(SPECIES, firstYearEnd, k);
            DoubleVector xa = zero.blend(ca, nba.compare(VectorOperators.LT, 0.0)); // in force at t = 0: start > 0
            DoubleVector xb = zero.blend(cb, nbb.compare(VectorOperators.LT, 0.0));
            DoubleVector spa = zero, sca = zero, sea = zero, ska = zero;
            DoubleVector spb = zero, scb = zero, seb = zero, skb = zero;
            for (int t = 0; t < steps; t++) {
                long turning = t == 0 ? 0 : turns[base + t % 12];
                while (turning != 0) {
                    int l = j + Long.numberOfTrailingZeros(turning);
                    turning &= turning - 1;
                    int month = start[l] + t;
                    if (month >= 0 && month < maturity[l]) {
                        q[l] = ScalarTermLanes.inForceMortality(mortality, row[l], month);
                        w[l] = lapse[Math.min(month / 12, lapse.length - 1)];
                    }
                }
                double tt = t;
                double v = df[t];
                double m = maintenance[t];
                VectorMask<Double> aa = froma.compare(VectorOperators.LE, tt).and(toa.compare(VectorOperators.GT, tt));
                VectorMask<Double> ab = fromb.compare(VectorOperators.LE, tt).and(tob.compare(VectorOperators.GT, tt));
                DoubleVector newa = zero.blend(ca, nba.compare(VectorOperators.EQ, tt));
                DoubleVector newb = zero.blend(cb, nbb.compare(VectorOperators.EQ, tt));
                DoubleVector ia = xa.add(newa), ib = xb.add(newb); // in force
                DoubleVector da = ia.mul(DoubleVector.fromArray(SPECIES, q, j)), db = ib.mul(DoubleVector.fromArray(SPECIES, q, k));
                DoubleVector la = ia.sub(da).mul(DoubleVector.fromArray(SPECIES, w, j));
                DoubleVector lb = ib.sub(db).mul(DoubleVector.fromArray(SPECIES, w, k));
                DoubleVector pa = ppa.mul(ia), pb = ppb.mul(ib);
                spa = spa.add(zero.blend(pa, aa).mul(v));
                spb = spb.add(zero.blend(pb, ab).mul(v));
                sca = sca.add(zero.blend(da.mul(saa), aa).mul(v));
                scb = scb.add(zero.blend(db.mul(sab), ab).mul(v));
                sea = sea.add(zero.blend(newa.mul(acquisition).add(ia.mul(m)), aa).mul(v));
                seb = seb.add(zero.blend(newb.mul(acquisition).add(ib.mul(m)), ab).mul(v));
                ska = ska.add(zero.blend(pa, y1a.compare(VectorOperators.GT, tt).and(aa)).mul(v));
                skb = skb.add(zero.blend(pb, y1b.compare(VectorOperators.GT, tt).and(ab)).mul(v));
                // outside [first, end) the state does not matter: 0 before issue (q = w = 0), unused from maturity
                xa = ia.sub(la).sub(da);
                xb = ib.sub(lb).sub(db);
            }
            spa.intoArray(pv[0], j);
            spb.intoArray(pv[0], k);
            sca.intoArray(pv[1], j);
            scb.intoArray(pv[1], k);
            sea.intoArray(pv[2], j);
            seb.intoArray(pv[2], k);
            ska.intoArray(pv[3], j);
            skb.intoArray(pv[3], k);
        }
        if (bound < lanes) {
            ScalarTermLanes.projectInForce(mortality, row, lapse, start, maturity, count, sumAssured, premiumPp, df, maintenance,
                    acquisition, steps, pv, bound, lanes);
        }
    }

    @Override
    public String name() {
        return "simd-" + SPECIES.vectorBitSize();
    }
}
