package io.livecalc.buffers.csv;

import io.livecalc.api.DataFileException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The strict CSV reader under every data file of the model (policies, scenarios, assumption tables):
 * UTF-8, comma-separated, no quoting beyond stripping a pair of surrounding double quotes, fields
 * trimmed, blank lines skipped, a UTF-8 byte order mark ignored. Lines are counted as in the file
 * (the header is line 1, blank lines count).
 *
 * <p>Every failure is a {@link DataFileException} naming the file, the line, the column (number and
 * header name) and the value, e.g. {@code p.csv: line 3, column 2 (age): "121" is not an age in 0..120}.
 * Not thread-safe.
 */
public final class CsvReader implements AutoCloseable {

    /** A plain decimal number: Java's parseDouble alone would also take "0x1p3", "1d" or " 1". */

    private final Path path;
    private final String what;
    private final BufferedReader reader;
    private String[] header;
    private int lineNumber;

    private CsvReader(Path path, String what, BufferedReader reader) {
        this.path = path;
        this.what = what;
        this.reader = reader;
    }

    /**
     * Opens {@code path}; {@code what} names the file's role in messages ("policies file").
     *
     * @throws DataFileException the file is missing, a folder or unreadable
     */
    public static CsvReader open(Path path, String what) {
        try {
            if (Files.isDirectory(path)) {
                throw new DataFileException(path, what + " " + path + " is a directory, not a file");
            }
            return new CsvReader(path, what, Files.newBufferedReader(path, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new DataFileException(path, what + " not found: " + path, e);
        } catch (IOException e) {
            throw new DataFileException(path, "cannot read " + what + " " + path + ": " + e.getMessage(), e);
        }
    }

    /** Reads the header line; fails on an empty file. */
    public String[] readHeader() {
        String[] h = next();
        if (h == null) {
            throw new DataFileException(path, what + " " + path + " is empty; expected a header line");
        }
        header = h;
        return h;
    }

    /** Reads the header; fails unless it starts with {@code expected} (case-insensitive). */
    public void requireHeader(List<String> expected, boolean extraColumnsAllowed) {
        String[] h = readHeader();
        boolean ok = h.length >= expected.size() && (extraColumnsAllowed || h.length == expected.size());
        for (int i = 0; ok && i < expected.size(); i++) {
            ok = h[i].equalsIgnoreCase(expected.get(i));
        }
        if (!ok) {
            throw wrongHeader(expected, extraColumnsAllowed);
        }
    }

    /** The "wrong header" error for a header that lacks (or misorders) {@code expected}. */
    public DataFileException wrongHeader(List<String> expected, boolean extraColumnsAllowed) {
        return error(0, String.join(",", header), "wrong header, expected " + String.join(",", expected)
                + (extraColumnsAllowed ? " (then optional extra columns)" : ""));
    }

    /** The header read by {@link #readHeader()} (a copy), or {@code null} before. */
    public List<String> header() {
        return header == null ? null : List.of(header);
    }

    /** The 0-based index of the header column named {@code name} (case-insensitive), or -1. */
    public int columnIndex(String name) {
        for (int i = 0; header != null && i < header.length; i++) {
            if (header[i].equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The next non-blank line's fields, or {@code null} at the end.
     *
     * @throws DataFileException the file is not UTF-8 text
     */
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
        } catch (CharacterCodingException e) {
            // the decoder runs ahead of the lines (buffered), so no line number can be given
            throw new DataFileException(path, path + ": " + what + " is not UTF-8 text", e);
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

    /** Fails unless {@code row} has as many fields as the header. */
    public void requireHeaderWidth(String[] row) {
        requireColumns(row, header.length);
        if (row.length > header.length) {
            throw error(0, String.join(",", row), "long row: expected " + header.length + " columns as in the header, found "
                    + row.length);
        }
    }

    /** Line of the row last returned by {@link #next()} (1-based; the header is line 1). */
    public int lineNumber() {
        return lineNumber;
    }

    public Path path() {
        return path;
    }

    /** What the file is, as given to {@link #open}. */
    public String what() {
        return what;
    }

    /** The header name of 1-based {@code column}, or {@code null}. */
    public String columnName(int column) {
        return header != null && column >= 1 && column <= header.length ? header[column - 1] : null;
    }

    /** An error at 1-based {@code column} (0 for the whole line) of the current line; {@code value} may be null. */
    public DataFileException error(int column, String value, String problem) {
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
        return new DataFileException(path, lineNumber, column, value, sb.toString());
    }

    /** An error about the current line as a whole, with no single value. */
    public DataFileException lineError(String problem) {
        return new DataFileException(path, lineNumber, 0, null, path + ": line " + lineNumber + ": " + problem);
    }

    /** A finite decimal number in plain or exponent notation at 1-based {@code column}. */
    public double parseDouble(String[] row, int column) {
        String s = row[column - 1];
        if (!isDecimal(s)) {
            boolean nonFinite = s.equalsIgnoreCase("NaN") || s.matches("[+-]?(?i:infinity|inf)");
            throw error(column, s, nonFinite ? "is not a finite number" : "is not a number");
        }
        double d = Double.parseDouble(s);
        if (!Double.isFinite(d)) {
            throw error(column, s, "is not a finite number");
        }
        return d;
    }

    /**
     * Whether {@code s} matches {@code [+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?} (ASCII digits), scanned by hand: a
     * regex here ran interpreted for every number of a first run's files and kept C2 busy compiling the matcher
     * while the engine waited for its own loops to be compiled (issue 15).
     */
    static boolean isDecimal(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int whole = i;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        boolean digits = i > whole;
        if (i < n && s.charAt(i) == '.') {
            int fraction = ++i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            digits |= i > fraction;
        }
        if (!digits) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponent = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == exponent) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A finite decimal number in [lo, hi]; {@code range} says what was expected. */
    public double parseDouble(String[] row, int column, double lo, double hi, String range) {
        double d = parseDouble(row, column);
        if (d < lo || d > hi) {
            throw error(column, row[column - 1], "is out of range: expected " + range);
        }
        return d;
    }

    /** A decimal integer in [lo, hi]; {@code expected} completes "is not ..." in the message. */
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

    /** Number of non-blank lines after the first non-blank one (the data rows); the content is not checked. */
    static long countDataLines(Path path, String what) {
        try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            long n = -1;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    n++;
                }
            }
            return Math.max(0, n);
        } catch (IOException e) {
            throw new DataFileException(path, "cannot read " + what + " " + path + ": " + e.getMessage(), e);
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
