package io.livecalc.parquet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A strict reader of the projection model's CSV files: comma-separated, one header line, a pair of
 * surrounding double quotes stripped from a field, fields trimmed, blank lines skipped, a UTF-8 BOM
 * ignored. Every row must have as many fields as the header. Parse helpers throw a
 * {@link CsvFormatException} naming file, line, column and text.
 */
final class CsvTable implements AutoCloseable {

    /** A plain decimal number: Java's parseDouble alone would also take "NaN", "0x1p3" or "1d". */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private final Path file;
    private final BufferedReader reader;
    final List<String> header;
    private String[] row;
    private int line;

    CsvTable(Path file) {
        this.file = file;
        if (!Files.exists(file)) {
            throw new CsvFormatException(file, "File not found: " + file);
        }
        try {
            reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            String first = nextLine();
            if (first == null) {
                reader.close();
                throw new CsvFormatException(file, file + ": the file is empty, expected a header line");
            }
            header = List.of(split(first.startsWith("\uFEFF") ? first.substring(1) : first));
        } catch (java.nio.charset.MalformedInputException e) {
            throw new CsvFormatException(file, file + " is not a UTF-8 text file");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    int column(String name) {
        return header.indexOf(name);
    }

    /** Advances to the next data row; false at the end of the file. */
    boolean next() {
        String text;
        try {
            text = nextLine();
        } catch (IOException e) {
            throw new CsvFormatException(file, file + " line " + (line + 1) + ": cannot be read (" + e.getMessage() + ")");
        }
        if (text == null) {
            return false;
        }
        row = split(text);
        if (row.length != header.size()) {
            throw new CsvFormatException(file, file + " line " + line + ": expected " + header.size() + " fields as in the header, found "
                    + row.length);
        }
        return true;
    }

    int line() {
        return line;
    }

    String text(int column) {
        return row[column];
    }

    CsvFormatException error(int column, String problem) {
        return new CsvFormatException(file, file + " line " + line + ", column '" + header.get(column) + "' (" + (column + 1)
                + "): '" + row[column] + "' " + problem);
    }

    /** An integer in {@code [0, max]} (max compared unsigned, so -1 means the whole u64 range). */
    long unsigned(int column, long max, String what) {
        String s = row[column];
        long v;
        try {
            v = Long.parseUnsignedLong(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            throw error(column, "is not " + what);
        }
        if (Long.compareUnsigned(v, max) > 0) {
            throw error(column, "is not " + what);
        }
        return v;
    }

    double decimal(int column) {
        String s = row[column];
        if (!DECIMAL.matcher(s).matches()) {
            throw error(column, "is not a decimal number");
        }
        return Double.parseDouble(s);
    }

    /** A code given by name (case-insensitive) or as an integer 0..max. */
    int code(int column, List<String> names, long max, String what) {
        String s = row[column];
        for (int i = 0; i < names.size(); i++) {
            for (String alias : names.get(i).split("\\|")) {
                if (alias.equalsIgnoreCase(s)) {
                    return i;
                }
            }
        }
        if (!s.isEmpty() && Character.isDigit(s.charAt(0))) {
            return (int) unsigned(column, max, what);
        }
        throw error(column, "is not " + what);
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String nextLine() throws IOException {
        String s;
        do {
            s = reader.readLine();
            line++;
        } while (s != null && s.isBlank());
        return s;
    }

    private static String[] split(String text) {
        List<String> out = new ArrayList<>(10);
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == ',') {
                String f = text.substring(start, i).trim();
                if (f.length() >= 2 && f.charAt(0) == '"' && f.charAt(f.length() - 1) == '"') {
                    f = f.substring(1, f.length() - 1).trim();
                }
                out.add(f);
                start = i + 1;
            }
        }
        return out.toArray(String[]::new);
    }
}
