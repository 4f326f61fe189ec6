package io.livecalc.orchestrator;

import io.livecalc.api.BufferType;
import io.livecalc.api.DataFileException;
import io.livecalc.buffers.BufferInfo;
import io.livecalc.buffers.BufferManager;
import io.livecalc.buffers.csv.RecordCsvReader;
import java.io.BufferedReader;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.Type;

/** Recognises what a data source file holds from its column names (CSV header or Parquet schema). */
final class DataFiles {

    private DataFiles() {
    }

    /**
     * Loads a policies or scenarios CSV into a new buffer of exactly its record count. The file is parsed
     * twice (to count, then into the buffer) so that the buffer is sized without a copy; Parquet sources,
     * whose footers hold the count, are the fast path.
     */
    static BufferInfo readCsv(DataSourceSpec source, BufferManager buffers, String name) {
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
        BufferInfo b = buffers.allocate(type, name, records);
        try (RecordCsvReader r = RecordCsvReader.open(source.path(), type)) {
            long n = r.read(b.segment());
            if (n != records) {
                throw new DataFileException(source.path(), "data source '" + source.id() + "': " + source.path() + " changed while it was read ("
                        + records + " records, then " + n + ")");
            }
        } catch (RuntimeException e) {
            buffers.free(name);
            throw e;
        }
        return b;
    }

    static Optional<DataKind> kindOf(DataSourceSpec source) {
        try {
            List<String> columns = source.format() == FileFormat.CSV ? csvHeader(source) : parquetColumns(source);
            return kindOfColumns(columns);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // the loader reports the real problem with the file when it reads it
        }
    }

    static Optional<DataKind> kindOfColumns(List<String> columns) {
        if (columns.contains("policy_id")) {
            return Optional.of(DataKind.POLICIES);
        }
        if ((columns.contains("scenario_id") && columns.contains("rate")) || columns.contains("scenario_index")) {
            return Optional.of(DataKind.SCENARIOS);
        }
        return Optional.empty();
    }

    private static List<String> csvHeader(DataSourceSpec source) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(source.path(), StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) {
                return List.of();
            }
            return Arrays.stream(header.replace("\uFEFF", "").split(","))
                    .map(c -> c.trim().toLowerCase(Locale.ROOT)).toList();
        }
    }

    private static List<String> parquetColumns(DataSourceSpec source) throws IOException {
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(source.path()), options)) {
            return r.getFooter().getFileMetaData().getSchema().getFields().stream()
                    .map(Type::getName).map(n -> n.toLowerCase(Locale.ROOT)).toList();
        }
    }
}
