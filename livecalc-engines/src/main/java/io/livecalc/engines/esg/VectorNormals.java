package io.livecalc.engines.esg;

import io.livecalc.engines.internal.SimdSpecies;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link NormalDraws} on the Vector API: the SplitMix64 words of the lanes on {@code LongVector}s (integer
 * operations, exact: the same bits as the scalar kernel). Loaded reflectively only when
 * {@code jdk.incubator.vector} is readable.
 *
 * <p>Why the ziggurat's table look-ups are not on vectors: a gather ({@code fromArray} with an index map) and
 * the long-to-int index conversion are intrinsified by C2 only when their species are compile-time constants;
 * with the species of this class (chosen at run time) they fell back to boxed vectors, about 20 times slower.
 * With constant 512-bit species the gathered fast path measured only ~12 % faster than the scalar pass, not
 * worth a kernel per shape; fused with the model's step (as now) the scalar ziggurat does better still. C2 also
 * vectorises the scalar kernel's integer loop by itself, so both kernels run at about the same speed.
 */
final class VectorNormals implements NormalDraws {

    private final VectorSpecies<Long> longs;

    VectorNormals() {
        this(SimdSpecies.doubles());
    }

    VectorNormals(VectorSpecies<Double> species) {
        this.longs = VectorSpecies.of(long.class, species.vectorShape());
    }

    @Override
    public void words(long[] keys, long draw, long[] words, int n) {
        int bound = longs.loopBound(n);
        long offset = (draw + 1) * PathStreams.GAMMA;
        int j = 0;
        for (; j < bound; j += longs.length()) {
            LongVector x = LongVector.fromArray(longs, keys, j).add(offset);
            x = x.lanewise(VectorOperators.XOR, x.lanewise(VectorOperators.LSHR, 30)).mul(PathStreams.MIX_1);
            x = x.lanewise(VectorOperators.XOR, x.lanewise(VectorOperators.LSHR, 27)).mul(PathStreams.MIX_2);
            x = x.lanewise(VectorOperators.XOR, x.lanewise(VectorOperators.LSHR, 31));
            x.intoArray(words, j);
        }
        for (; j < n; j++) {
            words[j] = PathStreams.word(keys[j], draw);
        }
    }

    @Override
    public String name() {
        return "simd-" + longs.vectorBitSize();
    }
}
