package io.livecalc.engines.projection;

import io.livecalc.engines.internal.CsvFile;

import io.livecalc.engines.scenario.ScenarioSet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads an interest-rate scenarios CSV in either of the original's layouts:
 * <ul>
 *   <li>long: header {@code scenario_id,year,rate}, rows grouped by scenario, years 1..N ascending;</li>
 *   <li>wide: header {@code scenario_index,year_1,...,year_N}, one row per scenario.</li>
 * </ul>
 * Every scenario must have the same N years; rates must be finite and above -1. Scenario ids are kept
 * (unsigned 32-bit). Failures are {@link InputFileException}s naming file, line, column and value.
 */
public final class ScenarioCsv {

    private ScenarioCsv() {
    }

    public static ScenarioSet read(Path file) {
        try (CsvFile csv = CsvFile.open(file, "scenarios file")) {
            String[] header = csv.readHeader();
            String first = header[0].toLowerCase(Locale.ROOT);
            if (header.length == 3 && first.equals("scenario_id") && header[1].equalsIgnoreCase("year")
                    && header[2].equalsIgnoreCase("rate")) {
                return readLong(csv);
            }
            if (header.length >= 2 && (first.equals("scenario_index") || first.equals("scenario_id"))) {
                for (int y = 1; y < header.length; y++) {
                    if (!header[y].equalsIgnoreCase("year_" + y)) {
                        throw csv.error(y + 1, header[y], "wrong header: expected year_" + y);
                    }
                }
                return readWide(csv, header.length - 1);
            }
            throw csv.error(0, String.join(",", header),
                    "wrong header, expected scenario_id,year,rate (long) or scenario_index,year_1..year_N (wide)");
        }
    }

    private static ScenarioSet readLong(CsvFile csv) {
        List<Long> ids = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        double[] rates = new double[1024];
        int n = 0;
        int years = -1;
        int year = 0;
        for (String[] row = csv.next(); row != null; row = csv.next()) {
            csv.requireColumns(row, 3);
            long id = csv.parseLong(row, 1, 0, 0xFFFF_FFFFL, "a scenario id in 0..4294967295");
            long y = csv.parseLong(row, 2, 1, Integer.MAX_VALUE, "a projection year >= 1");
            if (ids.isEmpty() || id != ids.getLast()) {
                if (!ids.isEmpty()) {
                    years = checkLength(csv, ids.getLast(), years, year);
                }
                if (!seen.add(id)) {
                    throw csv.error(1, row[0], "appears again after other scenarios; rows must be grouped by scenario");
                }
                ids.add(id);
                year = 0;
            }
            if (y != year + 1) {
                throw csv.error(2, row[1], "is out of order: expected year " + (year + 1) + " of scenario " + id);
            }
            year++;
            if (years > 0 && year > years) {
                throw csv.error(2, row[1], "exceeds the " + years + " years of the first scenario");
            }
            if (n == rates.length) {
                rates = java.util.Arrays.copyOf(rates, n * 2);
            }
            rates[n++] = rate(csv, row, 3);
        }
        if (ids.isEmpty()) {
            throw new InputFileException(csv.path(), 0, 0, null, csv.path() + ": scenarios file has no scenarios");
        }
        years = checkLength(csv, ids.getLast(), years, year);
        return new ScenarioSet(ids.stream().mapToLong(Long::longValue).toArray(), years, java.util.Arrays.copyOf(rates, n));
    }

    private static int checkLength(CsvFile csv, long id, int expected, int actual) {
        if (expected > 0 && actual != expected) {
            throw new InputFileException(csv.path(), csv.lineNumber(), 0, null, csv.path() + ": line " + csv.lineNumber()
                    + ": scenario " + id + " has " + actual + " years; the first scenario has " + expected);
        }
        return actual;
    }

    private static ScenarioSet readWide(CsvFile csv, int years) {
        List<Long> ids = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        List<double[]> rows = new ArrayList<>();
        for (String[] row = csv.next(); row != null; row = csv.next()) {
            csv.requireColumns(row, years + 1);
            long id = csv.parseLong(row, 1, 0, 0xFFFF_FFFFL, "a scenario index in 0..4294967295");
            if (!seen.add(id)) {
                throw csv.error(1, row[0], "is a duplicate scenario index");
            }
            double[] r = new double[years];
            for (int y = 0; y < years; y++) {
                r[y] = rate(csv, row, y + 2);
            }
            ids.add(id);
            rows.add(r);
        }
        if (ids.isEmpty()) {
            throw new InputFileException(csv.path(), 0, 0, null, csv.path() + ": scenarios file has no scenarios");
        }
        double[] rates = new double[ids.size() * years];
        for (int s = 0; s < rows.size(); s++) {
            System.arraycopy(rows.get(s), 0, rates, s * years, years);
        }
        return new ScenarioSet(ids.stream().mapToLong(Long::longValue).toArray(), years, rates);
    }

    private static double rate(CsvFile csv, String[] row, int column) {
        double r = csv.parseDouble(row, column);
        if (r <= -1.0) {
            throw csv.error(column, row[column - 1], "is not a rate above -1");
        }
        return r;
    }
}
