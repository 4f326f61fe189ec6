package io.livecalc.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.livecalc.api.BufferType;
import io.livecalc.api.PolicyRecord;
import io.livecalc.api.ResultRecord;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Every way a file can be unusable has its own message, naming file and, for values, row and column. */
class BadInputTest {

    private static final String POLICY_COLUMNS_WITHOUT_AGE = """
            required int64 policy_id (INTEGER(64,false));
            required int32 gender (INTEGER(8,false));
            required double sum_assured;
            required double premium;
            required int32 term (INTEGER(32,false));
            required int32 product_type (INTEGER(8,false));
            required int32 underwriting_class (INTEGER(8,false));""";

    @TempDir
    Path dir;

    private static String message(Executable call) {
        return assertThrows(ParquetFormatException.class, call).getMessage();
    }

    /** Three policies; {@code ages[i]} null leaves row i's age out (null, or no column at all). */
    private Path policyFile(String name, String ageColumn, Object[] ages, long policyId, long term) throws IOException {
        return GroupFiles.write(dir.resolve(name), "message p { " + ageColumn + POLICY_COLUMNS_WITHOUT_AGE + " }", add -> {
            for (int i = 0; i < 3; i++) {
                int row = i;
                add.accept(g -> {
                    g.append("policy_id", row == 2 ? policyId : row + 1L);
                    switch (ages[row]) {
                        case Integer a -> g.append("age", a);
                        case String s -> g.append("age", s);
                        case null, default -> { }
                    }
                    g.append("gender", 1).append("sum_assured", 1e5).append("premium", 1e3)
                            .append("term", row == 2 ? (int) term : 20).append("product_type", 0).append("underwriting_class", 0);
                });
            }
        });
    }

    private static long readPolicies(Path file) {
        try (Arena arena = Arena.ofConfined()) {
            return ParquetFiles.readPolicies(file, arena.allocate(100 * PolicyRecord.SIZE));
        }
    }

    @Test
    void missingColumnIsNamedWithSchemaAndFile() throws IOException {
        Path file = policyFile("no-age.parquet", "", new Object[3], 3, 20);
        assertEquals("Missing required column 'age' in Policy schema (" + file + ")", message(() -> readPolicies(file)));
    }

    @Test
    void severalMissingColumnsAreAllNamed() throws IOException {
        Path file = GroupFiles.write(dir.resolve("ids.parquet"), "message s { required int32 scenario_id; }",
                add -> add.accept(g -> g.append("scenario_id", 1)));
        assertEquals("Missing required columns 'year', 'rate' in Scenario schema (" + file + ")",
                message(() -> ParquetFiles.readScenarios(file, MemorySegment.ofArray(new byte[64]))));
    }

    @Test
    void wrongColumnTypeNamesExpectedAndFoundTypes() throws IOException {
        Path file = policyFile("string-age.parquet", "required binary age (STRING);", new Object[] {"40", "41", "forty"}, 3, 20);
        assertEquals("Column 'age' in Policy schema (" + file + ") has type BINARY (STRING), expected an integer "
                + "(INT32 or INT64, signed or unsigned)", message(() -> readPolicies(file)));
    }

    @Test
    void doubleWhereAnIntegerBelongsIsAWrongType() throws IOException {
        Path file = GroupFiles.write(dir.resolve("s.parquet"),
                "message s { required double scenario_id; required int32 year; required double rate; }",
                add -> add.accept(g -> g.append("scenario_id", 1.0).append("year", 1).append("rate", 0.03)));
        assertEquals("Column 'scenario_id' in Scenario schema (" + file + ") has type DOUBLE, expected an integer "
                + "(INT32 or INT64, signed or unsigned)",
                message(() -> ParquetFiles.readScenarios(file, MemorySegment.ofArray(new byte[64]))));
    }

    @Test
    void ageAbove120IsRejectedWithRowAndColumn() throws IOException {
        Path file = policyFile("age300.parquet", "required int32 age;", new Object[] {40, 41, 300}, 3, 20);
        assertEquals(file + " row 3, column 'age': value 300 is out of range 0..120 for the Policy record",
                message(() -> readPolicies(file)));
    }

    @Test
    void negativeTermIsRejected() throws IOException {
        Path file = GroupFiles.write(dir.resolve("neg-term.parquet"), "message p { required int64 policy_id; required int32 age;"
                + POLICY_COLUMNS_WITHOUT_AGE.replace("required int64 policy_id (INTEGER(64,false));", "")
                        .replace("int32 term (INTEGER(32,false))", "int64 term") + " }",
                add -> add.accept(g -> g.append("policy_id", 1L).append("age", 30).append("gender", 0)
                        .append("sum_assured", 1.0).append("premium", 1.0).append("term", -5L)
                        .append("product_type", 0).append("underwriting_class", 0)));
        assertEquals(file + " row 1, column 'term': value -5 is out of range 0..4294967295 for the Policy record",
                message(() -> readPolicies(file)));
    }

