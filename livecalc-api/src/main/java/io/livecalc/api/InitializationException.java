package io.livecalc.api;

/**
 * An engine could not be brought up: missing assumption file, unreachable Assumptions Manager, missing
 * runtime (Python, numpy). Fixing the environment, not the configuration, is the usual remedy.
 */
public class InitializationException extends CalcEngineException {
    private static final long serialVersionUID = 1L;

    public InitializationException(String message) {
        super(message);
    }

    public InitializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
