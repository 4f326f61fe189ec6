package io.livecalc.engines.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses between an engine's Vector API implementation and its scalar one, the same way for every engine
 * (projection lanes, ESG normal draws): the Vector API class when the module {@code jdk.incubator.vector}
 * is readable (run with {@code --add-modules=jdk.incubator.vector}), otherwise the scalar one after one
 * warning. The system property {@code livecalc.simd} forces the choice: {@code false} always scalar,
 * {@code true} SIMD or fail. Implementations guarantee the same numbers either way.
 *
 * <p>Internal to livecalc-engines; not an API.
 */
public final class VectorSupport {

    /** The incubator module the SIMD implementations need. */
    public static final String VECTOR_MODULE = "jdk.incubator.vector";

    private static final Logger LOG = LoggerFactory.getLogger(VectorSupport.class);
    /** One warning per JVM, not one per engine kind: the cause and the remedy are the same. */
    private static final java.util.concurrent.atomic.AtomicBoolean WARNED = new java.util.concurrent.atomic.AtomicBoolean();

    private VectorSupport() {
    }

    /** Whether the Vector API module is readable in this JVM. */
    public static boolean vectorModuleReadable() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /**
     * Instantiates the Vector API implementation {@code className} (loaded reflectively, so that its
     * references to the incubator module are only resolved when the module is there).
     *
     * @throws IllegalStateException the module is not readable or the class cannot be loaded
     */
    public static <T> T vector(Class<T> type, String className) {
        if (!vectorModuleReadable()) {
            throw new IllegalStateException("the Vector API is not available: module " + VECTOR_MODULE
                    + " is not readable; start the JVM with --add-modules=" + VECTOR_MODULE);
        }
        try {
            var constructor = Class.forName(className).getDeclaredConstructor();
            constructor.setAccessible(true); // package-private kernels of this module
            return type.cast(constructor.newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("cannot load the Vector API kernels " + className + ": " + e, e);
        }
    }

    /**
     * The implementation to use: see the class comment.
     *
     * @param what        what the kernels compute, for the warning ("the projection", "the ESG")
     * @param scalar      the scalar implementation
     * @param vectorClass the Vector API implementation's class name
     */
    public static <T> T select(String what, Class<T> type, T scalar, String vectorClass) {
        String forced = System.getProperty("livecalc.simd");
        if (forced != null && forced.trim().equalsIgnoreCase("false")) {
            return scalar;
        }
        if (forced != null && forced.trim().equalsIgnoreCase("true")) {
            return vector(type, vectorClass);
        }
        if (forced != null && !forced.isBlank()) {
            throw new IllegalStateException("system property livecalc.simd must be true or false, got '" + forced + "'");
        }
        if (!vectorModuleReadable()) {
            if (WARNED.compareAndSet(false, true)) {
                LOG.warn("Vector API module {} is not readable; the engines use scalar loops (same results, slower)."
                        + " Start the JVM with --add-modules={} to enable SIMD.", VECTOR_MODULE, VECTOR_MODULE);
            }
            return scalar;
        }
        try {
            return vector(type, vectorClass);
        } catch (IllegalStateException e) {
            LOG.warn("{}; {} uses scalar loops (same results, slower)", e.getMessage(), what);
            return scalar;
        }
    }
}
