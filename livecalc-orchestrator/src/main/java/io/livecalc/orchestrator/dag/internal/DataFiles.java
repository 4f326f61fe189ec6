package io.livecalc.orchestrator.dag.internal;

import io.livecalc.api.BufferType;
import io.livecalc.api.DataFileException;
import io.livecalc.buffers.BufferInfo;
import io.livecalc.buffers.csv.CsvReader;
import io.livecalc.buffers.csv.RecordCsvReader;
import io.livecalc.buffers.csv.RecordFiles;
import io.livecalc.orchestrator.dag.DataKind;
import io.livecalc.orchestrator.dag.DataSourceSpec;
import io.livecalc.orchestrator.dag.FileFormat;
import io.livecalc.orchestrator.run.ParquetSupport;
import io.livecalc.orchestrator.run.PipelineBuffers;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Optional;

/** Recognises what a data source file holds from its column names (CSV header or Parquet schema). */
public final class DataFiles {

    private DataFiles() {
    }

    /**
     * Loads a policies or scenarios CSV into a new buffer of exactly its record count. The file is parsed
     * twice (to count, then into the buffer) so that the buffer is sized without a copy; Parquet sources,
     * whose footers hold the count, are the fast path.
     */
    public static BufferInfo readCsv(DataSourceSpec source, PipelineBuffers buffers, String name) {
        BufferType type = source.kind().bufferType();
        long records = 0;
        try (Arena arena = Arena.ofConfined(); RecordCsvReader r = RecordCsvReader.open(source.path(), type)) {
            MemorySegment scratch = arena.allocate(Math.max(1 << 16, r.recordsPerRow()) * type.recordSize(), 16);
            for (long n; (n = r.read(scratch)) > 0; ) {
                records += n;
            }
        }
        if (records == 0) {
            throw new DataFileException(source.path(), "data source '" + source.id() + "': " + source.path() + " has no data rows");
        }
        BufferInfo b = buffers.acquire(type, name, records);
        try (RecordCsvReader r = RecordCsvReader.open(source.path(), type)) {
            long n = r.read(b.segment());
            if (n != records) {
                throw new DataFileException(source.path(), "data source '" + source.id() + "': " + source.path() + " changed while it was read ("
                        + records + " records, then " + n + ")");
            }
        } catch (RuntimeException e) {
            buffers.release(name);
            throw e;
        }
        return b;
    }

    /**
     * Whether the file holds no records: a CSV with a header and no data row, a Parquet file of 0 rows
     * (a portfolio of nothing values to 0 and must not pass for a result). False when it cannot be read:
     * the loader reports that with the file, line and column.
     */
    public static boolean isEmpty(DataSourceSpec source) {
        try {
            if (source.format() == FileFormat.PARQUET) {
                return ParquetSupport.rowCount(source.path()) == 0;
            }
            try (CsvReader csv = CsvReader.open(source.path(), "data file")) {
                return csv.next() == null || csv.next() == null; // no header, or a header and nothing else
            }
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The kind the file's columns say (CSV header or Parquet schema), as the readers recognise it. */
    public static Optional<DataKind> kindOf(DataSourceSpec source) {
        try {
            List<String> columns = source.format() == FileFormat.CSV ? csvHeader(source) : ParquetSupport.columns(source.path());
            return RecordFiles.kindOf(columns).map(t -> t.equals(BufferType.INPUT) ? DataKind.POLICIES : DataKind.SCENARIOS);
        } catch (RuntimeException e) {
            return Optional.empty(); // the loader reports the real problem with the file when it reads it
        }
    }

    private static List<String> csvHeader(DataSourceSpec source) {
        try (CsvReader csv = CsvReader.open(source.path(), "data file")) {
            csv.readHeader();
            return csv.header();
        }
    }
}
