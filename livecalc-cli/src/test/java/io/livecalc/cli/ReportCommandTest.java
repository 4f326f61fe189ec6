package io.livecalc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livecalc.engines.ReferenceData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code livecalc run --report} and {@code livecalc report}: the HTML run report from the command line. */
class ReportCommandTest {

    @TempDir
    Path dir;

    private Path dag() throws IOException {
        Path file = dir.resolve("dag.json");
        Files.writeString(file, """
                {"data_sources": {"policies": {"path": "%s"}},
                 "engines": [{"id": "esg", "type": "esg", "config": {"model": "vasicek", "num_scenarios": 200, "projection_years": 30}},
                             {"id": "projection", "type": "projection", "inputs": ["policies", "esg.scenarios"],
                              "config": {"mortality_table": "%s", "lapse_table": "%s", "expenses": "%s"}}],
                 "output": {"type": "parquet", "path": "out/totals.parquet", "from": "projection.scenario_totals"}}
                """.formatted(ReferenceData.upstream("sample_policies.csv"), ReferenceData.upstream("sample_mortality.csv"),
                ReferenceData.upstream("sample_lapse.csv"), ReferenceData.upstream("sample_expenses.csv")));
        return file;
    }

    @Test
    void runWithReportWritesThePageAndPrintsItsPathBeforeTheLastLine() throws IOException {
        Path html = dir.resolve("reports/run.html");
        CliRun r = CliRun.of("run", dag().toString(), "--report", html.toString());
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals("report:  " + html, lines[lines.length - 2], r.out());
        assertTrue(lines[lines.length - 1].startsWith("done in "), r.out());
        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>"));
        assertEquals(15, page.split("<rect class=\"bin\"", -1).length - 1, "ceil(sqrt(200)) bars");
        try (var files = Files.list(html.getParent())) {
            assertEquals(1, files.count(), "only the report: its temporary file was renamed");
        }
    }

    @Test
    void reportOfAnEarlierRunIsThePageTheRunWrote() throws IOException {
        Path html = dir.resolve("run.html");
        assertEquals(0, CliRun.of("run", dag().toString(), "--report", html.toString()).exit());
        Path summary = dir.resolve("out/totals.summary.json");
        Path again = dir.resolve("again.html");
        CliRun r = CliRun.of("report", summary.toString(), "-o", again.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("report: " + again + "\n", r.out());
        assertEquals(Files.readString(html), Files.readString(again));
        CliRun beside = CliRun.of("report", summary.toString());
        assertEquals(0, beside.exit(), beside.err());
        assertEquals(Files.readString(html), Files.readString(dir.resolve("out/totals.html")), "default: beside the summary");
    }

    @Test
    void aMissingSummaryIsExit2NamingThePath() {
        Path missing = dir.resolve("missing.json");
        CliRun r = CliRun.of("report", missing.toString(), "-o", dir.resolve("x.html").toString());
        assertEquals(2, r.exit());
        assertEquals("livecalc report: file not found: " + missing + "\n", r.err());
        assertFalse(Files.exists(dir.resolve("x.html")));
    }

    @Test
    void aFileThatIsNotARunSummaryIsExit2NamingIt() throws IOException {
        Path other = Files.writeString(dir.resolve("policies.json"), "[1, 2, 3]");
        CliRun r = CliRun.of("report", other.toString(), "-o", dir.resolve("x.html").toString());
        assertEquals(2, r.exit());
        assertEquals("livecalc report: " + other + ": not a LiveCalc run summary: no \"engines\" list\n", r.err());
    }

    @Test
    void aDagFileGivenForItsSummaryIsExit2SayingSo() {
        // with data sources, and without (the BasicTerm examples read their model points in the engine)
        for (String name : new String[] {"dag_config_projection_only.json", "dag_config_basic_term.json"}) {
            Path dag = LauncherTest.ROOT.resolve("examples").resolve(name);
            CliRun r = CliRun.of("report", dag.toString(), "-o", dir.resolve("x.html").toString());
            assertEquals(2, r.exit(), name);
            assertEquals("livecalc report: " + dag + ": not a LiveCalc run summary (the *.summary.json a run writes beside its "
                    + "output): this is a DAG file\n", r.err());
            assertFalse(Files.exists(dir.resolve("x.html")));
        }
    }

    @Test
    void theHelpListsTheReport() {
        CliRun help = CliRun.of("--help");
        assertTrue(help.out().contains("report") && help.out().contains("HTML run report"), help.out());
        CliRun run = CliRun.of("run", "--help");
        assertTrue(run.out().contains("--report=FILE"), run.out());
    }

    @Test
    void onATerminalTheProgressLineIsRewrittenInPlace() {
        StringWriter err = new StringWriter();
        RunCommand.Progress p = new RunCommand.Progress(new PrintWriter(err), true);
        p.chunkCompleted("projection", 1, 3, 5.0);
        p.chunkCompleted("projection", 3, 3, 5.0);
        assertEquals("\rprojection     [##########                    ] 1/3 chunks\rprojection     [##############################] 3/3 chunks",
                err.toString());
    }
}
