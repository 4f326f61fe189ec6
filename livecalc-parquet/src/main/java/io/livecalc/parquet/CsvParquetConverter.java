package io.livecalc.parquet;

import io.livecalc.api.AtomicFile;
import io.livecalc.api.BufferType;
import io.livecalc.api.DataFileException;
import io.livecalc.buffers.csv.PolicyCsv;
import io.livecalc.buffers.csv.ScenarioCsv;
import io.livecalc.buffers.csv.RecordCsvReader;
import io.livecalc.buffers.csv.RecordFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Converts policy and scenario files between the CSV formats of the projection model and Parquet, in
 * either direction (picked from the file extensions, {@code .csv} and {@code .parquet}/{@code .pq}).
 * The library side of {@code livecalc convert}.
 *
 * <pre>{@code
 * var summary = new CsvParquetConverter().convert(Path.of("policies.csv"), Path.of("policies.parquet"));
 * }</pre>
 *
 * <p>CSV input is read by livecalc-buffers' {@link RecordCsvReader}: policies ({@link PolicyCsv}: columns
 * in any order, text or numeric codes, extra attribute columns not carried into Parquet) or scenarios
 * ({@link io.livecalc.buffers.csv.ScenarioCsv}: long {@code scenario_id,year,rate} or wide
 * {@code scenario_index,year_1..year_N}). The kind is recognised from the header ({@link RecordFiles}) unless
 * forced. Parsing is strict: a short row, an unknown code, a non-number or an out-of-range value is a
 * {@link DataFileException} naming file, line, column and value. CSV output uses numeric codes, the long scenario format and the shortest
 * decimal that reads back to the same double, so CSV -> Parquet -> CSV -> Parquet is lossless.
 *
 * <p>Both directions stream through a fixed-size buffer, so file size is not limited by memory, and the
 * output is atomic (temporary file, renamed on success).
 */
public final class CsvParquetConverter {

    /** What a file holds. */
    public enum Kind {
        POLICIES(BufferType.INPUT), SCENARIOS(BufferType.SCENARIO);

        /** The records of this kind. */
        final BufferType type;

        Kind(BufferType type) {
            this.type = type;
        }

        static Kind of(BufferType type) {
            return type.equals(BufferType.INPUT) ? POLICIES : SCENARIOS;
        }
    }

    /** What a conversion did. */
    public record Summary(Kind kind, long rows, Path output) {
    }


    private final ParquetWriteOptions options;
    private final int chunkRecords;

    /** ZSTD output, 64K-record chunks. */
    public CsvParquetConverter() {
        this(ParquetWriteOptions.defaults(), 1 << 16);
    }

    /**
     * @param options      how Parquet output is written
     * @param chunkRecords records buffered between parsing and writing
     */
    public CsvParquetConverter(ParquetWriteOptions options, int chunkRecords) {
        if (chunkRecords < 1) {
            throw new IllegalArgumentException("chunkRecords must be positive, got " + chunkRecords);
        }
        this.options = options;
        this.chunkRecords = chunkRecords;
    }

    /** Converts, recognising the kind from the input's columns. */
    public Summary convert(Path input, Path output) {
        return convert(input, output, Optional.empty());
    }

    /** Converts {@code input} as {@code kind} (the {@code --kind} override). */
    public Summary convert(Path input, Path output, Kind kind) {
        return convert(input, output, Optional.of(kind));
    }

    private Summary convert(Path input, Path output, Optional<Kind> forced) {
        boolean csvIn = isCsv(input), csvOut = isCsv(output);
        if (csvIn && isParquet(output)) {
            return csvToParquet(input, output, forced);
        }
        if (isParquet(input) && csvOut) {
            return parquetToCsv(input, output, forced);
        }
        throw new IllegalArgumentException("cannot convert " + input + " to " + output
                + ": one file must end in .csv and the other in .parquet (or .pq)");
    }

    private static boolean isCsv(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    private static boolean isParquet(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".parquet") || n.endsWith(".pq");
    }

    // ---- CSV -> Parquet -------------------------------------------------------------------------

    private Summary csvToParquet(Path input, Path output, Optional<Kind> forced) {
        try (RecordCsvReader csv = forced.isPresent() ? RecordCsvReader.open(input, forced.get().type) : RecordCsvReader.open(input);
                Arena arena = Arena.ofConfined();
                ParquetRecordWriter w = ParquetRecordWriter.open(output, csv.type(), options)) {
            long capacity = Math.max(chunkRecords, csv.recordsPerRow());
            MemorySegment chunk = arena.allocate(capacity * csv.type().recordSize(), 16);
            for (long n; (n = csv.read(chunk)) > 0; ) {
                w.write(chunk, n);
            }
            w.commit();
            return new Summary(Kind.of(csv.type()), w.rowsWritten(), w.file());
        }
    }

    // ---- Parquet -> CSV -------------------------------------------------------------------------

    private Summary parquetToCsv(Path input, Path output, Optional<Kind> forced) {
        Kind kind = forced.orElseGet(() -> Kind.of(RecordFiles.kindOf(input, ParquetFiles.columns(input))));
        BufferType type = kind.type;
        try (AtomicFile out = AtomicFile.create(output);
                ParquetRecordReader r = ParquetRecordReader.open(input, type);
                Arena arena = Arena.ofConfined()) {
            long rows = 0;
            try (BufferedWriter w = Files.newBufferedWriter(out.temp(), StandardCharsets.UTF_8)) {
                w.write(String.join(",", kind == Kind.POLICIES ? PolicyCsv.HEADER : ScenarioCsv.LONG_HEADER));
                w.newLine();
                MemorySegment chunk = arena.allocate(chunkRecords * type.recordSize(), 16);
                long n;
                StringBuilder sb = new StringBuilder(128);
                while ((n = r.read(chunk)) > 0) {
                    for (long i = 0; i < n; i++) {
                        sb.setLength(0);
                        if (kind == Kind.POLICIES) {
                            PolicyCsv.appendRecord(sb, chunk, i);
                        } else {
                            ScenarioCsv.appendRecord(sb, chunk, i);
                        }
                        w.append(sb).append('\n');
                    }
                    rows += n;
                }
            }
            out.commit();
            return new Summary(kind, rows, out.target());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + output + ": " + e.getMessage(), e);
        }
    }
}
