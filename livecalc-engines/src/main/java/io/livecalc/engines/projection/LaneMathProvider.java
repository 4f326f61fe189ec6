package io.livecalc.engines.projection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the {@link LaneMath} once per JVM: the Vector API implementation when the module
 * {@code jdk.incubator.vector} is readable (run with {@code --add-modules=jdk.incubator.vector}),
 * otherwise the scalar one, after one warning. The system property {@code livecalc.simd} forces the
 * choice: {@code false} always scalar, {@code true} SIMD or fail. Both give the same numbers.
 */
final class LaneMathProvider {

    private static final Logger LOG = LoggerFactory.getLogger(LaneMathProvider.class);
    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final LaneMath SCALAR = new ScalarLaneMath();

    private LaneMathProvider() {
    }

    private static final class Holder {
        static final LaneMath PREFERRED = select();
    }

    /** The implementation chosen for this JVM. */
    static LaneMath preferred() {
        return Holder.PREFERRED;
    }

    static LaneMath scalar() {
        return SCALAR;
    }

    /** The Vector API implementation; fails when the incubator module is not readable. */
    static LaneMath vector() {
        if (!vectorModuleReadable()) {
            throw new IllegalStateException("the Vector API is not available: module " + VECTOR_MODULE
                    + " is not readable; start the JVM with --add-modules=" + VECTOR_MODULE);
        }
        try {
            return (LaneMath) Class.forName("io.livecalc.engines.projection.VectorLaneMath").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("cannot load the Vector API kernels: " + e, e);
        }
    }

    static boolean vectorModuleReadable() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    private static LaneMath select() {
        String forced = System.getProperty("livecalc.simd");
        if (forced != null && forced.trim().equalsIgnoreCase("false")) {
            return SCALAR;
        }
        if (forced != null && forced.trim().equalsIgnoreCase("true")) {
            return vector();
        }
        if (forced != null && !forced.isBlank()) {
            throw new IllegalStateException("system property livecalc.simd must be true or false, got '" + forced + "'");
        }
        if (!vectorModuleReadable()) {
            LOG.warn("Vector API module {} is not readable; the projection uses scalar loops (same results, slower)."
                    + " Start the JVM with --add-modules={} to enable SIMD.", VECTOR_MODULE, VECTOR_MODULE);
            return SCALAR;
        }
        try {
            return vector();
        } catch (IllegalStateException e) {
            LOG.warn("{}; the projection uses scalar loops (same results, slower)", e.getMessage());
            return SCALAR;
        }
    }
}
