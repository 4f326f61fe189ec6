package io.livecalc.parquet;

import io.livecalc.api.BufferType;
import io.livecalc.api.PolicyRecord;
import io.livecalc.api.ScenarioRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;

/**
 * Converts policy and scenario files between the CSV formats of the projection model and Parquet, in
 * either direction (picked from the file extensions, {@code .csv} and {@code .parquet}/{@code .pq}).
 * The library side of {@code livecalc convert}.
 *
 * <pre>{@code
 * var summary = new CsvParquetConverter().convert(Path.of("policies.csv"), Path.of("policies.parquet"));
 * }</pre>
 *
 * <p>CSV input: policies {@code policy_id,age,gender,sum_assured,premium,term,product_type,underwriting_class}
 * in any column order (gender {@code M|Male|0}, {@code F|Female|1}; product {@code Term|WholeLife|Endowment} or a
 * code; class {@code Standard|Smoker|NonSmoker|Preferred|Substandard} or a code; extra columns are
 * attributes and are not carried into Parquet); scenarios long {@code scenario_id,year,rate} or wide
 * {@code scenario_index,year_1..year_N}. The kind is recognised from the header unless forced. Parsing is
 * strict: a short row, an unknown code, a non-number or an out-of-range value is a {@link CsvFormatException}
 * naming file, line and column. CSV output uses numeric codes, the long scenario format and the shortest
 * decimal that reads back to the same double, so CSV -> Parquet -> CSV -> Parquet is lossless.
 *
 * <p>Both directions stream through a fixed-size buffer, so file size is not limited by memory, and the
 * output is atomic (temporary file, renamed on success).
 */
public final class CsvParquetConverter {

    /** What a file holds. */
    public enum Kind { POLICIES, SCENARIOS }

    /** What a conversion did. */
    public record Summary(Kind kind, long rows, Path output) {
    }

