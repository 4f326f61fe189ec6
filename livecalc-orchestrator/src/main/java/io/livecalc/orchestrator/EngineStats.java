package io.livecalc.orchestrator;

/**
 * A snapshot of an {@link io.livecalc.orchestrator.EngineLifecycleManager}'s counters since it was created or its stats were
 * reset. A <em>run</em> is one {@code runChunk} call with all its retries.
 *
 * @param successfulRuns           runs that returned a successful result (partial results included)
 * @param failedRuns               runs that threw or returned a failed result, after any retries
 * @param timeouts                 attempts stopped by the timeout (each retry attempt counts)
 * @param retries                  attempts made after a transient failure
 * @param totalExecutionTimeMs     wall time of the successful attempts, in milliseconds, as the manager
 *                                 measured it around the engine call
 * @param averageExecutionTimeMs   {@code totalExecutionTimeMs / successfulRuns}; 0 without successful runs
 * @param consecutiveFailedRuns    failed runs since the last successful one
 */
public record EngineStats(long successfulRuns, long failedRuns, long timeouts, long retries,
                          double totalExecutionTimeMs, double averageExecutionTimeMs, int consecutiveFailedRuns) {

    /** Runs in all, successful or not. */
    public long totalRuns() {
        return successfulRuns + failedRuns;
    }
}
