/**
 * For executors that run a policy stage elsewhere (livecalc-spark): a {@link io.livecalc.orchestrator.spi.StageExecutorProvider}
 * found by ServiceLoader opens a {@link io.livecalc.orchestrator.spi.StageExecutor} that runs a
 * {@link io.livecalc.orchestrator.spi.PolicyStage}.
 */
package io.livecalc.orchestrator.spi;
