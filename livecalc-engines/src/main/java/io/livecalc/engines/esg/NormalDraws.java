package io.livecalc.engines.esg;

import io.livecalc.engines.internal.VectorSupport;

/**
 * The random words of several paths at once ("lanes" = paths), exactly {@link PathStreams#word(long, long)}
 * for every lane: the scalar and Vector API implementations give the same bits (integer operations only).
 * The normal draw of a word is {@link StandardNormal#fromWord}, which the models apply lane by lane fused with
 * their step (a separate pass writing the draws with scalar stores and reading them back with vector loads
 * stalled on store forwarding). {@link #preferred()} picks one per JVM through {@link VectorSupport}.
 */
interface NormalDraws {

    /** {@code words[j] = PathStreams.word(keys[j], draw)} for {@code j < n}. */
    void words(long[] keys, long draw, long[] words, int n);

    /** {@code z[j] = PathStreams.normal(keys[j], draw)} for {@code j < n}, through {@code words} (scratch of at least {@code n}). */
    default void fill(long[] keys, long draw, double[] z, int n, long[] words) {
        words(keys, draw, words, n);
        for (int j = 0; j < n; j++) {
            z[j] = StandardNormal.fromWord(words[j]);
        }
    }

    /** "scalar", "simd-512", ... */
    String name();

    static NormalDraws preferred() {
        return Holder.PREFERRED;
    }

    static NormalDraws scalar() {
        return Holder.SCALAR;
    }

    static NormalDraws vector() {
        return VectorSupport.vector(NormalDraws.class, Holder.VECTOR_CLASS);
    }

    final class Holder {
        static final String VECTOR_CLASS = "io.livecalc.engines.esg.VectorNormals";
        static final NormalDraws SCALAR = new NormalDraws() {
            @Override
            public void words(long[] keys, long draw, long[] words, int n) {
                long offset = (draw + 1) * PathStreams.GAMMA;
                for (int j = 0; j < n; j++) { // C2 vectorises this integer loop by itself
                    words[j] = PathStreams.mix64(keys[j] + offset);
                }
            }

            @Override
            public String name() {
                return "scalar";
            }
        };
        static final NormalDraws PREFERRED = VectorSupport.select("the ESG", NormalDraws.class, SCALAR, VECTOR_CLASS);

        private Holder() {
        }
    }
}
