package io.livecalc.engines.internal;

import io.livecalc.engines.projection.InputFileException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small strict CSV reader: comma-separated, no quoting beyond stripping a pair of surrounding double
 * quotes, fields trimmed, blank lines skipped. Every parse helper throws an {@link InputFileException}
 * naming the file, line, column and value.
 *
 * <p>Internal to livecalc-engines (assumption, policy, scenario and zero-curve files); not an API.
 */
public final class CsvFile implements AutoCloseable {

    private final Path path;
    private final String what;
    private final BufferedReader reader;
    private String[] header;
    private int lineNumber;

    private CsvFile(Path path, String what, BufferedReader reader) {
        this.path = path;
        this.what = what;
        this.reader = reader;
    }

    /** Opens {@code path}; {@code what} names the file's role in messages ("policies file"). */
    public static CsvFile open(Path path, String what) {
        try {
            if (Files.isDirectory(path)) {
                throw new InputFileException(path, 0, 0, null, what + " " + path + " is a directory, not a file");
            }
            return new CsvFile(path, what, Files.newBufferedReader(path, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new InputFileException(path, 0, 0, null, what + " not found: " + path, e);
        } catch (IOException e) {
            throw new InputFileException(path, 0, 0, null, "cannot read " + what + " " + path + ": " + e.getMessage(), e);
        }
    }

    /** Reads the header line; fails on an empty file. */
    public String[] readHeader() {
        String[] h = next();
        if (h == null) {
            throw new InputFileException(path, 0, 0, null, what + " " + path + " is empty; expected a header line");
        }
        header = h;
        return h;
    }

    /** Fails unless the header starts with {@code expected} (case-insensitive); extra columns are allowed. */
    public void requireHeader(List<String> expected, boolean extraColumnsAllowed) {
        String[] h = readHeader();
        boolean ok = h.length >= expected.size() && (extraColumnsAllowed || h.length == expected.size());
        for (int i = 0; ok && i < expected.size(); i++) {
            ok = h[i].equalsIgnoreCase(expected.get(i));
        }
        if (!ok) {
            throw error(0, String.join(",", h), "wrong header, expected " + String.join(",", expected)
                    + (extraColumnsAllowed ? " (then optional extra columns)" : ""));
        }
    }

    /** The next non-blank line's fields, or {@code null} at the end. */
    public String[] next() {
        try {
            String line;
            do {
                line = reader.readLine();
                if (line == null) {
                    return null;
                }
                lineNumber++;
                if (lineNumber == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
            } while (line.isBlank());
            return split(line);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + what + " " + path + " at line " + lineNumber, e);
        }
    }

    /** Fails unless {@code row} has at least {@code n} fields. */
    public void requireColumns(String[] row, int n) {
        if (row.length < n) {
            throw error(0, String.join(",", row), "short row: expected " + n + " columns, found " + row.length);
        }
    }

    public int lineNumber() {
        return lineNumber;
    }

    public Path path() {
        return path;
    }

    public String columnName(int column) {
        return header != null && column >= 1 && column <= header.length ? header[column - 1] : null;
    }

    /** An error at column {@code column} (1-based, 0 for the whole line) of the current line. */
    public InputFileException error(int column, String value, String problem) {
        StringBuilder sb = new StringBuilder().append(path).append(": line ").append(lineNumber);
        if (column > 0) {
            sb.append(", column ").append(column);
            String name = columnName(column);
            if (name != null) {
                sb.append(" (").append(name).append(')');
            }
        }
        sb.append(": ");
        if (value != null) {
            sb.append('"').append(value).append("\" ");
        }
        sb.append(problem);
        return new InputFileException(path, lineNumber, column, value, sb.toString());
    }

    /** A finite double. */
    public double parseDouble(String[] row, int column) {
        String s = row[column - 1];
        double d;
        try {
            d = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw error(column, s, "is not a number");
        }
        if (!Double.isFinite(d)) {
            throw error(column, s, "is not a finite number");
        }
        return d;
    }

    /** A finite double in [lo, hi]. */
    public double parseDouble(String[] row, int column, double lo, double hi, String range) {
        double d = parseDouble(row, column);
        if (d < lo || d > hi) {
            throw error(column, row[column - 1], "is out of range: expected " + range);
        }
        return d;
    }

    /** A decimal integer in [lo, hi]. */
    public long parseLong(String[] row, int column, long lo, long hi, String expected) {
        String s = row[column - 1];
        long v;
        try {
            v = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw error(column, s, "is not " + expected);
        }
        if (v < lo || v > hi) {
            throw error(column, s, "is not " + expected);
        }
        return v;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] split(String line) {
        List<String> out = new ArrayList<>(8);
        int start = 0;
        while (true) {
            int comma = line.indexOf(',', start);
            String field = (comma < 0 ? line.substring(start) : line.substring(start, comma)).trim();
            if (field.length() >= 2 && field.charAt(0) == '"' && field.charAt(field.length() - 1) == '"') {
                field = field.substring(1, field.length() - 1).trim();
            }
            out.add(field);
            if (comma < 0) {
                return out.toArray(String[]::new);
            }
            start = comma + 1;
        }
    }
}
