package io.livecalc.buffers.csv;

import io.livecalc.api.BufferType;
import io.livecalc.api.DataFileException;
import io.livecalc.api.PolicyRecord;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads a policies CSV into INPUT records ({@link PolicyRecord}). The header names the columns
 * {@code policy_id,age,gender,sum_assured,premium,term,product_type,underwriting_class} in any order
 * (case-insensitive); other columns are attributes and are not stored.
 *
 * <p>Strict where the original CLI was lenient: a short row, an unknown gender, product or class code, an
 * age outside 0..{@value PolicyRecord#MAX_AGE}, a negative or non-finite sum assured or premium, a
 * negative term or a malformed id is a {@link DataFileException} naming the file, line, column and value.
 * Codes, by name (case-insensitive) or number: gender {@code M|Male|0}, {@code F|Female|1}; product
 * {@code Term|0}, {@code WholeLife|1}, {@code Endowment|2}; class {@code Standard|0}, {@code Smoker|1},
 * {@code NonSmoker|2}, {@code Preferred|3}, {@code Substandard|4}.
 *
 * <p>For files larger than memory, read in chunks with {@link RecordCsvReader}.
 */
public final class PolicyCsv {

    /** The required columns, in the order the original CLI writes them. */
    public static final List<String> HEADER = List.of(PolicyRecord.POLICY_ID, PolicyRecord.AGE, PolicyRecord.GENDER,
            PolicyRecord.SUM_ASSURED, PolicyRecord.PREMIUM, PolicyRecord.TERM, PolicyRecord.PRODUCT_TYPE,
            PolicyRecord.UNDERWRITING_CLASS);

    static final String WHAT = "policies file";

    private static final List<String> PRODUCTS = List.of("term", "wholelife", "endowment");
    private static final List<String> CLASSES = List.of("standard", "smoker", "nonsmoker", "preferred", "substandard");

    private PolicyCsv() {
    }

    /** Reads every policy of {@code file} into a new 16-byte aligned segment of {@code arena}, sized to fit. */
    /**
     * Appends record {@code i} as a CSV row in {@link #HEADER} order, numeric codes, doubles in the shortest
     * form that reads back to the same bits (no line end): what this class reads back exactly.
     */
    public static StringBuilder appendRecord(StringBuilder sb, MemorySegment s, long i) {
        return sb.append(Long.toUnsignedString(PolicyRecord.policyId(s, i))).append(',').append(PolicyRecord.age(s, i)).append(',')
                .append(PolicyRecord.gender(s, i)).append(',').append(PolicyRecord.sumAssured(s, i)).append(',')
                .append(PolicyRecord.premium(s, i)).append(',').append(PolicyRecord.term(s, i)).append(',')
                .append(PolicyRecord.productType(s, i)).append(',').append(PolicyRecord.underwritingClass(s, i));
    }

    public static MemorySegment read(Path file, Arena arena) {
        return RecordCsvReader.readAll(file, BufferType.INPUT, arena);
    }

    /**
     * Reads every policy of {@code file} into {@code target} from record 0.
     *
     * @return the number of policies written
     * @throws DataFileException invalid content, or {@code target} is too small (the message gives the
     *                           bytes needed and given)
     */
    public static long read(Path file, MemorySegment target) {
        try (RecordCsvReader r = RecordCsvReader.open(file, BufferType.INPUT)) {
            return r.readAll(target);
        }
    }

    /** The parser of {@code csv}'s rows, after its header has been read. */
    static RecordRows rows(CsvReader csv) {
        int[] columns = new int[HEADER.size()];
        for (int k = 0; k < columns.length; k++) {
            columns[k] = csv.columnIndex(HEADER.get(k)) + 1;
            if (columns[k] == 0) {
                throw csv.wrongHeader(HEADER, true);
            }
        }
        return new Rows(columns);
    }

    /** @param c 1-based column of each {@link #HEADER} field */
    private record Rows(int[] c) implements RecordRows {

        @Override
        public int recordsPerRow() {
            return 1;
        }

        @Override
        public void parse(CsvReader csv, String[] row, MemorySegment s, long i) {
            PolicyRecord.policyId(s, i, policyId(csv, row, c[0]));
            PolicyRecord.age(s, i, (int) csv.parseLong(row, c[1], 0, PolicyRecord.MAX_AGE, "an age in 0.." + PolicyRecord.MAX_AGE));
            PolicyRecord.gender(s, i, gender(csv, row, c[2]));
            PolicyRecord.sumAssured(s, i, csv.parseDouble(row, c[3], 0.0, Double.MAX_VALUE, "a finite amount >= 0"));
            PolicyRecord.premium(s, i, csv.parseDouble(row, c[4], 0.0, Double.MAX_VALUE, "a finite amount >= 0"));
            PolicyRecord.term(s, i, csv.parseLong(row, c[5], 0, 0xFFFF_FFFFL, "a term in whole years >= 0"));
            PolicyRecord.productType(s, i, code(csv, row, c[6], PRODUCTS, "Term|0, WholeLife|1, Endowment|2"));
            PolicyRecord.underwritingClass(s, i, code(csv, row, c[7], CLASSES,
                    "Standard|0, Smoker|1, NonSmoker|2, Preferred|3, Substandard|4"));
        }

        @Override
        public void finish(CsvReader csv, long records) {
            // a policies file may be empty
        }
    }

    private static long policyId(CsvReader csv, String[] row, int column) {
        String s = row[column - 1];
        try {
            if (s.startsWith("-") || s.startsWith("+")) {
                throw new NumberFormatException();
            }
            return Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            throw csv.error(column, s, "is not a policy id (an integer in 0..18446744073709551615)");
        }
    }

    private static int gender(CsvReader csv, String[] row, int column) {
        String s = row[column - 1];
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "m", "male", "0" -> 0;
            case "f", "female", "1" -> 1;
            default -> throw csv.error(column, s, "is not a gender: expected M|Male|0 or F|Female|1");
        };
    }

    private static int code(CsvReader csv, String[] row, int column, List<String> names, String expected) {
        String s = row[column - 1];
        int byName = names.indexOf(s.toLowerCase(Locale.ROOT));
        if (byName >= 0) {
            return byName;
        }
        if (s.length() == 1 && s.charAt(0) >= '0' && s.charAt(0) < '0' + names.size()) {
            return s.charAt(0) - '0';
        }
        throw csv.error(column, s, "is not a valid code: expected " + expected);
    }
}
