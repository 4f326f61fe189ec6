/**
 * Machinery, not API: reading credential sources, redaction of secrets, the connectivity check.
 */
package io.livecalc.orchestrator.credentials.internal;
