package io.livecalc.engines.esg;

import static io.livecalc.engines.esg.StandardNormal.A;
import static io.livecalc.engines.esg.StandardNormal.B;
import static io.livecalc.engines.esg.StandardNormal.C;
import static io.livecalc.engines.esg.StandardNormal.D;
import static io.livecalc.engines.esg.StandardNormal.E;
import static io.livecalc.engines.esg.StandardNormal.F;

import io.livecalc.engines.internal.SimdSpecies;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link NormalDraws} on the Vector API: SplitMix64 on {@code LongVector} lanes (integers become doubles through
 * bit patterns rather than lane conversions), then AS241 with both
 * regions computed and blended, each lane performing exactly the operations of {@link StandardNormal} (no
 * FMA), plus a scalar tail. Loaded reflectively only when {@code jdk.incubator.vector} is readable.
 */
final class VectorNormals implements NormalDraws {

    private final VectorSpecies<Double> species;
    private final VectorSpecies<Long> longs;

    VectorNormals() {
        this(SimdSpecies.doubles());
    }

    VectorNormals(VectorSpecies<Double> species) {
        this.species = species;
        this.longs = VectorSpecies.of(long.class, species.vectorShape());
    }

    @Override
    public void fill(long[] keys, long draw, double[] z, int n) {
        int bound = species.loopBound(n);
        long offset = (draw + 1) * PathStreams.GAMMA;
        int j = 0;
        for (; j < bound; j += species.length()) {
            LongVector x = LongVector.fromArray(longs, keys, j).add(offset);
            x = x.lanewise(VectorOperators.XOR, x.lanewise(VectorOperators.LSHR, 30)).mul(PathStreams.MIX_1);
            x = x.lanewise(VectorOperators.XOR, x.lanewise(VectorOperators.LSHR, 27)).mul(PathStreams.MIX_2);
            x = x.lanewise(VectorOperators.XOR, x.lanewise(VectorOperators.LSHR, 31));
            DoubleVector u = ((DoubleVector) x.lanewise(VectorOperators.LSHR, 12).or(PathStreams.ONE_BITS).viewAsFloatingLanes())
                    .sub(1.0).add(PathStreams.HALF_ULP);
            inverseCdf(u).intoArray(z, j);
        }
        for (; j < n; j++) {
            z[j] = PathStreams.normal(keys[j], draw);
        }
    }

    private DoubleVector inverseCdf(DoubleVector u) {
        DoubleVector q = u.sub(0.5);
        DoubleVector absQ = q.abs();
        VectorMask<Double> central = absQ.compare(VectorOperators.LE, 0.425);
        DoubleVector r = q.mul(q).neg().add(0.180625);
        DoubleVector x = q.mul(horner(A, r)).div(horner(B, r));
        if (!central.allTrue()) {
            DoubleVector lower = u.neg().add(1.0).blend(u, q.compare(VectorOperators.LT, 0.0));
            DoubleVector t = log(lower).neg().sqrt();
            VectorMask<Double> far = t.compare(VectorOperators.GT, 5.0);
            DoubleVector t1 = t.sub(1.6);
            DoubleVector tail = horner(C, t1).div(horner(D, t1));
            if (far.anyTrue()) {
                DoubleVector t5 = t.sub(5.0);
                tail = tail.blend(horner(E, t5).div(horner(F, t5)), far);
            }
            tail = tail.blend(tail.neg(), q.compare(VectorOperators.LT, 0.0));
            x = tail.blend(x, central);
        }
        return x;
    }

    private static DoubleVector horner(double[] c, DoubleVector x) {
        DoubleVector p = DoubleVector.broadcast(x.species(), c[0]);
        for (int i = 1; i < c.length; i++) {
            p = p.mul(x).add(c[i]);
        }
        return p;
    }

    /** {@link StandardNormal#log} lane-wise. */
    private DoubleVector log(DoubleVector v) {
        LongVector bits = (LongVector) v.viewAsIntegralLanes();
        DoubleVector e = ((DoubleVector) bits.lanewise(VectorOperators.LSHR, 52).or(StandardNormal.EXPONENT_BITS).viewAsFloatingLanes())
                .sub(StandardNormal.EXPONENT_OFFSET);
        DoubleVector m = (DoubleVector) bits.and(StandardNormal.MANTISSA).or(StandardNormal.ONE_BITS).viewAsFloatingLanes();
        VectorMask<Double> high = m.compare(VectorOperators.GT, StandardNormal.SQRT2);
        m = m.blend(m.mul(0.5), high);
        e = e.blend(e.add(1.0), high);
        DoubleVector s = m.sub(1.0).div(m.add(1.0));
        DoubleVector logM = s.mul(horner(StandardNormal.LOG_SERIES, s.mul(s)));
        return e.mul(StandardNormal.LN2_HI).add(e.mul(StandardNormal.LN2_LO).add(logM));
    }

    @Override
    public String name() {
        return "simd-" + species.vectorBitSize();
    }
}
