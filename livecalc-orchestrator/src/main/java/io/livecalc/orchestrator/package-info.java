/**
 * The orchestrator's face: build a {@link io.livecalc.orchestrator.Pipeline} (fluent
 * {@link io.livecalc.orchestrator.PipelineBuilder} or a JSON DAG), run it, read its
 * {@link io.livecalc.orchestrator.PipelineResult} (typed valuation, per-pair results, solver outcome); engine
 * factories, listeners, execution options and the exceptions a run can throw. The DAG model is in
 * {@link io.livecalc.orchestrator.dag}, Assumptions Manager credentials in
 * {@link io.livecalc.orchestrator.credentials}, stage executors (Spark) plug in through
 * {@link io.livecalc.orchestrator.spi}. Packages named {@code internal} and {@code io.livecalc.orchestrator.run} are
 * machinery, not API (ARCHITECTURE.md).
 */
package io.livecalc.orchestrator;
