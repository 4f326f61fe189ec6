/**
 * Assumptions Manager credentials: where they come from (explicit, environment, file), token expiry and refresh; never
 * logged (values are redacted from every message and event).
 */
package io.livecalc.orchestrator.credentials;
