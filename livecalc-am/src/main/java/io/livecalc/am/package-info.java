/**
 * Client of the Assumptions Manager service: {@code assumptions://name:version} references resolved to concrete
 * table versions ({@link io.livecalc.am.AssumptionsManagerClient}), a checksummed LRU disk cache shared between
 * processes, retries with back-off, offline use of cached versions, and login ({@link io.livecalc.am.AssumptionsManagerAuth}).
 * Tokens are never logged.
 */
package io.livecalc.am;
