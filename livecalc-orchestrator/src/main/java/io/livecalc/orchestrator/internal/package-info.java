/**
 * Credential sources, redaction, connectivity checks and engine log events of the orchestrator; not API.
 */
package io.livecalc.orchestrator.internal;
