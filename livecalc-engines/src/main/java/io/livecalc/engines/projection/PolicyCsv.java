package io.livecalc.engines.projection;

import io.livecalc.engines.internal.CsvFile;

import io.livecalc.api.PolicyRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads a policies CSV (header {@code policy_id,age,gender,sum_assured,premium,term,product_type,
 * underwriting_class}, then optional attribute columns) straight into INPUT records
 * ({@link PolicyRecord}).
 *
 * <p>Strict where the original was lenient: a short row, an unknown gender, product or class code, an
 * age outside 0..120, a negative or non-finite sum assured or premium, a negative term or a malformed
 * id is an {@link InputFileException} naming the file, line, column and value. Codes: gender
 * {@code M|Male|0}, {@code F|Female|1}; product {@code Term|0}, {@code WholeLife|1}, {@code Endowment|2};
 * class {@code Standard|0}, {@code Smoker|1}, {@code NonSmoker|2}, {@code Preferred|3},
 * {@code Substandard|4} (names case-insensitive).
 */
public final class PolicyCsv {

    /** The required leading columns, in order. */
    public static final List<String> HEADER = List.of("policy_id", "age", "gender", "sum_assured", "premium", "term",
            "product_type", "underwriting_class");

    private static final List<String> PRODUCTS = List.of("term", "wholelife", "endowment");
    private static final List<String> CLASSES = List.of("standard", "smoker", "nonsmoker", "preferred", "substandard");

    private PolicyCsv() {
    }

    /** Reads every policy of {@code file} into a new 16-byte aligned segment of {@code arena}. */
    public static MemorySegment read(Path file, Arena arena) {
        long count = countRecords(file);
        MemorySegment seg = arena.allocate(Math.max(1, count) * PolicyRecord.SIZE, 16);
        long n = read(file, seg);
        return seg.asSlice(0, n * PolicyRecord.SIZE);
    }

    /**
     * Reads every policy of {@code file} into {@code target} from record 0.
     *
     * @return the number of policies written
     * @throws InputFileException invalid content, or {@code target} is too small (message gives bytes
     *                            needed and given)
     */
    public static long read(Path file, MemorySegment target) {
        long i = 0;
        try (CsvFile csv = CsvFile.open(file, "policies file")) {
            csv.requireHeader(HEADER, true);
            for (String[] row = csv.next(); row != null; row = csv.next(), i++) {
                csv.requireColumns(row, HEADER.size());
                if ((i + 1) * PolicyRecord.SIZE > target.byteSize()) {
                    throw new InputFileException(file, csv.lineNumber(), 0, null, file + ": line " + csv.lineNumber()
                            + ": policy buffer too small: needs at least " + (i + 1) * PolicyRecord.SIZE + " bytes, given "
                            + target.byteSize());
                }
                PolicyRecord.policyId(target, i, parseId(csv, row));
                PolicyRecord.age(target, i, (int) csv.parseLong(row, 2, 0, MortalityTable.MAX_AGE, "an age in 0..120"));
                PolicyRecord.gender(target, i, gender(csv, row[2]));
                PolicyRecord.sumAssured(target, i, csv.parseDouble(row, 4, 0.0, Double.MAX_VALUE, "a finite amount >= 0"));
                PolicyRecord.premium(target, i, csv.parseDouble(row, 5, 0.0, Double.MAX_VALUE, "a finite amount >= 0"));
                PolicyRecord.term(target, i, csv.parseLong(row, 6, 0, 0xFFFF_FFFFL, "a term in whole years >= 0"));
                PolicyRecord.productType(target, i, code(csv, row, 7, PRODUCTS, "Term|0, WholeLife|1, Endowment|2"));
                PolicyRecord.underwritingClass(target, i, code(csv, row, 8, CLASSES,
                        "Standard|0, Smoker|1, NonSmoker|2, Preferred|3, Substandard|4"));
            }
        }
        return i;
    }

    /** Number of data lines (non-blank lines after the header); the file is not validated. */
    static long countRecords(Path file) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long n = 0;
            boolean header = true;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    if (header) {
                        header = false;
                    } else {
                        n++;
                    }
                }
            }
            return n;
        } catch (IOException e) {
            // open() reports missing or unreadable files with the same wording as the parse errors
            CsvFile.open(file, "policies file").close();
            throw new InputFileException(file, 0, 0, null, "cannot read policies file " + file + ": " + e.getMessage(), e);
        }
    }

    private static long parseId(CsvFile csv, String[] row) {
        try {
            if (row[0].startsWith("-") || row[0].startsWith("+")) {
                throw new NumberFormatException();
            }
            return Long.parseUnsignedLong(row[0]);
        } catch (NumberFormatException e) {
            throw csv.error(1, row[0], "is not a policy id (an integer in 0..18446744073709551615)");
        }
    }

    private static int gender(CsvFile csv, String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "m", "male", "0" -> 0;
            case "f", "female", "1" -> 1;
            default -> throw csv.error(3, s, "is not a gender: expected M|Male|0 or F|Female|1");
        };
    }

    private static int code(CsvFile csv, String[] row, int column, List<String> names, String expected) {
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
