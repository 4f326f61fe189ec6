package io.livecalc.engines.assumptions;


import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import io.livecalc.api.DataFileException;
import io.livecalc.api.InitializationException;
import io.livecalc.api.PolicyRecord;
import io.livecalc.buffers.csv.CsvReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/** {@link AssumptionSource} over files in the original CLI's formats. */
final class AssumptionFiles implements AssumptionSource {

    // streaming only: a plain JsonFactory (jackson-core), not an ObjectMapper (databind, ~400 classes loaded at start-up)
    private static final JsonFactory JSON = new JsonFactory();

    /** Accepted expense names (lower case) to their slot: 0 acquisition, 1 maintenance, 2 % of premium, 3 claim. */
    private static final Map<String, Integer> EXPENSE_NAMES = Map.of(
            "per_policy_acquisition", 0, "acquisition", 0,
            "per_policy_maintenance", 1, "maintenance", 1,
            "percent_of_premium", 2, "premium_percent", 2,
            "claim_expense", 3, "claim", 3);
    private static final String[] EXPENSE_KEYS = {"acquisition", "maintenance", "percent_of_premium", "claim_expense"};

    private final Path baseDirectory;

    AssumptionFiles(Path baseDirectory) {
        this.baseDirectory = baseDirectory.toAbsolutePath().normalize();
    }

    @Override
    public MortalityTable mortality(String reference) {
        Path path = resolve(reference);
        double[][] q = new double[2][PolicyRecord.MAX_AGE + 1];
        boolean[] seen = new boolean[PolicyRecord.MAX_AGE + 1];
        try (CsvReader csv = CsvReader.open(path, "mortality table")) {
            String[] header = csv.readHeader();
            requireTextHeader(csv, header, 3, "age,male_qx,female_qx");
            for (String[] row = csv.next(); row != null; row = csv.next()) {
                csv.requireColumns(row, 3);
                int age = (int) csv.parseLong(row, 1, 0, PolicyRecord.MAX_AGE, "an age in 0.." + PolicyRecord.MAX_AGE);
                if (seen[age]) {
                    throw csv.error(1, row[0], "is a duplicate age");
                }
                seen[age] = true;
                q[0][age] = csv.parseDouble(row, 2, 0.0, 1.0, "a rate in [0, 1]");
                q[1][age] = csv.parseDouble(row, 3, 0.0, 1.0, "a rate in [0, 1]");
            }
        }
        requireComplete(path, seen, 0, "mortality table", "ages 0..120", "age");
        return new MortalityTable(q[0], q[1]);
    }

    @Override
    public LapseTable lapse(String reference) {
        Path path = resolve(reference);
        double[] w = new double[LapseTable.YEARS];
        boolean[] seen = new boolean[LapseTable.YEARS];
        try (CsvReader csv = CsvReader.open(path, "lapse table")) {
            String[] header = csv.readHeader();
            requireTextHeader(csv, header, 2, "year,lapse_rate");
            for (String[] row = csv.next(); row != null; row = csv.next()) {
                csv.requireColumns(row, 2);
                int year = (int) csv.parseLong(row, 1, 1, LapseTable.YEARS, "a policy year in 1..50");
                if (seen[year - 1]) {
                    throw csv.error(1, row[0], "is a duplicate year");
                }
                seen[year - 1] = true;
                w[year - 1] = csv.parseDouble(row, 2, 0.0, 1.0, "a rate in [0, 1]");
            }
        }
        requireComplete(path, seen, 1, "lapse table", "years 1..50", "year");
        return new LapseTable(w);
    }

    @Override
    public ExpenseAssumptions expenses(String reference) {
        Path path = resolve(reference);
        return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") ? expensesJson(path) : expensesCsv(path);
    }

