package io.livecalc.engines.projection.internal;

import io.livecalc.engines.internal.VectorSupport;

/**
 * Picks the {@link LaneMath} once per JVM with {@link VectorSupport}: the Vector API implementation when
 * {@code jdk.incubator.vector} is readable, otherwise the scalar one after one warning; the system property
 * {@code livecalc.simd} forces the choice. Both give the same numbers. The Vector API kernel runs the plain loops
 * until warm ({@link WarmingLaneMath}).
 */
public final class LaneMathProvider {

    private static final LaneMath SCALAR = new ScalarLaneMath();
    private static final String VECTOR_CLASS = "io.livecalc.engines.projection.internal.VectorLaneMath";

    private LaneMathProvider() {
    }

    private static final class Holder {
        static final LaneMath PREFERRED = WarmingLaneMath.around(
                VectorSupport.select("the projection", LaneMath.class, SCALAR, VECTOR_CLASS), SCALAR);
    }

    /** The implementation chosen for this JVM. */
    public static LaneMath preferred() {
        return Holder.PREFERRED;
    }

    public static LaneMath scalar() {
        return SCALAR;
    }

    /** The Vector API implementation; fails when the incubator module is not readable. */
    public static LaneMath vector() {
        return VectorSupport.vector(LaneMath.class, VECTOR_CLASS);
    }

    public static boolean vectorModuleReadable() {
        return VectorSupport.vectorModuleReadable();
    }
}
