package io.livecalc.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.livecalc.api.DataFileException;
import io.livecalc.api.PolicyRecord;
import io.livecalc.api.ScenarioRecord;
import io.livecalc.buffers.BufferInfo;
import io.livecalc.buffers.BufferManager;
import io.livecalc.parquet.CsvParquetConverter.Kind;
import io.livecalc.parquet.CsvParquetConverter.Summary;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvParquetConverterTest {

    @TempDir
    Path dir;

    private final CsvParquetConverter converter = new CsvParquetConverter(ParquetWriteOptions.defaults(), 1000);

    @Test
    void policiesCsvToParquetToBufferToParquetIsBitForBit() throws IOException {
        Path csv = TestData.upstream("policies_10000.csv");
        Path first = dir.resolve("p1.parquet");
        Summary s = converter.convert(csv, first);
        assertEquals(new Summary(Kind.POLICIES, 10_000, first), s);

        try (BufferManager m = new BufferManager()) {
            BufferInfo policies = ParquetFiles.readPolicies(first, m, "policies");
            // every value equals an independent parse of the CSV text
            List<String> lines = Files.readAllLines(csv);
            for (int i = 0; i < 10_000; i++) {
                String[] f = lines.get(i + 1).split(",");
                MemorySegment p = policies.segment();
                assertEquals(Long.parseLong(f[0]), PolicyRecord.policyId(p, i));
                assertEquals(Integer.parseInt(f[1]), PolicyRecord.age(p, i));
                assertEquals(Integer.parseInt(f[2]), PolicyRecord.gender(p, i));
                assertEquals(Double.doubleToRawLongBits(Double.parseDouble(f[3])), Double.doubleToRawLongBits(PolicyRecord.sumAssured(p, i)));
                assertEquals(Double.doubleToRawLongBits(Double.parseDouble(f[4])), Double.doubleToRawLongBits(PolicyRecord.premium(p, i)));
                assertEquals(Long.parseLong(f[5]), PolicyRecord.term(p, i));
                assertEquals(Integer.parseInt(f[6]), PolicyRecord.productType(p, i));
                assertEquals(Integer.parseInt(f[7]), PolicyRecord.underwritingClass(p, i));
            }
            Path second = dir.resolve("p2.parquet");
            ParquetFiles.write(second, policies, ParquetWriteOptions.defaults());
            assertEquals(-1, Files.mismatch(first, second));
        }
    }

    @Test
    void scenariosCsvRoundTripsThroughParquetAndBackToTheSameParquet() throws IOException {
        Path first = dir.resolve("s1.parquet");
        assertEquals(new Summary(Kind.SCENARIOS, 150, first), converter.convert(TestData.upstream("sample_scenarios.csv"), first));
        try (BufferManager m = new BufferManager()) {
            BufferInfo scenarios = ParquetFiles.readScenarios(first, m, "scenarios");
            assertEquals(3, ScenarioRecord.scenarioId(scenarios.segment(), 149));
            assertEquals(50, ScenarioRecord.year(scenarios.segment(), 149));
            assertEquals(0.060, ScenarioRecord.rate(scenarios.segment(), 149));
            Path second = dir.resolve("s2.parquet");
            ParquetFiles.write(second, scenarios, ParquetWriteOptions.defaults());
            assertEquals(-1, Files.mismatch(first, second));
        }
        Path csv = dir.resolve("back.csv");
        assertEquals(new Summary(Kind.SCENARIOS, 150, csv), converter.convert(first, csv));
        assertEquals("scenario_id,year,rate", Files.readAllLines(csv).getFirst());
        assertEquals("1,1,0.03", Files.readAllLines(csv).get(1));
        Path third = dir.resolve("s3.parquet");
        converter.convert(csv, third);
        assertEquals(-1, Files.mismatch(first, third));
    }

    @Test
    void parquetToCsvToParquetKeepsEveryPolicyBit() throws IOException {
        Path first = dir.resolve("p1.parquet");
        converter.convert(TestData.upstream("policies_10000.csv"), first);
        Path csv = dir.resolve("p.csv");
        assertEquals(new Summary(Kind.POLICIES, 10_000, csv), converter.convert(first, csv));
        Path second = dir.resolve("p2.parquet");
        converter.convert(csv, second);
        assertEquals(-1, Files.mismatch(first, second));
    }

    @Test
    void textCodesOfTheSamplePoliciesBecomeNumericCodes() {
        Path out = dir.resolve("sample.parquet");
        converter.convert(TestData.upstream("sample_policies.csv"), out);
        try (BufferManager m = new BufferManager()) {
            MemorySegment p = ParquetFiles.readPolicies(out, m, "p").segment();
            // line 2: 1,25,M,50000,200,20,Term,Standard; line 3: 2,30,F,100000,450,25,Term,NonSmoker
            assertEquals(List.of(1L, 25, 0, 50000.0, 200.0, 20L, 0, 0), List.of(PolicyRecord.policyId(p, 0), PolicyRecord.age(p, 0),
                    PolicyRecord.gender(p, 0), PolicyRecord.sumAssured(p, 0), PolicyRecord.premium(p, 0), PolicyRecord.term(p, 0),
                    PolicyRecord.productType(p, 0), PolicyRecord.underwritingClass(p, 0)));
            assertEquals(1, PolicyRecord.gender(p, 1));
            assertEquals(2, PolicyRecord.underwritingClass(p, 1));
        }
    }

    @Test
    void wideGbmScenariosBecomeLongRecords() {
        Path out = dir.resolve("gbm.parquet");
        assertEquals(new Summary(Kind.SCENARIOS, 50_000, out), converter.convert(TestData.upstream("scenarios_gbm_seed42_n1000.csv"), out));
        try (BufferManager m = new BufferManager()) {
            MemorySegment s = ParquetFiles.readScenarios(out, m, "s").segment();
            assertEquals(0, ScenarioRecord.scenarioId(s, 0));
            assertEquals(1, ScenarioRecord.year(s, 0));
            assertEquals(0.040420689819053834, ScenarioRecord.rate(s, 0));
            assertEquals(999, ScenarioRecord.scenarioId(s, 49_999));
            assertEquals(50, ScenarioRecord.year(s, 49_999));
        }
    }

    @Test
    void forcedKindOverridesRecognitionAndNamesTheMissingColumn() throws IOException {
        Path csv = Files.writeString(dir.resolve("s.csv"), "scenario_id,year,rate\n1,1,0.03\n");
        var e = assertThrows(DataFileException.class, () -> converter.convert(csv, dir.resolve("x.parquet"), Kind.POLICIES));
        assertEquals(csv + ": line 1: \"scenario_id,year,rate\" wrong header, expected "
                + "policy_id,age,gender,sum_assured,premium,term,product_type,underwriting_class (then optional extra columns)", e.getMessage());
        assertEquals(false, Files.exists(dir.resolve("x.parquet")));
    }

    private String csvError(String content) throws IOException {
        Path csv = Files.writeString(dir.resolve("bad.csv"), content);
        Path out = dir.resolve("bad.parquet");
        String m = assertThrows(DataFileException.class, () -> converter.convert(csv, out)).getMessage();
        assertEquals(false, Files.exists(out));
        return m.replace(csv.toString(), "bad.csv");
    }

    private static final String POLICY_HEADER = "policy_id,age,gender,sum_assured,premium,term,product_type,underwriting_class\n";

    @Test
    void shortRowIsRejectedWithItsLine() throws IOException {
        assertEquals("bad.csv: line 3: \"2,30,M,1000,10\" short row: expected 8 columns, found 5",
                csvError(POLICY_HEADER + "1,30,M,1000,10,20,Term,Standard\n2,30,M,1000,10\n"));
    }

    @Test
    void unknownGenderIsRejectedInsteadOfBecomingFemale() throws IOException {
        assertEquals("bad.csv: line 2, column 3 (gender): \"X\" is not a gender: expected M|Male|0 or F|Female|1",
                csvError(POLICY_HEADER + "1,30,X,1000,10,20,Term,Standard\n"));
    }

    @Test
    void ageAbove120AndBadNumbersAreRejected() throws IOException {
        assertEquals("bad.csv: line 2, column 2 (age): \"300\" is not an age in 0..120",
                csvError(POLICY_HEADER + "1,300,M,1000,10,20,Term,Standard\n"));
        assertEquals("bad.csv: line 2, column 4 (sum_assured): \"NaN\" is not a finite number",
                csvError(POLICY_HEADER + "1,30,M,NaN,10,20,Term,Standard\n"));
        assertEquals("bad.csv: line 2, column 6 (term): \"-1\" is not a term in whole years >= 0",
                csvError(POLICY_HEADER + "1,30,M,1,10,-1,Term,Standard\n"));
        assertEquals("bad.csv: line 3, column 3 (rate): \"0.03x\" is not a number",
                csvError("scenario_id,year,rate\n1,1,0.03\n1,2,0.03x\n"));
    }

    @Test
    void unrecognisedHeaderAsksForTheKind() throws IOException {
        assertEquals("Cannot tell whether bad.csv holds policies or scenarios from its columns [a, b]; expected "
                + "policy_id,age,gender,sum_assured,premium,term,product_type,underwriting_class, or scenario_id,year,rate, "
                + "or scenario_index,year_1..year_N (or force the kind)", csvError("a,b\n1,2\n"));
    }

    @Test
    void directionComesFromTheExtensions() {
        var e = assertThrows(IllegalArgumentException.class, () -> converter.convert(dir.resolve("a.txt"), dir.resolve("b.parquet")));
        assertEquals("cannot convert " + dir.resolve("a.txt") + " to " + dir.resolve("b.parquet")
                + ": one file must end in .csv and the other in .parquet (or .pq)", e.getMessage());
    }

    @Test
    void parquetInputErrorsKeepTheirMessages() {
        Path missing = dir.resolve("none.parquet");
        assertEquals("File not found: " + missing,
                assertThrows(ParquetFormatException.class, () -> converter.convert(missing, dir.resolve("x.csv"))).getMessage());
    }
}
