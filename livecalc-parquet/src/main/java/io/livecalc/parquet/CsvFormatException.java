package io.livecalc.parquet;

import java.nio.file.Path;

/**
 * A CSV file does not follow the policy or scenario format of the projection model. The message names
 * the file, the line (1-based, the header is line 1), the column and the offending text.
 */
public class CsvFormatException extends DataFileException {
    private static final long serialVersionUID = 1L;

    public CsvFormatException(Path file, String message) {
        super(file, message);
    }
}
