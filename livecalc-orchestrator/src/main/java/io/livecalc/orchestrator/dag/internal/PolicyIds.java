package io.livecalc.orchestrator.dag.internal;

import io.livecalc.api.DataFileException;
import io.livecalc.api.PolicyRecord;
import io.livecalc.buffers.csv.CsvReader;
import io.livecalc.orchestrator.dag.DataSourceSpec;
import io.livecalc.orchestrator.dag.FileFormat;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Refuses a policies data source in which two records share a policy id: each would be valued, and every
 * total would count the policy twice without a word. The message names both places: CSV lines (the header
 * is line 1), or Parquet rows (the first data row is row 1).
 */
public final class PolicyIds {

    private static final ValueLayout.OfLong ID = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private PolicyIds() {
    }

    /** @throws DataFileException naming the duplicate id and where its first two records are */
    public static void requireUnique(DataSourceSpec source, MemorySegment policies) {
        long count = policies.byteSize() / PolicyRecord.SIZE;
        long[] ids = new long[Math.toIntExact(count)];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = policies.get(ID, i * PolicyRecord.SIZE + PolicyRecord.OFFSET_POLICY_ID);
        }
        long[] sorted = ids.clone();
        Arrays.sort(sorted); // O(n log n) on 8 bytes a policy: no boxing, no hash map of a million entries
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw duplicate(source, sorted[i], ids);
            }
        }
    }

    private static DataFileException duplicate(DataSourceSpec source, long id, long[] ids) {
        long[] lines = source.format() == FileFormat.CSV ? csvLines(source, id) : null;
        boolean byLine = lines != null && lines[1] > 0; // else ids written in a form the scan does not match: rows
        long[] where = byLine ? lines : firstTwoRows(ids, id);
        String unit = byLine ? "lines " : "rows ";
        return new DataFileException(source.path(), "data source '" + source.id() + "': " + source.path() + ": policy_id "
                + Long.toUnsignedString(id) + " appears twice, at " + unit + where[0] + " and " + where[1]
                + "; each policy would be valued twice. Give every policy its own id");
    }

    /** 1-based data rows of the first two records with {@code id}. */
    private static long[] firstTwoRows(long[] ids, long id) {
        long[] rows = new long[2];
        int found = 0;
        for (int i = 0; i < ids.length && found < 2; i++) {
            if (ids[i] == id) {
                rows[found++] = i + 1;
            }
        }
        return rows;
    }

    private static boolean is(String field, long id) {
        try {
            return Long.parseUnsignedLong(field.trim()) == id;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** File lines of the first two rows with {@code id}: read again, only when there is a duplicate to report. */
    private static long[] csvLines(DataSourceSpec source, long id) {
        long[] lines = new long[2];
        int found = 0;
        try (CsvReader csv = CsvReader.open(source.path(), "policies file")) {
            csv.readHeader();
            int column = csv.columnIndex(PolicyRecord.POLICY_ID);
            for (String[] row = csv.next(); row != null && found < 2; row = csv.next()) {
                if (column >= 0 && column < row.length && is(row[column], id)) {
                    lines[found++] = csv.lineNumber();
                }
            }
        }
        return lines;
    }
}
