package io.livecalc.engines.projection;

import io.livecalc.engines.internal.SimdSpecies;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link TermLanes} on the Vector API: one vector of model points at a time, the recursion's state in
 * registers across the months, mortality gathered once per policy year. Loaded reflectively (see
 * {@link io.livecalc.engines.internal.VectorSupport}).
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
        int[] index = new int[width];
        double[] maturityMonth = new double[width];
        DoubleVector zero = DoubleVector.zero(species);
        int last = mortality.length - 1;
        for (int j = 0; j < bound; j += width) {
            for (int k = 0; k < width; k++) {
                maturityMonth[k] = maturity[j + k];
            }
            DoubleVector n = DoubleVector.fromArray(species, maturityMonth, 0);
            DoubleVector sa = DoubleVector.fromArray(species, sumAssured, j);
            DoubleVector l = DoubleVector.broadcast(species, 1.0);
            DoubleVector pc = zero;
            DoubleVector pp = zero;
            DoubleVector q = zero;
            double w = 0;
            for (int t = 0; t < steps; t++) {
                if (t % 12 == 0) {
                    int d = t / 12;
                    int col = BasicTermBasis.SELECT_YEARS * d + Math.min(d, BasicTermBasis.SELECT_YEARS - 1);
                    for (int k = 0; k < width; k++) {
                        index[k] = Math.min(row[j + k] + col, last);
                    }
                    q = DoubleVector.fromArray(species, mortality, 0, index, 0);
                    w = lapse[Math.min(d, lapse.length - 1)];
                }
                VectorMask<Double> matures = n.compare(VectorOperators.EQ, t);
                l = l.blend(zero, matures);
                DoubleVector death = l.mul(q);
                DoubleVector claim = death.mul(sa);
                DoubleVector lapses = l.sub(death).mul(w);
                double v = df[t];
                pc = pc.add(claim.mul(v));
                pp = pp.add(l.mul(v));
                DoubleVector e = l.mul(maintenance[t]);
                if (t == 0) {
                    e = l.mul(acquisition).add(e);
                }
                int k = t * lanes + j;
                l.intoArray(pif, k);
                claim.intoArray(claims, k);
                e.intoArray(expenses, k);
                l = l.sub(lapses).sub(death);
            }
            pc.intoArray(pvClaims, j);
            pp.intoArray(pvPif, j);
        }
        ScalarTermLanes.project(mortality, row, lapse, maturity, sumAssured, df, maintenance, acquisition, lanes, steps, pif,
                claims, expenses, pvClaims, pvPif, bound, lanes);
    }

    @Override
    public String name() {
        return "simd-" + species.vectorBitSize();
    }
}
