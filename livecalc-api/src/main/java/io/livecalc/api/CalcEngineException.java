package io.livecalc.api;

/**
 * Root of every failure an engine reports. Unchecked, so that engines can be driven from lambdas and
 * streams, but every engine method documents which subtype it throws.
 *
 * <p>Named {@code ...Exception}, not {@code ...Error} as in the C++ and Python originals, because a Java
 * {@code Error} means a JVM failure.
 */
public class CalcEngineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CalcEngineException(String message) {
        super(message);
    }

    public CalcEngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
