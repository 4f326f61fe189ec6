package io.livecalc.api;

import java.util.List;
import java.util.Objects;

/**
 * Outcome of one {@link ICalcEngine#runChunk} call.
 *
 * @param success         whether the chunk completed
 * @param executionTimeMs wall time of the call in milliseconds
 * @param rowsProcessed   input records consumed (engine-defined unit: policies, scenario rows, results)
 * @param bytesWritten    bytes written to the output buffer(s)
 * @param warnings        non-fatal findings, in the order they were raised; never {@code null}
 * @param errorMessage    why the chunk failed; {@code null} on success
 * @param partial         the output is usable but incomplete (for example a solver stopped by its
 *                        iteration limit returns its best point so far)
 */
public record ExecutionResult(boolean success, double executionTimeMs, long rowsProcessed, long bytesWritten,
                              List<String> warnings, String errorMessage, boolean partial) {

    public ExecutionResult {
        warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings"));
        if (success && errorMessage != null) {
            throw new IllegalArgumentException("a successful result has no error message: " + errorMessage);
        }
        if (!success && (errorMessage == null || errorMessage.isBlank())) {
            throw new IllegalArgumentException("a failed result needs an error message");
        }
        if (executionTimeMs < 0 || rowsProcessed < 0 || bytesWritten < 0) {
            throw new IllegalArgumentException("negative time, rows or bytes: " + executionTimeMs + " ms, "
                    + rowsProcessed + " rows, " + bytesWritten + " bytes");
        }
    }

    /** A complete, successful chunk. */
    public static ExecutionResult success(double executionTimeMs, long rowsProcessed, long bytesWritten,
                                          List<String> warnings) {
        return new ExecutionResult(true, executionTimeMs, rowsProcessed, bytesWritten, warnings, null, false);
    }

    /** A complete, successful chunk without warnings. */
    public static ExecutionResult success(double executionTimeMs, long rowsProcessed, long bytesWritten) {
        return success(executionTimeMs, rowsProcessed, bytesWritten, List.of());
    }

    /** A failed chunk. */
    public static ExecutionResult failure(double executionTimeMs, String errorMessage) {
        return new ExecutionResult(false, executionTimeMs, 0, 0, List.of(), errorMessage, false);
    }

    /** This result marked as partial, with one more warning saying why. */
    public ExecutionResult asPartial(String reason) {
        List<String> all = new java.util.ArrayList<>(warnings);
        all.add(reason);
        return new ExecutionResult(success, executionTimeMs, rowsProcessed, bytesWritten, all, errorMessage, true);
    }
}
