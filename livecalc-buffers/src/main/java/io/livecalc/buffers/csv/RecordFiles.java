package io.livecalc.buffers.csv;

import io.livecalc.api.BufferType;
import io.livecalc.api.PolicyRecord;

import io.livecalc.api.DataFileException;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What a record file holds, told from its column names (a CSV header or a Parquet schema). */
public final class RecordFiles {

    private RecordFiles() {
    }

    /**
     * {@link BufferType#INPUT} for policies (a {@code policy_id} column), {@link BufferType#SCENARIO} for
     * scenarios ({@code scenario_id,year,rate} or {@code scenario_index,year_1..year_N}), else empty.
     * Names compare case-insensitively.
     */
    public static Optional<BufferType> kindOf(List<String> columns) {
        if (columns.stream().anyMatch(PolicyRecord.POLICY_ID::equalsIgnoreCase)) {
            return Optional.of(BufferType.INPUT);
        }
        if (ScenarioCsv.isLong(columns) || ScenarioCsv.isWide(columns)) {
            return Optional.of(BufferType.SCENARIO);
        }
        return Optional.empty();
    }

    /**
     * {@link #kindOf(List)} of {@code file}'s columns, or a {@link DataFileException} saying what was expected.
     */
    public static BufferType kindOf(Path file, List<String> columns) {
        return kindOf(columns).orElseThrow(() -> new DataFileException(file, "Cannot tell whether " + file
                + " holds policies or scenarios from its columns " + columns + "; expected " + String.join(",", PolicyCsv.HEADER)
                + ", or scenario_id,year,rate, or scenario_index,year_1..year_N (or force the kind)"));
    }
}
