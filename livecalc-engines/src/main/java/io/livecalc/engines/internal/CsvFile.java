package io.livecalc.engines.internal;

import io.livecalc.api.DataFileException;
import io.livecalc.buffers.csv.CsvReader;

import java.nio.file.Path;
import java.util.List;

/**
 * The old engines CSV reader, now a thin view of {@link CsvReader} (livecalc-buffers), the one strict CSV
 * reader of the project; every method delegates and every failure is the api's {@link DataFileException}.
 *
 * @deprecated use {@link CsvReader} directly (same method names and messages); kept only until
 *             {@code engines.esg.ZeroCurve} switches its import, then deleted.
 */
@Deprecated(forRemoval = true)
public final class CsvFile implements AutoCloseable {

    private final CsvReader csv;

    private CsvFile(CsvReader csv) {
        this.csv = csv;
    }

    public static CsvFile open(Path path, String what) {
        return new CsvFile(CsvReader.open(path, what));
    }

    public String[] readHeader() {
        return csv.readHeader();
    }

    public void requireHeader(List<String> expected, boolean extraColumnsAllowed) {
        csv.requireHeader(expected, extraColumnsAllowed);
    }

    public String[] next() {
        return csv.next();
    }

    public void requireColumns(String[] row, int n) {
        csv.requireColumns(row, n);
    }

    public int lineNumber() {
        return csv.lineNumber();
    }

    public Path path() {
        return csv.path();
    }

    public String columnName(int column) {
        return csv.columnName(column);
    }

    public DataFileException error(int column, String value, String problem) {
        return csv.error(column, value, problem);
    }

    public double parseDouble(String[] row, int column) {
        return csv.parseDouble(row, column);
    }

    public double parseDouble(String[] row, int column, double lo, double hi, String range) {
        return csv.parseDouble(row, column, lo, hi, range);
    }

    public long parseLong(String[] row, int column, long lo, long hi, String expected) {
        return csv.parseLong(row, column, lo, hi, expected);
    }

    @Override
    public void close() {
        csv.close();
    }
}
