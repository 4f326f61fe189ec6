package io.livecalc.engines.projection;

import io.livecalc.api.InitializationException;

import java.nio.file.Path;

/**
 * An input file (policies, scenarios, assumption table) is missing, unreadable or holds a value the model
 * cannot use. The message names the file, the line and column (1-based; 0 when the problem is the file as
 * a whole) and the offending value, e.g.
 * {@code sample_policies.csv: line 3, column 2 (age): "121" is not an age in 0..120}.
 */
public class InputFileException extends InitializationException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;
    private final int column;
    private final String value;

    public InputFileException(Path file, int line, int column, String value, String message) {
        this(file, line, column, value, message, null);
    }

    public InputFileException(Path file, int line, int column, String value, String message, Throwable cause) {
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

    /** 1-based line, or 0 when the problem concerns the whole file. */
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
