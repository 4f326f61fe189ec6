package io.livecalc.api;

/**
 * An engine that resolves {@code assumptions://} tables and wants token refresh: the orchestrator calls
 * {@link #setCredentialsProvider} before {@code initialize}. Without it the engine uses the credentials given
 * to {@code initialize} as they are.
 */
public interface AMCredentialsAware {
    void setCredentialsProvider(AMCredentialsProvider provider);
}
