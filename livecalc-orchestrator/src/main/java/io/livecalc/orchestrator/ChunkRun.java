package io.livecalc.orchestrator;

/**
 * One {@code runChunk} call of an engine in a pipeline run, retries included: what the run report's timeline
 * draws.
 *
 * @param chunk      1-based chunk number
 * @param startMs    when the call started, milliseconds since the run started
 * @param durationMs wall time of the call, retries and their waits included, milliseconds
 * @param attempts   attempts made (1 without retries)
 * @param timeouts   attempts stopped by the timeout
 * @param succeeded  whether the chunk succeeded in the end
 */
public record ChunkRun(int chunk, double startMs, double durationMs, int attempts, int timeouts, boolean succeeded) {

    /** Retries made: {@code attempts - 1}. */
    public int retries() {
        return Math.max(0, attempts - 1);
    }
}
