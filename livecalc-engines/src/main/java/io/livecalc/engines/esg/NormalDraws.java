package io.livecalc.engines.esg;

import io.livecalc.engines.internal.VectorSupport;

/**
 * Fills standard normal draws for several paths at once ("lanes" = paths), exactly
 * {@link PathStreams#normal(long, long)} for every lane: the scalar and Vector API implementations give the
 * same bits. {@link #preferred()} picks one per JVM through {@link VectorSupport}.
 */
interface NormalDraws {

    /** {@code z[j] = PathStreams.normal(keys[j], draw)} for {@code j < n}, with a caller's (thread's) buffers of at least {@code n}. */
    void fill(long[] keys, long draw, double[] z, int n, Buffers buffers);

    /** Scratch arrays of one thread: the random words and the layer indices of a call's lanes. */
    final class Buffers {
        final long[] words;
        final int[] layers;

        Buffers(int lanes) {
            words = new long[lanes];
            layers = new int[lanes];
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
            public void fill(long[] keys, long draw, double[] z, int n, Buffers buffers) {
                long offset = (draw + 1) * PathStreams.GAMMA;
                long[] w = buffers.words;
                for (int j = 0; j < n; j++) { // integer only: C2 vectorises it
                    w[j] = PathStreams.mix64(keys[j] + offset);
                }
                for (int j = 0; j < n; j++) {
                    z[j] = StandardNormal.fromWord(w[j]);
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
