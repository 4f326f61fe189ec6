package io.livecalc.parquet;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A data file (Parquet or CSV) cannot be used: it is missing, is not in the expected format, lacks a
 * column, or holds a value that does not fit its record. The message is meant for the user as it is:
 * it names the file and, where it applies, the row or line, the column, the value and what was
 * expected. Callers print {@link #getMessage()}; a stack trace adds nothing for these errors.
 */
public class DataFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public DataFileException(Path file, String message) {
        super(message);
        this.file = file;
    }

    public DataFileException(Path file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    /** The file at fault, when known. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }
}
