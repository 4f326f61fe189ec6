package io.livecalc.cli;

import io.livecalc.api.PolicyRecord;
import io.livecalc.buffers.csv.PolicyCsv;
import io.livecalc.parquet.ParquetFiles;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Locale;

/** Loads a policies file, CSV or Parquet by its extension, into INPUT records. */
final class PolicyFiles {

    private PolicyFiles() {
    }

    static boolean isParquet(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".parquet") || n.endsWith(".pq");
    }

    static MemorySegment read(Path file, Arena arena) {
        if (!isParquet(file)) {
            return PolicyCsv.read(file, arena);
        }
        long rows = ParquetFiles.rowCount(file);
        MemorySegment records = arena.allocate(Math.max(1, rows) * PolicyRecord.SIZE, 16).asSlice(0, rows * PolicyRecord.SIZE);
        ParquetFiles.readPolicies(file, records);
        return records;
    }
}
