/**
 * Machinery, not API: the JSON DAG reader (and the original demo dialect it translates), the validator every
 * {@code build()}, {@code validate} and {@code run} goes through, data-file and in-memory source checks.
 */
package io.livecalc.orchestrator.dag.internal;
