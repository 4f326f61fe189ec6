package io.livecalc.orchestrator.credentials;

import io.livecalc.api.AMCredentials;

/**
 * Obtains fresh Assumptions Manager credentials before the current token expires, typically by calling
 * the service's {@code POST /api/v1/auth/refresh} with the current token. {@link CredentialManager} calls
 * it from {@link CredentialManager#refreshIfNeeded()} and {@link CredentialManager#refresh}, never twice at
 * the same time.
 *
 * <p>Implementations must not put the token in exception messages; the manager masks any that do before
 * reporting the failure.
 */
@FunctionalInterface
public interface TokenRefresher {

    /**
     * Returns credentials with a fresh token (usually the same URL and cache folder).
     *
     * @param current the credentials in use, whose token is about to expire or was rejected
     * @return the new credentials; must not be null and must not already be expired
     * @throws Exception when the service refuses or cannot be reached; reported as an
     *                   {@link io.livecalc.api.InitializationException} with the token masked
     */
    AMCredentials refresh(AMCredentials current) throws Exception;
}
