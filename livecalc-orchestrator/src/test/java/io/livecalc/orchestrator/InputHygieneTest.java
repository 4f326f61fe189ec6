package io.livecalc.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livecalc.api.DataFileException;
import io.livecalc.parquet.CsvParquetConverter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Empty and duplicated portfolios are refused, and a killed run's temporary output is swept by the next run. */
class InputHygieneTest {

    @TempDir
    Path dir;

    private static String resource(String name) throws IOException {
        try (InputStream in = InputHygieneTest.class.getResourceAsStream("/original/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The original projection-only DAG reading {@code policiesCsv} (as CSV, or converted to the Parquet it names). */
    private Path projectionOnly(String policiesCsv, boolean parquet) throws IOException {
        Files.createDirectories(dir.resolve("data"));
        for (String table : List.of("sample_mortality.csv", "sample_lapse.csv", "sample_expenses.csv")) {
            Files.writeString(dir.resolve("data").resolve(table), resource("data/" + table));
        }
        Files.writeString(dir.resolve("data/policies.csv"), policiesCsv);
        String text = resource("dag_config_projection_only.json");
        if (parquet) {
            new CsvParquetConverter().convert(dir.resolve("data/policies.csv"), dir.resolve("data/sample_policies.parquet"),
                    CsvParquetConverter.Kind.POLICIES);
        } else {
            text = text.replace("\"type\": \"parquet\",\n      \"path\": \"data/sample_policies.parquet\"",
                    "\"type\": \"csv\",\n      \"path\": \"data/policies.csv\"");
        }
        Path dag = dir.resolve("dag.json");
        Files.writeString(dag, text);
        return dag;
    }

    private static final String HEADER = "policy_id,age,gender,sum_assured,premium,term,product_type,underwriting_class\n";

    @Test
    void aHeaderOnlyPortfolioIsRefusedByValidationNamingTheFile() throws IOException {
        for (boolean parquet : List.of(false, true)) {
            Path dag = projectionOnly(HEADER, parquet);
            Path file = dir.resolve(parquet ? "data/sample_policies.parquet" : "data/policies.csv");
            DagValidationException e = assertThrows(DagValidationException.class, () -> Pipeline.fromJson(dag));
            assertEquals(List.of(new DagProblem("/data_sources/policies (line 23, column 17)", "data source 'policies': " + file
                    + " has no data rows (a header only?): there is nothing to value")), e.problems());
        }
    }

    @Test
    void duplicatePolicyIdsAreRefusedNamingBothLinesBeforeAnyEngineRuns() throws IOException {
        String csv = HEADER + "1,25,M,50000,200,20,Term,Standard\n2,30,F,100000,450,25,Term,NonSmoker\n\n"
                + "3,35,M,75000,300,15,Term,Standard\n2,40,F,60000,250,10,Term,Standard\n";
        Path dag = projectionOnly(csv, false);
        Pipeline pipeline = Pipeline.fromJson(dag);
        DataFileException e = assertThrows(DataFileException.class, pipeline::run);
        assertEquals("data source 'policies': " + dir.resolve("data/policies.csv") + ": policy_id 2 appears twice, at lines 3 and 6;"
                + " each policy would be valued twice. Give every policy its own id", e.getMessage());
        assertFalse(Files.exists(dir.resolve("output")), "nothing written");

        Pipeline fromParquet = Pipeline.fromJson(projectionOnly(csv, true));
        assertEquals("data source 'policies': " + dir.resolve("data/sample_policies.parquet") + ": policy_id 2 appears twice, at rows 2"
                + " and 4; each policy would be valued twice. Give every policy its own id",
                assertThrows(DataFileException.class, fromParquet::run).getMessage());
    }

    @Test
    void anOutputThatCannotBeWrittenIsAValidationProblem() throws IOException {
        Path dag = projectionOnly(HEADER + "1,25,M,50000,200,20,Term,Standard\n", false);
        Files.writeString(dir.resolve("output"), "a file where the output folder should be");
        DagValidationException e = assertThrows(DagValidationException.class, () -> Pipeline.fromJson(dag));
        assertEquals(List.of(new DagProblem("/output (line 28, column 13)", "output " + dir.resolve("output/projection_results.parquet")
                + " cannot be written: " + dir.resolve("output") + " is a file, not a folder")), e.problems());
    }

    @Test
    void aRunSweepsTheTemporaryOutputAKilledRunLeftButNotAFreshOne() throws IOException {
        Path dag = projectionOnly(HEADER + "1,25,M,50000,200,20,Term,Standard\n", false);
        Path out = Files.createDirectories(dir.resolve("output"));
        Path killed = out.resolve(".projection_results.parquet.4242.tmp");
        Path killedSummary = out.resolve(".projection_results.summary.json.4243.tmp");
        Path fresh = out.resolve(".projection_results.parquet.4244.tmp");
        for (Path p : List.of(killed, killedSummary, fresh)) {
            Files.writeString(p, "PAR1 half written");
        }
        Instant old = Instant.now().minus(Duration.ofMinutes(3));
        Files.setLastModifiedTime(killed, FileTime.from(old));
        Files.setLastModifiedTime(killedSummary, FileTime.from(old));

        assertTrue(Pipeline.fromJson(dag).run().success());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of(".projection_results.parquet.4244.tmp", "projection_results.parquet", "projection_results.summary.json"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
