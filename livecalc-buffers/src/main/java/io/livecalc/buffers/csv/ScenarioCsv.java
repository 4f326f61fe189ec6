package io.livecalc.buffers.csv;

import io.livecalc.api.BufferType;
import io.livecalc.api.DataFileException;
import io.livecalc.api.ScenarioRecord;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads an interest-rate scenarios CSV into SCENARIO records ({@link ScenarioRecord}), in either of the
 * original CLI's layouts (recognised from the header, case-insensitive):
 * <ul>
 *   <li>long: columns {@code scenario_id,year,rate} (any order, other columns ignored), rows grouped by
 *       scenario, years 1..N ascending;</li>
 *   <li>wide: {@code scenario_index,year_1,...,year_N}, one row per scenario (N records each).</li>
 * </ul>
 * The records come out grouped by scenario, years 1..N ascending, the same N for every scenario: the
 * shape engines expect. Scenario ids are unsigned 32-bit values, distinct; rates finite and above -1; a
 * file without scenarios is invalid. Every failure is a {@link DataFileException} naming file, line,
 * column and value.
 *
 * <p>For files larger than memory, read in chunks with {@link RecordCsvReader}.
 */
public final class ScenarioCsv {

    static final String WHAT = "scenarios file";

    /** The long layout's header, as {@link #appendRecord} writes it. */
    public static final List<String> LONG_HEADER = List.of(ScenarioRecord.SCENARIO_ID, ScenarioRecord.YEAR, ScenarioRecord.RATE);

    private ScenarioCsv() {
    }

    /** Reads every scenario of {@code file} into a new 16-byte aligned segment of {@code arena}, sized to fit. */
    public static MemorySegment read(Path file, Arena arena) {
        return RecordCsvReader.readAll(file, BufferType.SCENARIO, arena);
    }

    /** Appends record {@code i} as a long-layout CSV row (no line end); rates read back to the same bits. */
    public static StringBuilder appendRecord(StringBuilder sb, MemorySegment s, long i) {
        return sb.append(ScenarioRecord.scenarioId(s, i)).append(',').append(ScenarioRecord.year(s, i)).append(',')
                .append(ScenarioRecord.rate(s, i));
    }

    /** Whether {@code header} is the long layout: it has scenario_id, year and rate columns. */
    static boolean isLong(List<String> header) {
        return indexOf(header, ScenarioRecord.SCENARIO_ID) >= 0 && indexOf(header, ScenarioRecord.YEAR) >= 0
                && indexOf(header, ScenarioRecord.RATE) >= 0;
    }

    /** Whether {@code header} looks like the wide layout: scenario_index (or scenario_id), then year_... columns. */
    static boolean isWide(List<String> header) {
        return header.size() >= 2 && (header.getFirst().equalsIgnoreCase("scenario_index")
                || header.getFirst().equalsIgnoreCase(ScenarioRecord.SCENARIO_ID))
                && header.get(1).regionMatches(true, 0, "year_", 0, 5);
    }

    /** The parser of {@code csv}'s rows, after its header has been read. */
    static RecordRows rows(CsvReader csv) {
        List<String> header = csv.header();
        if (isLong(header)) {
            return new LongRows(csv.columnIndex(ScenarioRecord.SCENARIO_ID) + 1, csv.columnIndex(ScenarioRecord.YEAR) + 1,
                    csv.columnIndex(ScenarioRecord.RATE) + 1);
        }
        if (isWide(header)) {
            for (int y = 1; y < header.size(); y++) {
                if (!header.get(y).equalsIgnoreCase("year_" + y)) {
                    throw csv.error(y + 1, header.get(y), "wrong header: expected year_" + y);
                }
            }
            return new WideRows(header.size() - 1);
        }
        throw csv.error(0, String.join(",", header),
                "wrong header, expected scenario_id,year,rate (long) or scenario_index,year_1..year_N (wide)");
    }

    /** Rows {@code scenario_id, year, rate}: checks grouping, year order and equal lengths as it goes. */
    private static final class LongRows implements RecordRows {
        private final int idColumn, yearColumn, rateColumn;
        private final Set<Long> seen = new HashSet<>();
        private long current = -1;
        private int years = -1; // of the first scenario, once it is complete
        private int year;       // years of the current scenario so far

        LongRows(int idColumn, int yearColumn, int rateColumn) {
            this.idColumn = idColumn;
            this.yearColumn = yearColumn;
            this.rateColumn = rateColumn;
        }

        @Override
        public int recordsPerRow() {
            return 1;
        }

        @Override
        public void parse(CsvReader csv, String[] row, MemorySegment s, long i) {
            long id = csv.parseLong(row, idColumn, 0, 0xFFFF_FFFFL, "a scenario id in 0..4294967295");
            long y = csv.parseLong(row, yearColumn, 1, Integer.MAX_VALUE, "a projection year >= 1");
            if (id != current) {
                if (current >= 0) {
                    years = checkLength(csv, current, years, year);
                }
                if (!seen.add(id)) {
                    throw csv.error(idColumn, row[idColumn - 1], "appears again after other scenarios; rows must be grouped by scenario");
                }
                current = id;
                year = 0;
            }
            if (y != year + 1) {
                throw csv.error(yearColumn, row[yearColumn - 1], "is out of order: expected year " + (year + 1) + " of scenario " + id);
            }
            year++;
            if (years > 0 && year > years) {
                throw csv.error(yearColumn, row[yearColumn - 1], "exceeds the " + years + " years of the first scenario");
            }
            ScenarioRecord.scenarioId(s, i, id);
            ScenarioRecord.year(s, i, y);
            ScenarioRecord.rate(s, i, rate(csv, row, rateColumn));
        }

        @Override
        public void finish(CsvReader csv, long records) {
            if (current < 0) {
                throw noScenarios(csv);
            }
            checkLength(csv, current, years, year);
        }

        private static int checkLength(CsvReader csv, long id, int expected, int actual) {
            if (expected > 0 && actual != expected) {
                throw csv.lineError("scenario " + id + " has " + actual + " years; the first scenario has " + expected);
            }
            return actual;
        }
    }

    /** Rows {@code scenario_index, year_1..year_N}: one scenario of N records per row. */
    private static final class WideRows implements RecordRows {
        private final int years;
        private final Set<Long> seen = new HashSet<>();

        WideRows(int years) {
            this.years = years;
        }

        @Override
        public int recordsPerRow() {
            return years;
        }

        @Override
        public void parse(CsvReader csv, String[] row, MemorySegment s, long i) {
            long id = csv.parseLong(row, 1, 0, 0xFFFF_FFFFL, "a scenario index in 0..4294967295");
            if (!seen.add(id)) {
                throw csv.error(1, row[0], "is a duplicate scenario index");
            }
            for (int y = 1; y <= years; y++) {
                double rate = rate(csv, row, y + 1);
                ScenarioRecord.scenarioId(s, i + y - 1, id);
                ScenarioRecord.year(s, i + y - 1, y);
                ScenarioRecord.rate(s, i + y - 1, rate);
            }
        }

        @Override
        public void finish(CsvReader csv, long records) {
            if (records == 0) {
                throw noScenarios(csv);
            }
        }
    }

    private static double rate(CsvReader csv, String[] row, int column) {
        double r = csv.parseDouble(row, column);
        if (r <= -1.0) {
            throw csv.error(column, row[column - 1], "is not a rate above -1");
        }
        return r;
    }

    private static DataFileException noScenarios(CsvReader csv) {
        return new DataFileException(csv.path(), csv.path() + ": scenarios file has no scenarios");
    }

    private static int indexOf(List<String> header, String name) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }
}
