package io.livecalc.orchestrator.credentials;

/**
 * Where a {@link CredentialManager} found its Assumptions Manager credentials, highest priority first.
 */
public enum CredentialSource {
    /** Passed in code: {@link CredentialManager.Builder#explicit}, {@link CredentialManager#update}, or a DAG's {@code am_credentials}. */
    EXPLICIT,
    /** The {@code LIVECALC_AM_URL}, {@code LIVECALC_AM_TOKEN} and {@code LIVECALC_AM_CACHE_DIR} variables. */
    ENVIRONMENT,
    /** The file {@code credentials.json} in {@code $LIVECALC_HOME}, default {@code ~/.livecalc} (written by {@code livecalc login}). */
    CONFIG_FILE,
    /** No credentials: fine for any run that reads no assumption table from the Assumptions Manager. */
    NONE
}
