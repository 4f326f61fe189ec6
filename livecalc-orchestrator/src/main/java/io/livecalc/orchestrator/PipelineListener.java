package io.livecalc.orchestrator;

/**
 * Progress of a pipeline run, for progress bars and monitoring. Called from the threads that run the
 * engines; implementations must be thread-safe and quick. All methods do nothing by default.
 */
public interface PipelineListener {

    /** Does nothing. */
    PipelineListener NONE = new PipelineListener() {
    };

    /** The engine is about to run {@code chunks} chunks (1 unless it runs per policy chunk). */
    default void engineStarted(String engineId, long chunks) {
    }

    /** Chunk {@code chunk} (1-based) of {@code chunks} is done. */
    default void chunkCompleted(String engineId, long chunk, long chunks, double executionTimeMs) {
    }

    /** The engine finished, failed or was skipped. */
    default void engineFinished(EngineRun run) {
    }

    /**
     * A solver's evaluation {@code evaluation} (1-based, counted per run) re-ran {@code engines}, in order: the
     * engines that own the parameters it moved and every engine between them and the solver's scenario totals.
     */
    default void evaluationCompleted(String solverId, int evaluation, java.util.List<String> engines, java.util.Map<String, Double> parameters) {
    }
}
