package io.livecalc.orchestrator;

/** What a pipeline does when an engine fails (after its retries). */
public enum FailurePolicy {
    /** Stop at the first failure; results already written are kept and the run is marked partial. */
    FAIL_FAST,
    /** Skip a failed engine marked optional (and everything downstream of it); fail on any other. */
    SKIP_OPTIONAL,
    /** Run every engine whose inputs are available; report all failures at the end. */
    BEST_EFFORT
}
