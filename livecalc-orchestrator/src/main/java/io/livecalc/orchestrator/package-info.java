/**
 * Chains engines into pipelines: {@code PipelineBuilder} (fluent) and the JSON DAG loader build the same
 * immutable {@code Pipeline}; the engine factory finds engines through {@code EngineProvider}s; the
 * lifecycle manager runs them with timeouts and retries; credentials and structured log events live here.
 * Types under {@code io.livecalc.orchestrator.internal} are not API.
 */
package io.livecalc.orchestrator;
