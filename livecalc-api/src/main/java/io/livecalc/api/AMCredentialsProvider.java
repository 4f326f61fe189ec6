package io.livecalc.api;

import java.util.Objects;

/**
 * Assumptions Manager credentials for an engine that is working, not only initialising: the current ones,
 * refreshed before the token expires, and fresh ones after the service rejected a token. The orchestrator's
 * {@code CredentialManager} implements it; engines that implement {@link AMCredentialsAware} receive it.
 *
 * <p>Asked only when a table really has to come from the service, so a run that reads no
 * {@code assumptions://} table never demands credentials.
 */
public interface AMCredentialsProvider {

    /**
     * The credentials to send now; the token is refreshed first when it is about to expire.
     *
     * @param why what needs them, for the message, e.g. {@code "engine 'projection' (mortality_table =
     *            assumptions://mortality-standard:v2.1)"}
     * @throws ConfigurationException  there are none, or they are unusable (the message says how to provide them)
     * @throws InitializationException a refresh was needed and failed
     */
    AMCredentials require(String why);

    /**
     * Credentials with a fresh token after the service answered 401 to {@code rejected}; when another caller
     * has already replaced that token, the current credentials.
     *
     * @throws ConfigurationException  the token cannot be refreshed (no refresher)
     * @throws InitializationException the refresh failed
     */
    AMCredentials refresh(AMCredentials rejected);

    /** Fixed credentials that cannot be refreshed (a refresh fails with a message saying to log in again). */
    static AMCredentialsProvider of(AMCredentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        return new AMCredentialsProvider() {
            @Override
            public AMCredentials require(String why) {
                return credentials;
            }

            @Override
            public AMCredentials refresh(AMCredentials rejected) {
                throw new ConfigurationException("The Assumptions Manager at " + rejected.url() + " rejected the token "
                        + rejected.maskedToken() + " and these credentials cannot be refreshed; run `livecalc login` or"
                        + " provide a fresh token");
            }

            @Override
            public String toString() {
                return "AMCredentialsProvider.of(" + credentials + ")";
            }
        };
    }
}