    @Test
    void negativeSignedPolicyIdIsRejected() throws IOException {
        Path file = policyFile("neg-id.parquet", "required int32 age;", new Object[] {40, 41, 42}, -7, 20);
        // the file declares policy_id uint64, so -7 is 2^64-7 there: fits. Signed files are checked below.
        assertEquals(3, readPolicies(file));
        Path signed = GroupFiles.write(dir.resolve("signed-id.parquet"), "message p { required int64 policy_id; required int32 age;"
                + POLICY_COLUMNS_WITHOUT_AGE.replace("required int64 policy_id (INTEGER(64,false));", "") + " }",
                add -> add.accept(g -> g.append("policy_id", -7L).append("age", 30).append("gender", 0)
                        .append("sum_assured", 1.0).append("premium", 1.0).append("term", 10)
                        .append("product_type", 0).append("underwriting_class", 0)));
        assertEquals(signed + " row 1, column 'policy_id': value -7 is out of range 0..18446744073709551615 for the Policy record",
                message(() -> readPolicies(signed)));
    }

    @Test
    void resultPolicyIdAbove32BitsDoesNotFitAResultRecord() throws IOException {
        Path file = GroupFiles.write(dir.resolve("r.parquet"),
                "message r { required int32 scenario_id; required int64 policy_id (INTEGER(64,false)); required double npv; }",
                add -> add.accept(g -> g.append("scenario_id", 0).append("policy_id", 5_000_000_000L).append("npv", 1.5)));
        assertEquals(file + " row 1, column 'policy_id': value 5000000000 is out of range 0..4294967295 for the Result record",
                message(() -> ParquetFiles.read(file, io.livecalc.api.BufferType.RESULT,
                        MemorySegment.ofArray(new byte[(int) ResultRecord.SIZE]))));
    }

    @Test
    void nullInARequiredColumnIsAnError() throws IOException {
        Path file = policyFile("null-age.parquet", "optional int32 age;", new Object[] {40, 41, null}, 3, 20);
        assertEquals(file + " row 3, column 'age': null in a required column of the Policy schema",
                message(() -> readPolicies(file)));
    }

    @Test
    void fileWithoutRowsCannotFillABuffer() throws IOException {
        Path file = GroupFiles.write(dir.resolve("none.parquet"), "message s { required int32 scenario_id; required int32 year; required double rate; }",
                add -> { });
        assertEquals(0, ParquetFiles.rowCount(file));
        try (var m = new io.livecalc.buffers.BufferManager()) {
            assertEquals(file + " has no rows: there is nothing to fill a SCENARIO buffer with",
                    message(() -> ParquetFiles.readScenarios(file, m, "s")));
            assertEquals(false, m.contains("s"));
        }
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("nowhere.parquet");
        assertEquals("File not found: " + file, message(() -> readPolicies(file)));
        assertEquals("File not found: " + file, message(() -> ParquetFiles.rowCount(file)));
    }

    @Test
    void csvFileIsNotAParquetFile() {
        Path file = TestData.upstream("sample_policies.csv");
        assertEquals("Not a Parquet file: " + file + " (it does not start with the Parquet magic bytes PAR1)",
                message(() -> readPolicies(file)));
    }

    @Test
    void emptyFileIsNotAParquetFile() throws IOException {
        Path file = Files.createFile(dir.resolve("empty.parquet"));
        assertEquals("Not a Parquet file: " + file + " (it does not start with the Parquet magic bytes PAR1; the file is empty)",
                message(() -> readPolicies(file)));
    }

    @Test
    void truncatedFileSaysSo() throws IOException {
        Path file = dir.resolve("cut.parquet");
        try (Arena arena = Arena.ofConfined()) {
            ParquetFiles.write(file, BufferType.INPUT, TestData.policies(arena, 1000, 1), 1000, ParquetWriteOptions.defaults());
        }
        long half = Files.size(file) / 2;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(half);
        }
        assertEquals("Truncated Parquet file: " + file + " (" + half
                + " bytes; the footer is missing, so the file was not written completely)", message(() -> readPolicies(file)));
    }

    @Test
    void corruptFooterSaysSo() throws IOException {
        Path file = dir.resolve("garbage.parquet");
        byte[] bytes = new byte[64];
        System.arraycopy("PAR1".getBytes(), 0, bytes, 0, 4);
        System.arraycopy("PAR1".getBytes(), 0, bytes, 60, 4);
        bytes[56] = 20; // footer length 20 of garbage
        Files.write(file, bytes);
        String m = message(() -> readPolicies(file));
        assertEquals("Corrupt Parquet file: " + file + " (the footer cannot be read: ", m.substring(0, m.indexOf(": ", m.indexOf("(")) + 2));
    }
}
