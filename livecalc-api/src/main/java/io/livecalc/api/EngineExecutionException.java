package io.livecalc.api;

/**
 * {@code runChunk} failed. Not named {@code ExecutionException} to avoid a clash with
 * {@link java.util.concurrent.ExecutionException}.
 *
 * <p>{@link #isTransient()} tells the lifecycle manager whether a retry can help (a killed worker, a
 * timeout) or cannot (an output buffer that is too small, invalid input data).
 */
public class EngineExecutionException extends CalcEngineException {
    private static final long serialVersionUID = 1L;

    private final boolean transientFailure;

    public EngineExecutionException(String message) {
        this(message, null, false);
    }

    public EngineExecutionException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public EngineExecutionException(String message, Throwable cause, boolean transientFailure) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    /** Whether running the same chunk again may succeed. */
    public boolean isTransient() {
        return transientFailure;
    }
}
