package io.livecalc.engines.projection;

import io.livecalc.api.DataFileException;

import java.nio.file.Path;

/**
 * @deprecated bad input files are reported as {@link DataFileException} (livecalc-api), which carries the
 *             same file, line, column and value; nothing in the engines throws this type any more. Kept
 *             only while {@code engines.esg} still imports it, then deleted.
 */
@Deprecated(forRemoval = true)
public class InputFileException extends DataFileException {
    private static final long serialVersionUID = 1L;

    public InputFileException(Path file, int line, int column, String value, String message) {
        super(file, line, column, value, message);
    }

    public InputFileException(Path file, int line, int column, String value, String message, Throwable cause) {
        super(file, line, column, value, message, cause);
    }
}
