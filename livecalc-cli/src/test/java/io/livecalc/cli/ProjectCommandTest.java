package io.livecalc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livecalc.engines.ReferenceData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code livecalc project} as a drop-in for the original CLI, checked against the C++ engine's results. */
class ProjectCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String[] sampleArgs(String... more) {
        String[] base = {"project",
            "--policies", ReferenceData.upstream("sample_policies.csv").toString(),
            "--mortality", ReferenceData.upstream("sample_mortality.csv").toString(),
            "--lapse", ReferenceData.upstream("sample_lapse.csv").toString(),
            "--expenses", ReferenceData.upstream("sample_expenses.csv").toString()};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private static void assertMatchesReference(JsonNode actual, String expectedFile) throws IOException {
        JsonNode expected = JSON.readTree(ReferenceData.expected(expectedFile).toFile());
        assertEquals(expected.get("scenario_count").asInt(), actual.get("scenario_count").asInt());
        for (String stat : new String[] {"mean_npv", "std_dev", "cte_95"}) {
            double e = expected.get("statistics").get(stat).asDouble();
            assertEquals(e, actual.get("statistics").get(stat).asDouble(), 5e-7 + 1e-9 * Math.abs(e), stat);
        }
        JsonNode ed = expected.get("distribution");
        JsonNode ad = actual.get("distribution");
        assertEquals(ed.size(), ad.size());
        for (int i = 0; i < ed.size(); i++) {
            assertEquals(ed.get(i).asDouble(), ad.get(i).asDouble(), 5e-7 + 1e-9 * Math.abs(ed.get(i).asDouble()), "scenario " + i);
        }
    }

    @Test
    void generatedGbmScenariosReproduceTheOriginalCliRun() throws IOException {
        CliRun r = CliRun.of(sampleArgs("--threads", "2"));
        assertEquals(0, r.exit(), r.err());
        assertMatchesReference(JSON.readTree(r.out()), "sample10_gbm1000.json");
    }

    @Test
    void multipliersReproduceTheStressRunAndOutputGoesToAFile(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("stress.json");
        CliRun r = CliRun.of(sampleArgs("--mortality-mult", "1.1", "--lapse-mult", "0.9", "--expense-mult", "1.2",
                "--output", out.toString()));
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.out());
        assertMatchesReference(JSON.readTree(out.toFile()), "sample10_gbm1000_stress.json");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left beside the output");
        }
    }

    @Test
    void aScenariosFileIsUsedInsteadOfTheGenerator() throws IOException {
        CliRun r = CliRun.of(sampleArgs("--scenarios-file", ReferenceData.upstream("sample_scenarios.csv").toString()));
        assertEquals(0, r.exit(), r.err());
        assertMatchesReference(JSON.readTree(r.out()), "sample10_samplescenarios3.json");
    }

    @Test
    void parquetPoliciesGiveTheSameNumbersAsCsv(@TempDir Path dir) throws IOException {
        Path parquet = dir.resolve("policies.parquet");
        CliRun c = CliRun.of("convert", ReferenceData.upstream("sample_policies.csv").toString(), parquet.toString());
        assertEquals(0, c.exit(), c.err());
        assertEquals("wrote 10 policies rows to " + parquet, c.out().strip());
        String[] args = sampleArgs();
        args[2] = parquet.toString();
        CliRun r = CliRun.of(args);
        assertEquals(0, r.exit(), r.err());
        assertMatchesReference(JSON.readTree(r.out()), "sample10_gbm1000.json");
    }

    @Test
    void badInputExitsWith2AndNamesTheProblemWithoutAStackTrace(@TempDir Path dir) throws IOException {
        Path policies = dir.resolve("bad.csv");
        Files.writeString(policies, "policy_id,age,gender,sum_assured,premium,term,product_type,underwriting_class\n"
                + "1,121,M,100000,500,20,Term,Standard\n");
        String[] args = sampleArgs();
        args[2] = policies.toString();
        CliRun r = CliRun.of(args);
        assertEquals(2, r.exit());
        // the progress report (on stderr, as the original's) ends its open line before the error
        assertTrue(r.err().contains("\nLoading policies from " + policies + "...\nlivecalc project: "), r.err());
        String error = r.err().lines().reduce((a, b) -> b).orElseThrow();
        assertEquals("livecalc project: " + policies + ": line 2, column 2 (age): \"121\" is not an age in 0..120", error);
        assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void missingFileAndZeroMultiplierAreBadInput() {
        String[] args = sampleArgs();
        args[4] = "/nonexistent/mortality.csv";
        CliRun missing = CliRun.of(args);
        assertEquals(2, missing.exit(), missing.err());
        assertTrue(missing.err().contains("/nonexistent/mortality.csv"), missing.err());
        CliRun zero = CliRun.of(sampleArgs("--mortality-mult", "0"));
        assertEquals(2, zero.exit(), zero.err());
        assertTrue(zero.err().contains("mortality_multiplier") && zero.err().contains("> 0"), zero.err());
    }

    @Test
    void missingRequiredOptionIsAUsageError() {
        CliRun r = CliRun.of("project", "--policies", "p.csv");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("Missing required options: '--mortality=FILE', '--lapse=FILE', '--expenses=FILE'"), r.err());
    }

    @Test
    void generatedPortfoliosAreReproducibleInCsvAndParquet(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        Path p = dir.resolve("p.parquet");
        assertEquals(0, CliRun.of("generate", "policies", "--count", "1000", "--seed", "7", "--output", a.toString()).exit());
        assertEquals(0, CliRun.of("generate", "policies", "--count", "1000", "--seed", "7", "--output", b.toString()).exit());
        assertEquals(0, CliRun.of("generate", "policies", "--count", "1000", "--seed", "7", "--output", p.toString()).exit());
        assertEquals(Files.readString(a), Files.readString(b));
        assertEquals(1001, Files.readAllLines(a).size());
        Path back = dir.resolve("back.csv");
        assertEquals(0, CliRun.of("convert", p.toString(), back.toString()).exit());
        assertEquals(Files.readAllLines(a), Files.readAllLines(back), "CSV and Parquet hold the same portfolio");
    }
}
