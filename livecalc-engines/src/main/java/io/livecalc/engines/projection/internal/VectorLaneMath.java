package io.livecalc.engines.projection.internal;

import io.livecalc.engines.internal.SimdSpecies;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link LaneMath} on the Vector API (the species of {@link SimdSpecies#doubles()}), with {@code loopBound} and a scalar
 * tail. Loaded reflectively by {@link LaneMathProvider} only when {@code jdk.incubator.vector} is readable.
 */
final class VectorLaneMath implements LaneMath {

    private final VectorSpecies<Double> species;

    VectorLaneMath() {
        this(SimdSpecies.doubles());
    }

    VectorLaneMath(VectorSpecies<Double> species) {
        this.species = species;
    }

    @Override
    public void addScaled(double[] acc, double a, double[] x, int n) {
        int bound = species.loopBound(n);
        int i = 0;
        for (; i < bound; i += species.length()) {
            DoubleVector va = DoubleVector.fromArray(species, acc, i);
            DoubleVector vx = DoubleVector.fromArray(species, x, i);
            va.add(vx.mul(a)).intoArray(acc, i);
        }
        ScalarLaneMath.addScaled(acc, a, x, i, n);
    }

    @Override
    public void addScaledRow(double[] acc, double a, double[] x, int xFrom, int n) {
        int bound = species.loopBound(n);
        int i = 0;
        for (; i < bound; i += species.length()) {
            DoubleVector va = DoubleVector.fromArray(species, acc, i);
            DoubleVector vx = DoubleVector.fromArray(species, x, xFrom + i);
            va.add(vx.mul(a)).intoArray(acc, i);
        }
        ScalarLaneMath.addScaledFrom(acc, a, x, xFrom, i, n);
    }

    @Override
    public void add(double[] acc, double[] x, int n) {
        int bound = species.loopBound(n);
        int i = 0;
        for (; i < bound; i += species.length()) {
            DoubleVector.fromArray(species, acc, i).add(DoubleVector.fromArray(species, x, i)).intoArray(acc, i);
        }
        ScalarLaneMath.add(acc, x, i, n);
    }

    @Override
    public boolean generalYear(double qm, double wl, double premium, double sumAssured, double expense, double claim,
                               double expenseMultiplier, double[] lives, double[] mortality, double[] lapse, double[] df,
                               double[] npv, double[] pvPremium, double[] pvDeath, double[] pvExpense, int n) {
        int bound = species.loopBound(n);
        int i = 0;
        VectorMask<Double> alive = species.maskAll(false);
        DoubleVector zero = DoubleVector.zero(species);
        for (; i < bound; i += species.length()) {
            DoubleVector l = DoubleVector.fromArray(species, lives, i);
            DoubleVector q = DoubleVector.fromArray(species, mortality, i).mul(qm).min(1.0);
            DoubleVector w = DoubleVector.fromArray(species, lapse, i).mul(wl).min(1.0);
            // same operand order as the scalar loop: qm * m == m * qm exactly (multiplication commutes in IEEE)
            DoubleVector p = l.mul(premium);
            DoubleVector d = l.mul(q);
            DoubleVector db = d.mul(sumAssured);
            DoubleVector survivors = l.sub(d);
            DoubleVector s = survivors.mul(w);
            DoubleVector e = l.mul(expense).add(d.mul(claim).mul(expenseMultiplier));
            DoubleVector cf = p.sub(db).sub(e);
            DoubleVector v = DoubleVector.fromArray(species, df, i);
            DoubleVector.fromArray(species, npv, i).add(cf.mul(v)).intoArray(npv, i);
            if (pvPremium != null) {
                DoubleVector.fromArray(species, pvPremium, i).add(p.mul(v)).intoArray(pvPremium, i);
                DoubleVector.fromArray(species, pvDeath, i).add(db.mul(v)).intoArray(pvDeath, i);
                DoubleVector.fromArray(species, pvExpense, i).add(e.mul(v)).intoArray(pvExpense, i);
            }
            DoubleVector next = survivors.sub(s);
            VectorMask<Double> dead = next.compare(VectorOperators.LT, ScalarLaneMath.LIVES_EPSILON);
            next = next.blend(zero, dead);
            alive = alive.or(dead.not());
            next.intoArray(lives, i);
        }
        boolean tailAlive = ScalarLaneMath.generalYear(qm, wl, premium, sumAssured, expense, claim, expenseMultiplier, lives,
                mortality, lapse, df, npv, pvPremium, pvDeath, pvExpense, i, n);
        return tailAlive || alive.anyTrue();
    }

    @Override
    public String name() {
        return "simd-" + species.vectorBitSize();
    }
}
