package io.livecalc.orchestrator;

import java.time.Duration;
import java.util.Objects;

/**
 * How a pipeline runs: the DAG's optional {@code execution} block.
 *
 * @param timeout          per engine call; {@link Duration#ZERO} for none
 * @param maxAttempts      attempts per engine call, including the first (transient failures only are retried)
 * @param initialBackoff   delay before the first retry; doubles per attempt, with jitter
 * @param failurePolicy    what to do when an engine fails
 * @param parallelism      engines run at once on independent branches (at least 1)
 * @param chunkPolicies    policies per chunk, or 0 to size chunks from the limits and the memory budget
 * @param memoryBudgetBytes the most off-heap memory the run's buffers may take
 * @param engine           where the policy stage runs ({@link ExecutionEngine#LOCAL}: this JVM)
 */
public record ExecutionOptions(Duration timeout, int maxAttempts, Duration initialBackoff, FailurePolicy failurePolicy,
                               int parallelism, long chunkPolicies, long memoryBudgetBytes, ExecutionEngine engine) {

    /** No timeout, 3 attempts from 100 ms, fail fast, 2 engines at once, automatic chunks, 8 GiB of buffers, local. */
    public static final ExecutionOptions DEFAULTS = new ExecutionOptions(Duration.ZERO, 3, Duration.ofMillis(100),
            FailurePolicy.FAIL_FAST, 2, 0, 8L << 30);

    /** Options that run everything in this JVM ({@link ExecutionEngine#LOCAL}). */
    public ExecutionOptions(Duration timeout, int maxAttempts, Duration initialBackoff, FailurePolicy failurePolicy,
                            int parallelism, long chunkPolicies, long memoryBudgetBytes) {
        this(timeout, maxAttempts, initialBackoff, failurePolicy, parallelism, chunkPolicies, memoryBudgetBytes, ExecutionEngine.LOCAL);
    }

    public ExecutionOptions {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(failurePolicy, "failurePolicy");
        if (timeout.isNegative() || initialBackoff.isNegative()) {
            throw new IllegalArgumentException("timeout and backoff must not be negative: " + timeout + ", " + initialBackoff);
        }
        if (maxAttempts < 1 || parallelism < 1 || chunkPolicies < 0 || memoryBudgetBytes < 1) {
            throw new IllegalArgumentException("maxAttempts and parallelism must be >= 1, chunkPolicies >= 0 and the memory "
                    + "budget positive: " + maxAttempts + ", " + parallelism + ", " + chunkPolicies + ", " + memoryBudgetBytes);
        }
    }

    /** These options with the policy stage running on {@code engine}. */
    public ExecutionOptions withEngine(ExecutionEngine engine) {
        return new ExecutionOptions(timeout, maxAttempts, initialBackoff, failurePolicy, parallelism, chunkPolicies, memoryBudgetBytes, engine);
    }
}
