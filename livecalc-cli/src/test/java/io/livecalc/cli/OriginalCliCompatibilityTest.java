package io.livecalc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.livecalc.am.server.ReferenceServer;
import io.livecalc.am.testing.AmFixtures;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The original C++ CLI's documented command lines ({@code livecalc-engine/README.md}) run through
 * {@code livecalc project}, with its sample inputs laid out as in its repository (test resources
 * {@code original-cli/}), compared field by field with the results the original engine wrote.
 */
class OriginalCliCompatibilityTest {

    // numbers as written (-2739.601880 keeps its zero), to compare them as text
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private static final Path ROOT = resource("original-cli");

    static Path resource(String name) {
        try {
            return Path.of(OriginalCliCompatibilityTest.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String in(String relative) {
        return ROOT.resolve(relative).toString();
    }

    /**
     * Every field of the original's output: statistics, percentiles, scenario count and all 1000 scenario NPVs,
     * each printed as the original prints it (fixed, 6 decimals, from the exact binary value) and compared as text.
     */
    static void assertSameAsOriginal(String expectedFile, Path actualFile) throws IOException {
        JsonNode expected = JSON.readTree(ROOT.resolve("expected").resolve(expectedFile).toFile());
        JsonNode actual = JSON.readTree(actualFile.toFile());
        List<String> fields = new ArrayList<>();
        expected.get("statistics").fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("mean_npv", "std_dev", "percentiles", "cte_95"), fields);
        for (String f : new String[] {"mean_npv", "std_dev", "cte_95"}) {
            assertEquals(text(expected.get("statistics").get(f)), sixDecimals(actual.get("statistics").get(f)), f);
        }
        for (String p : new String[] {"p50", "p75", "p90", "p95", "p99"}) {
            assertEquals(text(expected.get("statistics").get("percentiles").get(p)),
                    sixDecimals(actual.get("statistics").get("percentiles").get(p)), p);
        }
        assertEquals(expected.get("scenario_count").intValue(), actual.get("scenario_count").intValue());
        assertTrue(actual.get("execution_time_ms").isNumber() && actual.get("execution_time_ms").doubleValue() >= 0);
        JsonNode e = expected.get("distribution");
        JsonNode a = actual.get("distribution");
        assertEquals(1000, e.size());
        assertEquals(e.size(), a.size());
        for (int i = 0; i < e.size(); i++) {
            assertEquals(text(e.get(i)), sixDecimals(a.get(i)), "distribution[" + i + "]");
        }
    }

    private static String text(JsonNode n) {
        return n.decimalValue().toPlainString();
    }

    private static String sixDecimals(JsonNode n) {
        return new BigDecimal(n.doubleValue()).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String[] args(String... a) {
        return a;
    }

    /** README, "Basic Example": the four files, 1000 scenarios, seed 42, --output. */
    @Test
    void basicExampleWritesTheOriginalsResultsAndItsReportToStderr(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("results.json");
        CliRun r = CliRun.of(args("project", "--policies", in("data/sample_policies.csv"), "--mortality", in("data/sample_mortality.csv"),
                "--lapse", in("data/sample_lapse.csv"), "--expenses", in("data/sample_expenses.csv"),
                "--scenarios", "1000", "--seed", "42", "--output", out.toString()));
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.out(), "stdout is for the JSON only, and the JSON went to --output");
        assertSameAsOriginal("sample10_gbm1000.json", out);
        List<String> lines = r.err().lines().toList();
        assertEquals(List.of(
                "Configuration:",
                "  Policies:    " + in("data/sample_policies.csv"),
                "  Mortality:   " + in("data/sample_mortality.csv"),
                "  Lapse:       " + in("data/sample_lapse.csv"),
                "  Expenses:    " + in("data/sample_expenses.csv"),
                "  Scenarios:   1000",
                "  Seed:        42",
                "",
                "Loading policies from " + in("data/sample_policies.csv") + "... loaded 10 policies from CSV",
                "Loading mortality table from " + in("data/sample_mortality.csv") + "... done",
                "Loading lapse table from " + in("data/sample_lapse.csv") + "... done",
                "Loading expense assumptions from " + in("data/sample_expenses.csv") + "... done",
                "Generating 1000 scenarios... done",
                "Running valuation (10 policies \u00d7 1000 scenarios = 10000 projections)...",
                "",
                "Results:",
                // the original's numbers as a C++ stream prints them (6 significant digits)
                "  Mean NPV:  -2542.77",
                "  Std Dev:   131.205",
                "  P50:       -2543.32",
                "  P75:       -2453.11",
                "  P90:       -2380.69",
                "  P95:       -2327.76",
                "  P99:       -2232.82",
                "  CTE_95:    -2810.4"), lines.subList(1, 25));
        assertTrue(lines.get(25).matches("  Execution: [0-9.e+]+ ms"), lines.get(25));
        assertEquals(List.of("", "Output written to: " + out), lines.subList(26, lines.size()));
    }

    /** README, "Stress Test with Higher Mortality" and the stress reference: multipliers from the command line. */
    @Test
    void stressMultipliersOnTheCommandLineReproduceTheStressRun(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("stressed_results.json");
        CliRun r = CliRun.of(args("project", "--policies", in("data/sample_policies.csv"), "--mortality", in("data/sample_mortality.csv"),
                "--lapse", in("data/sample_lapse.csv"), "--expenses", in("data/sample_expenses.csv"),
                "--scenarios", "1000", "--seed", "42", "--mortality-mult", "1.1", "--lapse-mult", "0.9", "--expense-mult", "1.2",
                "--output", out.toString()));
        assertEquals(0, r.exit(), r.err());
        assertSameAsOriginal("sample10_gbm1000_stress.json", out);
        assertTrue(r.err().contains("\n  Multipliers: mortality=1.1 lapse=0.9 expense=1.2\n"), r.err());
        assertTrue(r.err().contains("\n  Mean NPV:  -8611.6\n"), r.err());
    }

    /** README, "Usage with config file": tables and multipliers from the original's assumptions JSON. */
    @Test
    void assumptionsConfigGivesTablesMultipliersAndScenarioSettings(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("results.json");
        CliRun r = CliRun.of(args("project", "--policies", in("data/sample_policies.csv"),
                "--assumptions-config", in("examples/assumptions_stress.json"), "--output", out.toString()));
        assertEquals(0, r.exit(), r.err());
        assertSameAsOriginal("sample10_gbm1000_stress.json", out);
        assertTrue(r.err().contains("\n  Mortality:   " + in("data/sample_mortality.csv") + "\n"), "local://../data resolves beside the config");
        assertTrue(r.err().contains("\nLoading assumptions config: " + in("examples/assumptions_stress.json") + "\n"), r.err());
    }

    @Test
    void commandLineMultipliersWinOverTheConfigs(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("assumptions.json");
        Files.writeString(config, Files.readString(ROOT.resolve("examples/assumptions_stress.json"))
                .replace("local://../data/", "local://" + ROOT.resolve("data") + "/").replace("\"../data/", "\"" + ROOT.resolve("data") + "/")
                .replace("1.1}", "3.0}"));
        Path out = dir.resolve("results.json");
        CliRun r = CliRun.of(args("project", "--policies", in("data/sample_policies.csv"), "--assumptions-config", config.toString(),
                "--mortality-mult", "1.1", "--output", out.toString()));
        assertEquals(0, r.exit(), r.err());
        assertSameAsOriginal("sample10_gbm1000_stress.json", out);
    }

    /** The original's own example config (GBM 0.05 / 0.01 / cap 0.15) equals the same settings given as options. */
    @Test
    void theOriginalsExampleConfigMeansWhatItsOptionsMean(@TempDir Path dir) throws IOException {
        Path viaConfig = dir.resolve("config.json");
        Path viaOptions = dir.resolve("options.json");
        CliRun c = CliRun.of(args("project", "--policies", in("data/sample_policies.csv"),
                "--assumptions-config", in("examples/assumptions.json"), "--output", viaConfig.toString(), "--quiet"));
        assertEquals(0, c.exit(), c.err());
        assertEquals("", c.err(), "--quiet: nothing on stderr");
        CliRun o = CliRun.of(args("project", "--policies", in("data/sample_policies.csv"), "--mortality", in("data/sample_mortality.csv"),
                "--lapse", in("data/sample_lapse.csv"), "--expenses", in("data/sample_expenses.csv"),
                "--initial-rate", "0.05", "--volatility", "0.01", "--max-rate", "0.15", "--output", viaOptions.toString(), "-q"));
        assertEquals(0, o.exit(), o.err());
        JsonNode a = JSON.readTree(viaConfig.toFile());
        JsonNode b = JSON.readTree(viaOptions.toFile());
        assertEquals(b.get("distribution"), a.get("distribution"));
        assertEquals(b.get("statistics"), a.get("statistics"));
        assertFalse(a.get("distribution").equals(JSON.readTree(ROOT.resolve("expected/sample10_gbm1000.json").toFile()).get("distribution")),
                "the config's scenario block is applied (not the defaults)");
    }

    /**
     * What the original's config could only name ("assumptions:// not yet supported"): tables from an Assumptions
     * Manager, credentials from `livecalc login`, cached where --cache-dir says rather than in the login's cache.
     */
    @Test
    void assumptionsReferencesComeFromTheManagerAndCacheInCacheDir(@TempDir Path dir) throws Exception {
        String home = System.getProperty("user.home");
        java.io.InputStream stdin = System.in;
        System.setProperty("user.home", dir.resolve("home").toString());
        Path tables = dir.resolve("tables");
        AmFixtures.addVersion(tables, "mortality-standard", "v1", ROOT.resolve("data/sample_mortality.csv"));
        AmFixtures.addVersion(tables, "lapse-standard", "v1", ROOT.resolve("data/sample_lapse.csv"));
        AmFixtures.addVersion(tables, "expenses-standard", "v1", ROOT.resolve("data/sample_expenses.csv"));
        try (ReferenceServer server = AmFixtures.server(tables)) {
            System.setIn(new java.io.ByteArrayInputStream((AmFixtures.USER + "\n" + AmFixtures.PASSWORD + "\n").getBytes(StandardCharsets.UTF_8)));
            CliRun login = CliRun.of("login", "--url", server.url().toString(), "--cache-dir", dir.resolve("login-cache").toString());
            assertEquals(0, login.exit(), login.err());
            Path config = dir.resolve("assumptions.json");
            Files.writeString(config, """
                    {"mortality": {"source": "assumptions://mortality-standard:v1", "multiplier": 1.1},
                     "lapse": {"source": "assumptions://lapse-standard:v1", "multiplier": 0.9},
                     "expenses": {"source": "assumptions://expenses-standard:v1", "multiplier": 1.2}}
                    """);
            Path cache = dir.resolve("cache");
            Path out = dir.resolve("results.json");
            CliRun r = CliRun.of(args("project", "--policies", in("data/sample_policies.csv"), "--assumptions-config", config.toString(),
                    "--cache-dir", cache.toString(), "--output", out.toString()));
            assertEquals(0, r.exit(), r.err());
            assertSameAsOriginal("sample10_gbm1000_stress.json", out);
            assertTrue(r.err().contains("\nLoading mortality table from assumptions://mortality-standard:v1... done\n"), r.err());
            try (var cached = Files.walk(cache.resolve("am"))) {
                // one entry per table version: am/<service>/<table>/<version>.table
                assertEquals(List.of("expenses-standard/v1", "lapse-standard/v1", "mortality-standard/v1"),
                        cached.filter(f -> f.getFileName().toString().endsWith(".table"))
                                .map(f -> f.getParent().getFileName() + "/" + f.getFileName().toString().replace(".table", ""))
                                .sorted().toList());
            }
            assertFalse(Files.exists(dir.resolve("login-cache")), "--cache-dir replaces the login's cache folder");
        } finally {
            System.setProperty("user.home", home);
            System.setIn(stdin);
        }
    }

    @Test
    void udfsAreRefusedWithOneLineAndExit2() {
        CliRun r = CliRun.of(args("project", "--policies", in("data/sample_policies.csv"),
                "--assumptions-config", in("examples/assumptions.json"), "--udfs", "scripts/smoker_adjustment.py",
                "--cache-dir", "/tmp/livecalc-cache-unused", "--output", "results.json"));
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        assertEquals(List.of("livecalc project: --udfs scripts/smoker_adjustment.py: Python UDF scripts are not run by livecalc "
                + "project (the original CLI loaded them but never applied them to a valuation, so its numbers are those without "
                + "UDFs); leave the UDFs out, or use --dynamic-lapse or a Java ScenarioAdjustment"), r.err().lines().toList());
    }

    @Test
    void aConfigThatEnablesUdfsIsRefusedNamingTheFile(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("assumptions.json");
        Files.writeString(config, "{\"udf\": {\"enabled\": true, \"script\": \"adjust.py\"}}");
        CliRun r = CliRun.of(args("project", "--policies", in("data/sample_policies.csv"), "--assumptions-config", config.toString()));
        assertEquals(2, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("livecalc project: " + config + ": \"udf\" is enabled (script " + dir.resolve("adjust.py") + ")"),
                r.err());
    }

    @Test
    void aBadConfigValueNamesFileLineAndKey(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("assumptions.json");
        Files.writeString(config, "{\n  \"mortality\": {\n    \"source\": \"m.csv\",\n    \"multiplier\": \"high\"\n  }\n}\n");
        CliRun r = CliRun.of(args("project", "--policies", in("data/sample_policies.csv"), "--assumptions-config", config.toString()));
        assertEquals(2, r.exit());
        assertEquals("livecalc project: " + config + ": line 4, column 19: \"/mortality/multiplier\" must be a number, got \"high\"",
                r.err().strip());
    }

    @Test
    void invalidJsonNamesTheLine(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("assumptions.json");
        Files.writeString(config, "{\n  \"mortality\": {\"source\": \"m.csv\",}\n}\n");
        CliRun r = CliRun.of(args("project", "--policies", in("data/sample_policies.csv"), "--assumptions-config", config.toString()));
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("livecalc project: " + config + ": line 2, column "), r.err());
        assertTrue(r.err().contains("invalid JSON"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void unknownConfigKeysAreWarnedAboutNotFatal(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("assumptions.json");
        Files.writeString(config, Files.readString(ROOT.resolve("examples/assumptions_stress.json"))
                .replace("local://../data/", "local://" + ROOT.resolve("data") + "/").replace("\"../data/", "\"" + ROOT.resolve("data") + "/")
                .replace("\"multiplier\": 1.1", "\"multiplier\": 1.1, \"mulitplier\": 2"));
        Path out = dir.resolve("results.json");
        CliRun r = CliRun.of(args("project", "--policies", in("data/sample_policies.csv"), "--assumptions-config", config.toString(),
                "--output", out.toString(), "-q"));
        assertEquals(0, r.exit(), r.err());
        assertSameAsOriginal("sample10_gbm1000_stress.json", out);
        int column = Files.readAllLines(config).get(1).indexOf("\"mulitplier\"") + 1;   // where the key starts
        assertEquals(List.of("livecalc project: warning: " + config + ": line 2, column " + column + ": \"/mortality/mulitplier\": unknown key "
                + "'mulitplier' ignored (the original CLI ignored it too); known here: [multiplier, notes, source]"), r.err().lines().toList());
    }

    @Test
    void aMissingTableIsNamedWithTheConfig(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("assumptions.json");
        Files.writeString(config, "{\"mortality\": {\"source\": \"" + in("data/sample_mortality.csv") + "\"}}");
        CliRun r = CliRun.of(args("project", "--policies", in("data/sample_policies.csv"), "--assumptions-config", config.toString(),
                "--expenses", in("data/sample_expenses.csv")));
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("livecalc project: " + config + " names no lapse table (\"lapse\": {\"source\": ...}) and --lapse was not given"),
                r.err());
    }

    @Test
    void withoutOutputTheJsonIsAloneOnStdout() throws IOException {
        CliRun r = CliRun.of(args("project", "--policies", in("data/sample_policies.csv"), "--mortality", in("data/sample_mortality.csv"),
                "--lapse", in("data/sample_lapse.csv"), "--expenses", in("data/sample_expenses.csv")));
        assertEquals(0, r.exit(), r.err());
        JsonNode json = JSON.readTree(r.out());
        assertEquals(1000, json.get("scenario_count").intValue());
        assertTrue(r.err().contains("\n  Mean NPV:  -2542.77\n"), r.err());
        assertFalse(r.err().contains("Output written to"), r.err());
    }

    @Test
    void seedsAboveTheLongRangeAreTheOriginalsUnsignedSeeds(@TempDir Path dir) throws IOException {
        String[] base = {"project", "--policies", in("data/sample_policies.csv"), "--mortality", in("data/sample_mortality.csv"),
            "--lapse", in("data/sample_lapse.csv"), "--expenses", in("data/sample_expenses.csv"), "--scenarios", "5"};
        CliRun unsigned = CliRun.of(concat(base, "--seed", "18446744073709551615"));
        CliRun signed = CliRun.of(concat(base, "--seed", "-1", "-q"));
        assertEquals(0, unsigned.exit(), unsigned.err());
        assertEquals(0, signed.exit(), signed.err());
        assertTrue(unsigned.err().contains("\n  Seed:        18446744073709551615\n"), unsigned.err());
        assertEquals(JSON.readTree(unsigned.out()).get("distribution"), JSON.readTree(signed.out()).get("distribution"),
                "2^64-1 and -1 are the same 64 bits, as std::stoull made them");
        Path config = dir.resolve("assumptions.json");
        Files.writeString(config, "{\"scenarios\": {\"seed\": 18446744073709551615}}");
        CliRun fromConfig = CliRun.of(concat(base, "--assumptions-config", config.toString(), "-q"));
        assertEquals(0, fromConfig.exit(), fromConfig.err());
        assertEquals(JSON.readTree(signed.out()).get("distribution"), JSON.readTree(fromConfig.out()).get("distribution"));
        CliRun bad = CliRun.of(concat(base, "--seed", "18446744073709551616"));
        assertEquals(2, bad.exit());
        assertTrue(bad.err().strip().startsWith("Invalid value for option '--seed': cannot convert '18446744073709551616' to long"),
                bad.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void numbersPrintAsACppStreamPrintsThem() {
        assertEquals("-2542.77", OriginalCliProgress.cpp(-2542.768586));
        assertEquals("-2.56497e+07", OriginalCliProgress.cpp(-25649664.165098));
        assertEquals("1e+06", OriginalCliProgress.cpp(999999.5));
        assertEquals("123456", OriginalCliProgress.cpp(123456.5), "ties of the exact value round to even, as glibc");
        assertEquals("0.0001", OriginalCliProgress.cpp(0.0001));
        assertEquals("1.234e-05", OriginalCliProgress.cpp(0.00001234));
        assertEquals("1.1", OriginalCliProgress.cpp(1.1));
        assertEquals("1", OriginalCliProgress.cpp(1.0));
        assertEquals("0", OriginalCliProgress.cpp(0.0));
        assertEquals("2.74", OriginalCliProgress.cpp(2.74));
    }
}
