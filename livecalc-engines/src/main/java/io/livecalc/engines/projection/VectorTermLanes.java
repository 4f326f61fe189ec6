package io.livecalc.engines.projection;

import io.livecalc.engines.internal.SimdSpecies;

import jdk.incubator.vector.DoubleVector;
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
        if (!rows) {
            java.util.Arrays.fill(pvExpenses, 0, lanes, 0.0);
        }
        double w = 0;
        for (int t = 0; t < steps; t++) {
            if (t % 12 == 0) {
                w = ScalarTermLanes.startYear(t / 12, mortality, row, lapse, maturity, l, q, 0, lanes);
            }
            double v = df[t];
            double m = maintenance[t];
            double a = t == 0 ? acquisition : 0.0;
            int k = t * lanes;
            for (int j = 0; j < bound; j += width) {
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

    @Override
    public void premiums(double[] premiumPp, double[] pif, double[] df, int lanes, int steps, int commissionSteps,
                         double[] pvPremiums, double[] pvCommissions) {
        int width = SPECIES.length();
        int bound = SPECIES.loopBound(lanes);
        java.util.Arrays.fill(pvPremiums, 0, lanes, 0.0);
        java.util.Arrays.fill(pvCommissions, 0, lanes, 0.0);
        for (int t = 0; t < steps; t++) {
            double v = df[t];
            int k = t * lanes;
            for (int j = 0; j < bound; j += width) {
                DoubleVector p = DoubleVector.fromArray(SPECIES, premiumPp, j).mul(DoubleVector.fromArray(SPECIES, pif, k + j));
                DoubleVector.fromArray(SPECIES, pvPremiums, j).add(p.mul(v)).intoArray(pvPremiums, j);
            }
            for (int j = bound; j < lanes; j++) {
                pvPremiums[j] = pvPremiums[j] + premiumPp[j] * pif[k + j] * v;
            }
            if (t == commissionSteps - 1) {
                System.arraycopy(pvPremiums, 0, pvCommissions, 0, lanes);
            }
        }
    }

    @Override
    public String name() {
        return "simd-" + SPECIES.vectorBitSize();
    }
}