    private static final List<String> POLICY_COLUMNS = List.of(PolicyRecord.POLICY_ID, PolicyRecord.AGE, PolicyRecord.GENDER,
            PolicyRecord.SUM_ASSURED, PolicyRecord.PREMIUM, PolicyRecord.TERM, PolicyRecord.PRODUCT_TYPE,
            PolicyRecord.UNDERWRITING_CLASS);
    private static final List<String> SCENARIO_COLUMNS = List.of(ScenarioRecord.SCENARIO_ID, ScenarioRecord.YEAR, ScenarioRecord.RATE);
    private static final List<String> GENDERS = List.of("M|Male", "F|Female");
    private static final List<String> PRODUCTS = List.of("Term", "WholeLife", "Endowment");
    private static final List<String> CLASSES = List.of("Standard", "Smoker", "NonSmoker", "Preferred", "Substandard");

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
        try (CsvTable csv = new CsvTable(input)) {
            Kind kind = forced.orElseGet(() -> kindOfColumns(csv.header, input));
            BufferType type = kind == Kind.POLICIES ? BufferType.INPUT : BufferType.SCENARIO;
            boolean wide = kind == Kind.SCENARIOS && csv.column(ScenarioRecord.SCENARIO_ID) < 0
                    && csv.column("scenario_index") >= 0;
            int[] cols = wide ? wideColumns(csv, input) : columns(csv, kind == Kind.POLICIES ? POLICY_COLUMNS : SCENARIO_COLUMNS, kind, input);
            int perRow = wide ? cols.length - 1 : 1;
            long capacity = Math.max(chunkRecords, perRow);
            try (Arena arena = Arena.ofConfined();
                    ParquetRecordWriter w = ParquetRecordWriter.open(output, type, options)) {
                MemorySegment chunk = arena.allocate(capacity * type.recordSize(), 16);
                long n = 0;
                while (csv.next()) {
                    if (n + perRow > capacity) {
                        w.write(chunk, n);
                        n = 0;
                    }
                    if (kind == Kind.POLICIES) {
                        parsePolicy(csv, cols, chunk, n++);
                    } else if (wide) {
                        long id = csv.unsigned(cols[0], 0xFFFF_FFFFL, "a scenario index 0..4294967295");
                        for (int y = 1; y < cols.length; y++, n++) {
                            ScenarioRecord.scenarioId(chunk, n, id);
                            ScenarioRecord.year(chunk, n, y);
                            ScenarioRecord.rate(chunk, n, csv.decimal(cols[y]));
                        }
                    } else {
                        ScenarioRecord.scenarioId(chunk, n, csv.unsigned(cols[0], 0xFFFF_FFFFL, "a scenario id 0..4294967295"));
                        ScenarioRecord.year(chunk, n, csv.unsigned(cols[1], 0xFFFF_FFFFL, "a year 0..4294967295"));
                        ScenarioRecord.rate(chunk, n++, csv.decimal(cols[2]));
                    }
                }
                w.write(chunk, n);
                w.commit();
                return new Summary(kind, w.rowsWritten(), w.file());
            }
        }
    }

    private static void parsePolicy(CsvTable csv, int[] c, MemorySegment s, long i) {
        PolicyRecord.policyId(s, i, csv.unsigned(c[0], -1L, "a policy id 0..18446744073709551615"));
        PolicyRecord.age(s, i, (int) csv.unsigned(c[1], RecordSchema.MAX_AGE, "an age 0..120"));
        PolicyRecord.gender(s, i, csv.code(c[2], GENDERS, 1, "a gender (M, Male, 0, F, Female, 1)"));
        PolicyRecord.sumAssured(s, i, csv.decimal(c[3]));
        PolicyRecord.premium(s, i, csv.decimal(c[4]));
        PolicyRecord.term(s, i, csv.unsigned(c[5], 0xFFFF_FFFFL, "a term in years 0..4294967295"));
        PolicyRecord.productType(s, i, csv.code(c[6], PRODUCTS, 255,
                "a product type (Term, WholeLife, Endowment or a code 0..255)"));
        PolicyRecord.underwritingClass(s, i, csv.code(c[7], CLASSES, 255,
                "an underwriting class (Standard, Smoker, NonSmoker, Preferred, Substandard or a code 0..255)"));
    }

    private static Kind kindOfColumns(List<String> columns, Path file) {
        if (columns.contains(PolicyRecord.POLICY_ID)) {
            return Kind.POLICIES;
        }
        if (columns.containsAll(SCENARIO_COLUMNS) || columns.contains("scenario_index")) {
            return Kind.SCENARIOS;
        }
        throw new DataFileException(file, "Cannot tell whether " + file + " holds policies or scenarios from its columns "
                + columns + "; expected " + String.join(",", POLICY_COLUMNS) + ", or scenario_id,year,rate, or "
                + "scenario_index,year_1..year_N (or force the kind)");
    }

    private static int[] columns(CsvTable csv, List<String> names, Kind kind, Path file) {
        int[] cols = new int[names.size()];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = csv.column(names.get(i));
            if (cols[i] < 0) {
                throw new CsvFormatException(file, file + " line 1: missing column '" + names.get(i) + "' for "
                        + kind.name().toLowerCase(Locale.ROOT) + " (header: " + String.join(",", csv.header) + ")");
            }
        }
        return cols;
    }

    /** scenario_index then year_1..year_N, in that order. */
    private static int[] wideColumns(CsvTable csv, Path file) {
        int[] cols = new int[csv.header.size()];
        cols[0] = csv.column("scenario_index");
        if (cols[0] != 0) {
            throw new CsvFormatException(file, file + " line 1: wide scenario format needs scenario_index as the first column");
        }
        for (int y = 1; y < cols.length; y++) {
            if (!csv.header.get(y).equals("year_" + y)) {
                throw new CsvFormatException(file, file + " line 1, column " + (y + 1) + ": expected 'year_" + y + "', found '"
                        + csv.header.get(y) + "'");
            }
            cols[y] = y;
        }
        if (cols.length < 2) {
            throw new CsvFormatException(file, file + " line 1: wide scenario format needs year_1..year_N columns");
        }
        return cols;
    }

    // ---- Parquet -> CSV -------------------------------------------------------------------------

    private Summary parquetToCsv(Path input, Path output, Optional<Kind> forced) {
        Kind kind = forced.orElseGet(() -> kindOfColumns(parquetColumns(input), input));
        BufferType type = kind == Kind.POLICIES ? BufferType.INPUT : BufferType.SCENARIO;
        AtomicFile out;
        try {
            out = new AtomicFile(output);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + output + ": " + e.getMessage(), e);
        }
        long rows = 0;
        try (ParquetRecordReader r = ParquetRecordReader.open(input, type); Arena arena = Arena.ofConfined()) {
            try (BufferedWriter w = Files.newBufferedWriter(out.temp, StandardCharsets.UTF_8)) {
                w.write(String.join(",", kind == Kind.POLICIES ? POLICY_COLUMNS : SCENARIO_COLUMNS));
                w.newLine();
                MemorySegment chunk = arena.allocate(chunkRecords * type.recordSize(), 16);
                long n;
                StringBuilder sb = new StringBuilder(128);
                while ((n = r.read(chunk)) > 0) {
                    for (long i = 0; i < n; i++) {
                        sb.setLength(0);
                        if (kind == Kind.POLICIES) {
                            sb.append(Long.toUnsignedString(PolicyRecord.policyId(chunk, i))).append(',')
                                    .append(PolicyRecord.age(chunk, i)).append(',').append(PolicyRecord.gender(chunk, i)).append(',')
                                    .append(PolicyRecord.sumAssured(chunk, i)).append(',').append(PolicyRecord.premium(chunk, i)).append(',')
                                    .append(PolicyRecord.term(chunk, i)).append(',').append(PolicyRecord.productType(chunk, i)).append(',')
                                    .append(PolicyRecord.underwritingClass(chunk, i));
                        } else {
                            sb.append(ScenarioRecord.scenarioId(chunk, i)).append(',').append(ScenarioRecord.year(chunk, i)).append(',')
                                    .append(ScenarioRecord.rate(chunk, i));
                        }
                        w.append(sb).append('\n');
                    }
                    rows += n;
                }
            }
            out.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + output + ": " + e.getMessage(), e);
        } finally {
            out.abort();
        }
        return new Summary(kind, rows, out.target);
    }

    private static List<String> parquetColumns(Path file) {
        ParquetRecordReader.rowCount(file); // the file checks, with their messages
        ParquetReadOptions o = ParquetReadOptions.builder(new PlainParquetConfiguration())
                .withCodecFactory(new JniCodecs(ParquetWriteOptions.DEFAULT_ZSTD_LEVEL)).build();
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file), o)) {
            MessageType schema = r.getFooter().getFileMetaData().getSchema();
            return schema.getFields().stream().map(f -> f.getName()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
