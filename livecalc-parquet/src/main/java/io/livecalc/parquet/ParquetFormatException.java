package io.livecalc.parquet;

import io.livecalc.api.DataFileException;
import java.nio.file.Path;

/**
 * A Parquet file cannot be read as the requested records: missing file, not a Parquet file, truncated
 * file, missing column, wrong column type, null in a required column, or a value out of the record's
 * range. See {@link DataFileException} for the message conventions.
 */
public class ParquetFormatException extends DataFileException {
    private static final long serialVersionUID = 1L;

    public ParquetFormatException(Path file, String message) {
        super(file, message);
    }

    public ParquetFormatException(Path file, String message, Throwable cause) {
        super(file, message, cause);
    }
}