    private ExpenseAssumptions expensesCsv(Path path) {
        double[] v = new double[4];
        boolean[] seen = new boolean[4];
        try (CsvReader csv = CsvReader.open(path, "expenses file")) {
            csv.requireHeader(java.util.List.of("name", "value"), false);
            for (String[] row = csv.next(); row != null; row = csv.next()) {
                csv.requireColumns(row, 2);
                Integer slot = EXPENSE_NAMES.get(row[0].toLowerCase(Locale.ROOT));
                if (slot == null) {
                    throw csv.error(1, row[0], "is not an expense name; expected one of " + new java.util.TreeSet<>(EXPENSE_NAMES.keySet()));
                }
                if (seen[slot]) {
                    throw csv.error(1, row[0], "sets " + EXPENSE_KEYS[slot] + " a second time");
                }
                seen[slot] = true;
                v[slot] = csv.parseDouble(row, 2, 0.0, Double.MAX_VALUE, "a finite number >= 0");
            }
        }
        requireAllExpenses(path, seen);
        return new ExpenseAssumptions(v[0], v[1], v[2], v[3]);
    }

    private ExpenseAssumptions expensesJson(Path path) {
        double[] v = new double[4];
        boolean[] seen = new boolean[4];
        try (JsonParser p = JSON.createParser(Files.newBufferedReader(path))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw jsonError(path, p.currentTokenLocation(), p.getText(), "expected a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonLocation nameAt = p.currentTokenLocation();
                Integer slot = EXPENSE_NAMES.get(name.toLowerCase(Locale.ROOT));
                if (slot == null) {
                    throw jsonError(path, nameAt, name, "is not an expense name; expected one of " + Arrays.toString(EXPENSE_KEYS));
                }
                if (seen[slot]) {
                    throw jsonError(path, nameAt, name, "sets " + EXPENSE_KEYS[slot] + " a second time");
                }
                JsonToken t = p.nextToken();
                if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                    throw jsonError(path, p.currentTokenLocation(), p.getText(), "(" + name + ") is not a number");
                }
                double d = p.getDoubleValue();
                if (!Double.isFinite(d) || d < 0) {
                    throw jsonError(path, p.currentTokenLocation(), p.getText(), "(" + name + ") is not a finite number >= 0");
                }
                seen[slot] = true;
                v[slot] = d;
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw jsonError(path, p.currentTokenLocation(), p.getText(), "expected a field name or the end of the object");
            }
        } catch (NoSuchFileException e) {
            throw new DataFileException(path, 0, 0, null, "expenses file not found: " + path, e);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new DataFileException(path, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), null,
                    path + ": line " + (at == null ? 0 : at.getLineNr()) + ", column " + (at == null ? 0 : at.getColumnNr())
                            + ": invalid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new DataFileException(path, 0, 0, null, "cannot read expenses file " + path + ": " + e.getMessage(), e);
        }
        requireAllExpenses(path, seen);
        return new ExpenseAssumptions(v[0], v[1], v[2], v[3]);
    }

    private Path resolve(String reference) {
        if (reference.startsWith("assumptions://")) {
            throw new InitializationException("assumption reference '" + reference
                    + "' needs an Assumptions Manager source; this engine resolves file paths only");
        }
        return baseDirectory.resolve(reference).normalize();
    }

    private static void requireTextHeader(CsvReader csv, String[] header, int columns, String example) {
        if (header.length < columns || isNumber(header[0])) {
            throw csv.error(0, String.join(",", header), "wrong header, expected " + columns + " column names such as " + example);
        }
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void requireComplete(Path path, boolean[] seen, int first, String what, String range, String unit) {
        int count = 0;
        int missing = -1;
        for (int i = 0; i < seen.length; i++) {
            if (seen[i]) {
                count++;
            } else if (missing < 0) {
                missing = i + first;
            }
        }
        if (missing >= 0) {
            throw new DataFileException(path, 0, 0, null, path + ": " + what + " has " + count + " " + unit + "s; expected "
                    + range + " (first missing " + unit + ": " + missing + ")");
        }
    }

    private static void requireAllExpenses(Path path, boolean[] seen) {
        for (int i = 0; i < seen.length; i++) {
            if (!seen[i]) {
                throw new DataFileException(path, 0, 0, null, path + ": expenses file does not set '" + EXPENSE_KEYS[i]
                        + "'; expected all of " + Arrays.toString(EXPENSE_KEYS));
            }
        }
    }

    private static DataFileException jsonError(Path path, JsonLocation at, String value, String problem) {
        return new DataFileException(path, at.getLineNr(), at.getColumnNr(), value,
                path + ": line " + at.getLineNr() + ", column " + at.getColumnNr() + ": \"" + value + "\" " + problem);
    }
}
