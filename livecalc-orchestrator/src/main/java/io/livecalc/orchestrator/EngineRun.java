package io.livecalc.orchestrator;

import java.util.List;
import java.util.Objects;

/**
 * What one engine did in a pipeline run.
 *
 * @param engineId        the engine's id in the pipeline
 * @param type            its type
 * @param status          succeeded, failed or skipped
 * @param chunks          how many {@code runChunk} calls it made (policy chunks)
 * @param executionTimeMs engine time summed over its chunks (retries included), milliseconds
 * @param rowsProcessed   rows summed over chunks
 * @param bytesWritten    bytes written to its output buffers, summed over chunks
 * @param warnings        the engine's warnings, in order
 * @param error           why it failed or was skipped; {@code null} when it succeeded
 * @param badInput        the failure lies in the configuration or the input data (fix them and run again),
 *                        not in the run itself
 * @param startMs         when the engine started (creation and initialisation included), milliseconds since the
 *                        run started
 * @param endMs           when it finished, failed or was skipped, milliseconds since the run started
 * @param timeline        every chunk call, in order, with its retries and timeouts
 */
public record EngineRun(String engineId, String type, Status status, int chunks, double executionTimeMs,
                        long rowsProcessed, long bytesWritten, List<String> warnings, String error, boolean badInput,
                        double startMs, double endMs, List<ChunkRun> timeline) {

    /** How an engine's run ended. */
    public enum Status { SUCCEEDED, FAILED, SKIPPED }

    public EngineRun {
        Objects.requireNonNull(engineId, "engineId");
        Objects.requireNonNull(status, "status");
        warnings = List.copyOf(warnings);
        timeline = List.copyOf(timeline);
    }

    /** An engine run without timing detail (starts and ends at 0, no chunk calls recorded). */
    public EngineRun(String engineId, String type, Status status, int chunks, double executionTimeMs, long rowsProcessed,
                     long bytesWritten, List<String> warnings, String error, boolean badInput) {
        this(engineId, type, status, chunks, executionTimeMs, rowsProcessed, bytesWritten, warnings, error, badInput, 0, 0, List.of());
    }
}
