package io.livecalc.buffers.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.livecalc.api.DataFileException;
import io.livecalc.api.PolicyRecord;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad policy row is rejected with a message naming file, line, column and value. */
class PolicyCsvTest {

    private static final String HEADER = "policy_id,age,gender,sum_assured,premium,term,product_type,underwriting_class";

    @TempDir
    Path dir;

    private Path file(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    private DataFileException policyError(String row) throws IOException {
        Path f = file("p.csv", HEADER, "1,25,M,50000,200,20,Term,Standard", row);
        try (Arena arena = Arena.ofShared()) {
            return assertThrows(DataFileException.class, () -> PolicyCsv.read(f, arena));
        }
    }

    @Test
    void readsAFileWhoseLinesEndInACarriageReturnAlone() throws IOException {
        Path f = Files.writeString(dir.resolve("mac.csv"), HEADER + "\r1,25,M,50000,200,20,Term,Standard\r2,30,F,1000,10,10,Term,Standard\r"
                + "3,40,M,2000,20,5,Term,Standard");
        try (Arena arena = Arena.ofShared()) {
            MemorySegment p = PolicyCsv.read(f, arena);
            assertEquals(3 * PolicyRecord.SIZE, p.byteSize());
            assertEquals(40, PolicyRecord.age(p, 2));
        }
    }

    @Test
    void rejectsPolicyWithAgeAbove120() throws IOException {
        DataFileException e = policyError("2,121,F,1000,10,10,Term,Standard");
        assertEquals(dir.resolve("p.csv") + ": line 3, column 2 (age): \"121\" is not an age in 0..120", e.getMessage());
        assertEquals(dir.resolve("p.csv"), e.file());
        assertEquals(3, e.line());
        assertEquals(2, e.column());
        assertEquals("121", e.value());
    }

    @Test
    void rejectsUnknownGenderInsteadOfMappingItToFemale() throws IOException {
        assertEquals(dir.resolve("p.csv") + ": line 3, column 3 (gender): \"7\" is not a gender: expected M|Male|0 or F|Female|1",
                policyError("2,30,7,1000,10,10,Term,Standard").getMessage());
    }

    @Test
    void rejectsNegativeSumAssured() throws IOException {
        assertEquals(dir.resolve("p.csv") + ": line 3, column 4 (sum_assured): \"-5\" is out of range: expected a finite amount >= 0",
                policyError("2,30,F,-5,10,10,Term,Standard").getMessage());
    }

    @Test
    void rejectsNanPremium() throws IOException {
        assertEquals(dir.resolve("p.csv") + ": line 3, column 5 (premium): \"NaN\" is not a finite number",
                policyError("2,30,F,1000,NaN,10,Term,Standard").getMessage());
    }

    @Test
    void rejectsNumbersJavaWouldTakeButCsvToolsWouldNot() throws IOException {
        assertEquals(dir.resolve("p.csv") + ": line 3, column 5 (premium): \"1d\" is not a number",
                policyError("2,30,F,1000,1d,10,Term,Standard").getMessage());
        assertEquals(dir.resolve("p.csv") + ": line 3, column 4 (sum_assured): \"0x1p3\" is not a number",
                policyError("2,30,F,0x1p3,1,10,Term,Standard").getMessage());
    }

    @Test
    void rejectsShortRowInsteadOfSkippingIt() throws IOException {
        assertEquals(dir.resolve("p.csv") + ": line 3: \"2,30,F,1000\" short row: expected 8 columns, found 4",
                policyError("2,30,F,1000").getMessage());
    }

    @Test
    void rejectsRowWiderThanItsHeader() throws IOException {
        assertEquals(dir.resolve("p.csv") + ": line 3: \"2,30,F,1000,10,10,Term,Standard,x\" long row: expected 8 columns as in"
                + " the header, found 9", policyError("2,30,F,1000,10,10,Term,Standard,x").getMessage());
    }

    @Test
    void rejectsUnknownProductCode() throws IOException {
        assertEquals(dir.resolve("p.csv") + ": line 3, column 7 (product_type): \"Annuity\" is not a valid code: expected Term|0, WholeLife|1, Endowment|2",
                policyError("2,30,F,1000,10,10,Annuity,Standard").getMessage());
    }

    @Test
    void rejectsNegativeTerm() throws IOException {
        assertEquals(dir.resolve("p.csv") + ": line 3, column 6 (term): \"-1\" is not a term in whole years >= 0",
                policyError("2,30,F,1000,10,-1,Term,Standard").getMessage());
    }

    @Test
    void rejectsWrongPolicyHeader() throws IOException {
        Path f = file("p.csv", "id,age,sex", "1,2,M");
        DataFileException e = assertThrows(DataFileException.class, () -> PolicyCsv.read(f, Arena.global()));
        assertEquals(f + ": line 1: \"id,age,sex\" wrong header, expected " + HEADER + " (then optional extra columns)", e.getMessage());
    }

    @Test
    void rejectsMissingPoliciesFile() {
        Path f = dir.resolve("nope.csv");
        DataFileException e = assertThrows(DataFileException.class, () -> PolicyCsv.read(f, Arena.global()));
        assertEquals("policies file not found: " + f, e.getMessage());
    }

    @Test
    void rejectsFileThatIsNotUtf8() throws IOException {
        Path f = Files.write(dir.resolve("p.csv"), (HEADER + "\n1,25,M,5,2,20,Term,St\u00e4ndard\n").getBytes(StandardCharsets.ISO_8859_1));
        DataFileException e = assertThrows(DataFileException.class, () -> PolicyCsv.read(f, Arena.global()));
        assertEquals(f + ": policies file is not UTF-8 text (line 2)", e.getMessage());
    }

    @Test
    void readsTextAndNumericCodesAndKeepsExtraColumnsOut() throws IOException {
        Path f = file("p.csv", HEADER + ",region", "18446744073709551615,0,Female,1.5,2.5,99,2,Substandard,north");
        try (Arena arena = Arena.ofShared()) {
            MemorySegment s = PolicyCsv.read(f, arena);
            assertEquals(PolicyRecord.SIZE, s.byteSize());
            assertEquals(-1L, PolicyRecord.policyId(s, 0));
            assertEquals(1, PolicyRecord.gender(s, 0));
            assertEquals(99, PolicyRecord.term(s, 0));
            assertEquals(2, PolicyRecord.productType(s, 0));
            assertEquals(4, PolicyRecord.underwritingClass(s, 0));
        }
    }

    @Test
    void acceptsColumnsInAnyOrderAndAnyCase() throws IOException {
        Path f = file("p.csv", "Region,TERM,premium,sum_assured,underwriting_class,product_type,gender,age,policy_id",
                "north,20,200,50000,Standard,Term,M,25,7");
        try (Arena arena = Arena.ofShared()) {
            MemorySegment s = PolicyCsv.read(f, arena);
            assertEquals(List.of(7L, 25, 0, 50000.0, 200.0, 20L, 0, 0), List.of(PolicyRecord.policyId(s, 0), PolicyRecord.age(s, 0),
                    PolicyRecord.gender(s, 0), PolicyRecord.sumAssured(s, 0), PolicyRecord.premium(s, 0), PolicyRecord.term(s, 0),
                    PolicyRecord.productType(s, 0), PolicyRecord.underwritingClass(s, 0)));
        }
    }

    @Test
    void errorsNameTheColumnWhereverItIs() throws IOException {
        Path f = file("p.csv", "age,policy_id,gender,sum_assured,premium,term,product_type,underwriting_class", "121,1,M,1,1,1,0,0");
        DataFileException e = assertThrows(DataFileException.class, () -> PolicyCsv.read(f, Arena.global()));
        assertEquals(f + ": line 2, column 1 (age): \"121\" is not an age in 0..120", e.getMessage());
    }

    @Test
    void targetTooSmallStatesBytesNeededAndGiven() throws IOException {
        Path f = file("p.csv", HEADER, "1,25,M,50000,200,20,Term,Standard", "", "2,25,M,50000,200,20,Term,Standard");
        MemorySegment one = Arena.global().allocate(PolicyRecord.SIZE);
        DataFileException e = assertThrows(DataFileException.class, () -> PolicyCsv.read(f, one));
        assertEquals(f + ": line 4: policy buffer too small: needs at least 64 bytes, given 32", e.getMessage());
        MemorySegment two = Arena.global().allocate(2 * PolicyRecord.SIZE);
        assertEquals(2, PolicyCsv.read(f, two));
    }

    @Test
    void headerOnlyFileHasNoPolicies() throws IOException {
        assertEquals(0, PolicyCsv.read(file("p.csv", HEADER), Arena.global()).byteSize());
    }
}
