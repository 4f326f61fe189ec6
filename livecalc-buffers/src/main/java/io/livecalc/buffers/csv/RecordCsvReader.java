package io.livecalc.buffers.csv;

import io.livecalc.api.BufferType;
import io.livecalc.api.DataFileException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads a policies or scenarios CSV ({@link PolicyCsv}, {@link ScenarioCsv}) into records chunk by chunk,
 * so a file of any size streams through a fixed buffer:
 *
 * <pre>{@code
 * try (RecordCsvReader r = RecordCsvReader.open(file)) {          // kind from the header
 *     MemorySegment chunk = arena.allocate(65_536 * r.type().recordSize(), 16);
 *     for (long n; (n = r.read(chunk)) > 0; ) {
 *         sink.write(chunk, n);
 *     }
 * }
 * }</pre>
 *
 * The same strict checks and messages as the whole-file readers; end-of-file checks (a scenario's
 * length, an empty scenarios file) run when {@link #read} reaches the end. Not thread-safe.
 */
public final class RecordCsvReader implements AutoCloseable {

    private final CsvReader csv;
    private final BufferType type;
    private final RecordRows rows;
    private String[] pending;
    private boolean atEnd;
    private long records;

    private RecordCsvReader(CsvReader csv, BufferType type) {
        this.csv = csv;
        this.type = type;
        try {
            this.rows = type.equals(BufferType.INPUT) ? PolicyCsv.rows(csv) : ScenarioCsv.rows(csv);
        } catch (RuntimeException e) {
            csv.close();
            throw e;
        }
    }

    /**
     * Opens {@code file}, telling policies from scenarios by the header ({@link RecordFiles#kindOf}).
     *
     * @throws DataFileException the file is missing, empty, or its header is neither
     */
    public static RecordCsvReader open(Path file) {
        CsvReader csv = CsvReader.open(file, "CSV file");
        try {
            csv.readHeader();
            return new RecordCsvReader(csv, RecordFiles.kindOf(file, csv.header()));
        } catch (RuntimeException e) {
            csv.close();
            throw e;
        }
    }

    /**
     * Opens {@code file} as {@code type} records: {@link BufferType#INPUT} (policies) or
     * {@link BufferType#SCENARIO}.
     *
     * @throws DataFileException the file is missing, empty, or its header does not fit {@code type}
     */
    public static RecordCsvReader open(Path file, BufferType type) {
        Objects.requireNonNull(type, "type");
        if (!type.equals(BufferType.INPUT) && !type.equals(BufferType.SCENARIO)) {
            throw new IllegalArgumentException("CSV files hold INPUT or SCENARIO records, not " + type.name());
        }
        CsvReader csv = CsvReader.open(file, type.equals(BufferType.INPUT) ? PolicyCsv.WHAT : ScenarioCsv.WHAT);
        try {
            csv.readHeader();
        } catch (RuntimeException e) {
            csv.close();
            throw e;
        }
        return new RecordCsvReader(csv, type);
    }

    /** INPUT (policies) or SCENARIO. */
    public BufferType type() {
        return type;
    }

    /** Records one CSV row makes: 1, or N for a wide scenario file of N years; a chunk holds at least this many. */
    public int recordsPerRow() {
        return rows.recordsPerRow();
    }

    /** Records read so far. */
    public long recordsRead() {
        return records;
    }

    /**
     * Fills {@code chunk} from record 0 with as many whole rows' records as fit.
     *
     * @return the records written; 0 at the end of the file
     * @throws DataFileException        invalid content (file, line, column, value named)
     * @throws IllegalArgumentException {@code chunk} cannot hold one row's records
     */
    public long read(MemorySegment chunk) {
        long capacity = chunk.byteSize() / type.recordSize();
        int perRow = rows.recordsPerRow();
        if (capacity < perRow) {
            throw new IllegalArgumentException("a chunk of " + chunk.byteSize() + " bytes cannot hold the " + perRow + " "
                    + type.name() + " records of one row of " + csv.path());
        }
        long n = 0;
        while (hasMore() && n + perRow <= capacity) {
            csv.requireHeaderWidth(pending);
            rows.parse(csv, pending, chunk, n);
            pending = null;
            n += perRow;
            records += perRow;
        }
        return n;
    }

    /** Whether another row follows; at the end of the file, runs the end-of-file checks. */
    public boolean hasMore() {
        if (pending == null && !atEnd) {
            pending = csv.next();
            if (pending == null) {
                atEnd = true;
                rows.finish(csv, records);
            }
        }
        return pending != null;
    }

    @Override
    public void close() {
        csv.close();
    }

    /** Reads the whole file into {@code target}; fails if it does not fit. */
    long readAll(MemorySegment target) {
        long n = read(target);
        if (hasMore()) {
            String what = type.equals(BufferType.INPUT) ? "policy" : "scenario";
            throw csv.lineError(what + " buffer too small: needs at least " + (n + rows.recordsPerRow()) * type.recordSize()
                    + " bytes, given " + target.byteSize());
        }
        return n;
    }

    /** Reads the whole file into a new segment of {@code arena}, sized by counting the lines first. */
    static MemorySegment readAll(Path file, BufferType type, Arena arena) {
        try (RecordCsvReader r = open(file, type)) {
            long count = CsvReader.countDataLines(file, r.csv.what()) * r.recordsPerRow();
            MemorySegment target = arena.allocate(Math.max(1, count) * type.recordSize(), 16);
            long n = r.readAll(target);
            return target.asSlice(0, n * type.recordSize());
        }
    }
}
