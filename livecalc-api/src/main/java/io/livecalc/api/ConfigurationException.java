package io.livecalc.api;

/**
 * A configuration value is missing, malformed or out of range. The message names the engine, the key,
 * the value and what was expected. Never retried: the same configuration fails the same way.
 */
public class ConfigurationException extends CalcEngineException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
