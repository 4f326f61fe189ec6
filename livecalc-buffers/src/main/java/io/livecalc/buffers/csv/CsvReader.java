package io.livecalc.buffers.csv;

import io.livecalc.api.DataFileException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
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


    private final Path path;
    private final String what;
    private final CsvLines lines;
    private String[] header;
    private int lineNumber;

    private CsvReader(Path path, String what, CsvLines lines) {
        this.path = path;
        this.what = what;
        this.lines = lines;
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
            return new CsvReader(path, what, new CsvLines(Files.newInputStream(path)));
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
                line = lines.next();
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
            throw new DataFileException(path, path + ": " + what + " is not UTF-8 text (line " + (lineNumber + 1) + ")", e);
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
        double d = decimal(s);
        if (!Double.isFinite(d)) {
            boolean nonFinite = d == d || s.equalsIgnoreCase("NaN") || s.matches("[+-]?(?i:infinity|inf)");
            throw error(column, s, nonFinite ? "is not a finite number" : "is not a number");
        }
        return d;
    }

    /** Exact powers of ten: 10^22 is the largest one a double holds exactly. */
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    };

    /**
     * {@code s} as {@link Double#parseDouble} reads it, bit for bit, when it matches
     * {@code [+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?} (ASCII digits); NaN when it does not. Scanned by hand in
     * one pass: a regex here ran interpreted for every number of a first run's files and kept C2 busy compiling the
     * matcher, and {@code parseDouble}'s general algorithm is a large method that a one-shot run interprets for
     * most of its numbers (issue 15). The usual CSV number (at most 18 significant digits, at most 22 decimal places
     * or powers) takes Clinger's fast path: its digits as an exact integer m <= 2^53 and 10^k exact for |k| <= 22,
     * so the one rounding of m * 10^k or m / 10^-k is the correctly rounded value, which is parseDouble's. Anything
     * else goes to parseDouble itself.
     */
    static double decimal(String s) {
        int n = s.length();
        int i = 0;
        boolean negative = false;
        if (n > 0 && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            negative = s.charAt(0) == '-';
            i++;
        }
        long m = 0;            // the significant digits read so far
        int significant = 0;   // digits in m from its first non-zero one
        int exponent = 0;      // the value is m * 10^exponent
        boolean dropped = false;
        boolean digits = false;
        boolean fraction = false;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c == '.' && !fraction) {
                fraction = true;
                continue;
            }
            int d = c - '0';
            if (d < 0 || d > 9) {
                break;
            }
            digits = true;
            if (significant < 18) {
                m = m * 10 + d;
                significant += m == 0 ? 0 : 1;
                exponent -= fraction ? 1 : 0;
            } else {
                exponent += fraction ? 0 : 1;
                dropped |= d != 0;
            }
        }
        if (!digits) {
            return Double.NaN;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            boolean negativePower = false;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                negativePower = s.charAt(i) == '-';
                i++;
            }
            int first = i;
            int power = 0;
            for (; i < n; i++) {
                int d = s.charAt(i) - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                power = Math.min(power * 10 + d, 1_000_000);   // beyond any double's range either way
            }
            if (i == first) {
                return Double.NaN;
            }
            exponent += negativePower ? -power : power;
        }
        if (i != n) {
            return Double.NaN;
        }
        if (!dropped && m <= 1L << 53 && exponent >= -22 && exponent <= 22) {
            double v = exponent < 0 ? m / POWERS_OF_TEN[-exponent] : m * POWERS_OF_TEN[exponent];
            return negative ? -v : v;
        }
        return Double.parseDouble(s);
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
            lines.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * At least the number of non-blank lines after the first non-blank one (the data rows), for sizing a buffer;
     * the content is not checked. Counted on the bytes, not decoded lines (a first run interprets this loop
     * for every byte of the file): a line counts unless all its bytes are ASCII white space, so a line that
     * {@link String#isBlank} calls blank only because of other white space is counted too (an upper bound).
     */
    static long countDataLines(Path path, String what) {
        try (FileChannel channel = FileChannel.open(path)) {
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            long lines = 0;
            boolean content = false;   // the current line has a byte that is not ASCII white space
            while (channel.read(buffer.clear()) > 0) {
                byte[] bytes = buffer.array();
                for (int i = 0, n = buffer.position(); i < n; i++) {
                    byte b = bytes[i];
                    if (b == '\n' || b == '\r') {   // as CsvLines: \n, \r\n or a lone \r end a line
                        lines += content ? 1 : 0;
                        content = false;
                    } else if (!content && !(b == ' ' || (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x1F))) {
                        content = true;
                    }
                }
            }
            lines += content ? 1 : 0;
            return Math.max(0, lines - 1);
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
