package io.livecalc.api;

import java.nio.file.Path;

/**
 * A data file (policies, scenarios, assumption table, Parquet file) is missing, unreadable, not in the
 * expected format, or holds a value the records or the model cannot use. A user error: the message is
 * meant to be printed as it is (no stack trace) and names the file and, where they apply, the line or
 * row, the column and the offending value, e.g.
 * {@code policies.csv: line 3, column 2 (age): "121" is not an age in 0..120}.
 *
 * <p>The accessors give the same facts for programs: {@link #line()} and {@link #column()} are 1-based
 * and 0 when the problem concerns the whole file (or line); {@link #value()} is {@code null} when there
 * is no single offending value.
 */
public class DataFileException extends CalcEngineException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;
    private final int column;
    private final String value;

    /** A problem with the file as a whole. */
    public DataFileException(Path file, String message) {
        this(file, 0, 0, null, message, null);
    }

    /** A problem with the file as a whole, caused by {@code cause}. */
    public DataFileException(Path file, String message, Throwable cause) {
        this(file, 0, 0, null, message, cause);
    }

    /** A problem at a line and column (0 when not applicable) with the offending {@code value} (or null). */
    public DataFileException(Path file, int line, int column, String value, String message) {
        this(file, line, column, value, message, null);
    }

    public DataFileException(Path file, int line, int column, String value, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.value = value;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    /** 1-based line (for Parquet files: row), or 0 when the problem concerns the whole file. */
    public int line() {
        return line;
    }

    /** 1-based column, or 0 when the problem concerns a whole line or file. */
    public int column() {
        return column;
    }

    /** The offending text, or {@code null}. */
    public String value() {
        return value;
    }
}
