package io.livecalc.engines.projection;

import io.livecalc.engines.internal.SimdSpecies;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link TermLanes} on the Vector API. Month by month over every vector of the group, so that the
 * vectors' recursions (each a chain of dependent multiplies and subtractions) overlap; mortality and
 * maturities are set per lane once per policy year by the scalar {@code startYear}, so the monthly loop
 * has no gathers, masks or branches. Loaded reflectively (see {@link io.livecalc.engines.internal.VectorSupport}).
 */
final class VectorTermLanes implements TermLanes {

    private final VectorSpecies<Double> species;

    VectorTermLanes() {
        this.species = SimdSpecies.doubles();
    }

    @Override
    public void project(double[] mortality, int[] row, double[] lapse, int[] maturity, double[] sumAssured, double[] df,
                        double[] maintenance, double acquisition, int lanes, int steps, double[] pif, double[] claims,
                        double[] expenses, double[] pvClaims, double[] pvPif) {
        int width = species.length();
        int bound = species.loopBound(lanes);
        double[] l = new double[lanes];
        double[] q = new double[lanes];
        java.util.Arrays.fill(l, 1.0);
        java.util.Arrays.fill(pvClaims, 0, lanes, 0.0);
        java.util.Arrays.fill(pvPif, 0, lanes, 0.0);
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
                DoubleVector x = DoubleVector.fromArray(species, l, j);
                DoubleVector death = x.mul(DoubleVector.fromArray(species, q, j));
                DoubleVector claim = death.mul(DoubleVector.fromArray(species, sumAssured, j));
                DoubleVector lapses = x.sub(death).mul(w);
                DoubleVector.fromArray(species, pvClaims, j).add(claim.mul(v)).intoArray(pvClaims, j);
                DoubleVector.fromArray(species, pvPif, j).add(x.mul(v)).intoArray(pvPif, j);
                x.intoArray(pif, k + j);
                claim.intoArray(claims, k + j);
                x.mul(a).add(x.mul(m)).intoArray(expenses, k + j);
                x.sub(lapses).sub(death).intoArray(l, j);
            }
            for (int j = bound; j < lanes; j++) {
                double x = l[j];
                double death = x * q[j];
                double claim = death * sumAssured[j];
                double lapses = (x - death) * w;
                pvClaims[j] = pvClaims[j] + claim * v;
                pvPif[j] = pvPif[j] + x * v;
                pif[k + j] = x;
                claims[k + j] = claim;
                expenses[k + j] = a * x + x * m;
                l[j] = (x - lapses) - death;
            }
        }
    }

    @Override
    public String name() {
        return "simd-" + species.vectorBitSize();
    }
}
