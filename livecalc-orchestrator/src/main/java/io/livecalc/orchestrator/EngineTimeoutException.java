package io.livecalc.orchestrator;

import io.livecalc.api.EngineExecutionException;
import java.time.Duration;

/**
 * A chunk ran longer than its timeout and was stopped. Always transient: the engine is disposed and
 * re-initialised before its next use, so running the chunk again may succeed.
 */
public final class EngineTimeoutException extends EngineExecutionException {
    private static final long serialVersionUID = 1L;

    private final String engineId;
    private final Duration timeout;
    private final Duration elapsed;
    private final boolean threadStopped;

    public EngineTimeoutException(String engineId, Duration timeout, Duration elapsed, boolean threadStopped) {
        super("engine '" + engineId + "' timed out: chunk still running after " + elapsed.toMillis() + " ms (timeout "
                + timeout.toMillis() + " ms); " + (threadStopped
                        ? "the engine stopped when interrupted"
                        : "the engine ignored the interrupt and its thread was abandoned")
                + "; it will be re-initialised before its next use", null, true);
        this.engineId = engineId;
        this.timeout = timeout;
        this.elapsed = elapsed;
        this.threadStopped = threadStopped;
    }

    public String engineId() {
        return engineId;
    }

    /** The timeout that was exceeded. */
    public Duration timeout() {
        return timeout;
    }

    /** Time from the start of the chunk until the manager gave up waiting for it. */
    public Duration elapsed() {
        return elapsed;
    }

    /** Whether the engine's thread ended after the interrupt (false: it was abandoned, still running). */
    public boolean threadStopped() {
        return threadStopped;
    }
}
