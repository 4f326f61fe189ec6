package io.livecalc.orchestrator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livecalc.api.ValuationResult;
import io.livecalc.engines.ReferenceData;
import io.livecalc.orchestrator.PipelineResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML run report of a real nested ESG -> projection -> solver run, checked against its run summary. */
class RunReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static PipelineResult run;
    private static JsonNode summary;
    private static String html;

    @BeforeAll
    static void runThePipelineOnce() throws IOException {
        run = ReportPipelines.nestedWithSolver(dir, 3, 100);
        assertTrue(run.success(), run.engines().toString());
        summary = JSON.readTree(run.summary().orElseThrow().toFile());
        html = Files.readString(run.writeReport(dir.resolve("run.html")));
    }

    private static int count(String needle) {
        int n = 0;
        for (int i = html.indexOf(needle); i >= 0; i = html.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    /** {@code data-key} and {@code data-value} of every element carrying them, with the text of the {@code num} spans. */
    private record Shown(String key, String value, String text) {
    }

    private static List<Shown> shown() {
        List<Shown> out = new ArrayList<>();
        Matcher m = Pattern.compile("data-key=\"([^\"]*)\" data-value=\"([^\"]*)\"(>([^<]*)</span>)?").matcher(html);
        while (m.find()) {
            out.add(new Shown(m.group(1), m.group(2), m.group(4)));
        }
        return out;
    }

    @Test
    void theReportFromCodeIsTheReportOfTheSummaryFileByteForByte() throws IOException {
        Path other = RunReport.fromSummaryFile(run.summary().orElseThrow(), dir.resolve("again/other.html"));
        assertEquals(html, Files.readString(other));
        assertEquals(Files.readString(run.summary().orElseThrow()), run.summaryJson());
    }

    @Test
    void everyNumberShownIsTheSummarysNumberAtItsKeyRoundedAsShown() {
        List<Shown> all = shown();
        assertTrue(all.size() > 300, "numbers with their origin: " + all.size());
        for (Shown s : all) {
            JsonNode n = summary.at(s.key());
            assertTrue(n.isNumber(), s.key() + " is a number in the summary");
            assertEquals(n.asText(), s.value(), s.key());
            if (s.text() != null) {
                String t = s.text().replace(",", "");
                double shown = t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1)) / 100 : Double.parseDouble(t);
                int decimals = Math.max(0, new BigDecimal(t.endsWith("%") ? t.substring(0, t.length() - 1) : t).scale()) + (t.endsWith("%") ? 2 : 0);
                double tolerance = 0.5 * Math.pow(10, -decimals) * (1 + 1e-9) + Math.abs(n.asDouble()) * 1e-15;
                assertEquals(n.asDouble(), shown, tolerance, s.key() + " shown as " + s.text());
            }
        }
    }

    @Test
    void theStatisticsTableShowsTheValuationsNumbers() {
        ValuationResult v = run.valuation().orElseThrow();
        assertTrue(html.contains("data-key=\"/statistics/mean_npv\" data-value=\"" + v.mean() + "\">"
                + String.format(Locale.ROOT, "%,.2f", v.mean()) + "</span>"), "mean NPV");
        assertTrue(html.contains("data-key=\"/statistics/cte_95\" data-value=\"" + v.cte95() + "\">"
                + String.format(Locale.ROOT, "%,.2f", v.cte95()) + "</span>"), "CTE95");
        assertTrue(html.contains("data-key=\"/statistics/scenario_count\" data-value=\"300\">300</span>"), "scenarios");
    }

    @Test
    void theHistogramHasOneBarPerBinHoldingTheSummarysCounts() {
        JsonNode counts = summary.at("/statistics/histogram/counts");
        assertEquals(18, counts.size(), "ceil(sqrt(300)) bins");
        assertEquals(18, count("<rect class=\"bin\""));
        long total = 0;
        for (int i = 0; i < counts.size(); i++) {
            assertTrue(html.contains("<rect class=\"bin\" data-key=\"/statistics/histogram/counts/" + i + "\" data-value=\""
                    + counts.get(i).asLong() + "\""), "bin " + i);
            total += counts.get(i).asLong();
        }
        assertEquals(300, total, "every scenario in one bin");
    }

    @Test
    void theMeanPercentilesAndCte95AreMarkedOnTheHistogramInOrder() {
        Matcher m = Pattern.compile("<g class=\"marker marker-\\d\" data-name=\"([^\"]+)\" data-key=\"([^\"]+)\" data-value=\"([^\"]+)\"")
                .matcher(html);
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
            assertEquals(summary.at(m.group(2)).asText(), m.group(3), m.group(1));
        }
        assertEquals(List.of("mean", "P50", "P75", "P90", "P95", "P99", "CTE95"), names);
    }

    @Test
    void theTimelineHasOneRowPerEngineAndOneBarPerChunkCall() {
        assertEquals(3, count("<g class=\"gantt-row"));
        for (String id : List.of("esg", "projection", "solver")) {
            assertTrue(html.contains("<g class=\"gantt-row status-succeeded\" data-engine=\"" + id + "\">"), id);
        }
        assertEquals(3, count("<rect class=\"chunk ok\""), "one chunk each, no retries");
        assertTrue(html.contains("data-key=\"/buffers/peak_bytes\" data-value=\"" + run.peakBufferBytes() + "\""));
        assertTrue(html.contains("data-key=\"/buffers/by_name/esg.scenarios\" data-value=\"" + run.buffers().get("esg.scenarios") + "\""),
                "buffers named with dots are found by their JSON Pointer");
    }

    @Test
    void theSolverShowsObjectiveAndParameterPerEvaluationAndThatItConverged() {
        JsonNode report = summary.at("/engines/2/report");
        int evaluations = report.get("history").size();
        assertEquals(report.get("evaluations").asInt(), evaluations);
        assertTrue(report.get("converged").asBoolean(), report.toString());
        assertEquals(evaluations, count("<circle class=\"objective-point\""));
        assertEquals(evaluations, count("<circle class=\"parameter-point\""), "one parameter: premium_rate");
        assertTrue(html.contains("<h3>solver <span class=\"badge ok\">converged</span></h3>"));
        assertTrue(html.contains("data-key=\"/engines/2/report/parameters/premium_rate\" data-value=\""
                + report.at("/parameters/premium_rate").asText() + "\""));
    }

    @Test
    void theScenarioFanHasTwoBandsAndAMedianOverEveryYear() {
        JsonNode fan = summary.at("/engines/0/scenario_fan");
        assertEquals(300, fan.get("scenarios").asInt());
        assertEquals(50, fan.get("years").size());
        assertEquals("[5,25,50,75,95]", fan.get("percentiles").toString());
        assertEquals(1, count("<polygon class=\"band band-0\" data-from=\"P5\" data-to=\"P95\""));
        assertEquals(1, count("<polygon class=\"band band-1\" data-from=\"P25\" data-to=\"P75\""));
        Matcher m = Pattern.compile("<polyline class=\"median\" data-percentile=\"P50\" points=\"([^\"]+)\"").matcher(html);
        assertTrue(m.find());
        assertEquals(50, m.group(1).split(" ").length, "one point per year");
        assertEquals(50 * 5, count("data-key=\"/engines/0/scenario_fan/rates/"), "every percentile of every year in the table");
    }

    @Test
    void theInputsListTheDataSourceWithRecordsSizeAndChecksumAndTheDag() throws Exception {
        Path policies = ReferenceData.upstream("sample_policies.csv");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(policies)));
        assertEquals(sha, summary.at("/data_sources/0/sha256").asText());
        assertTrue(html.contains("<code class=\"hash\">" + sha + "</code>"));
        assertTrue(html.contains("data-key=\"/data_sources/0/records\" data-value=\"10\">10</span>"));
        assertTrue(html.contains("data-key=\"/data_sources/0/bytes\" data-value=\"" + Files.size(policies) + "\""));
        assertEquals(List.of("policies", "esg", "projection", "solver", "output"), nodes());
        assertEquals(4, count("<g class=\"edge\""), "policies and esg -> projection -> solver, projection -> output");
        assertTrue(html.contains("LiveCalc <span id=\"version\">" + summary.get("livecalc_version").asText() + "</span> (commit <code id=\"commit\">"
                + summary.get("livecalc_commit").asText() + "</code>)"));
    }

    private static List<String> nodes() {
        Matcher m = Pattern.compile("<g class=\"node [a-z]+\" data-id=\"([^\"]+)\"").matcher(html);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void thePageIsSelfContainedNoScriptsLinksFontsOrNetwork() {
        assertFalse(html.contains("<script"), "no scripts");
        assertFalse(html.contains("<link"), "no stylesheets or fonts from elsewhere");
        assertFalse(html.contains("@import") || html.contains("@font-face"));
        assertFalse(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "").matches("(?s).*(https?:|//[a-z]).*"), "no URL but the SVG namespace");
        assertEquals(count("url("), count("url(#arrow)"), "only the page's own arrow marker");
    }

    @Test
    void aMissingSummaryIsANoSuchFileNamingIt() {
        Path missing = dir.resolve("missing.summary.json");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> RunReport.fromSummaryFile(missing, dir.resolve("x.html")));
        NoSuchFileException cause = assertInstanceOf(NoSuchFileException.class, e.getCause());
        assertEquals(missing.toString(), cause.getFile());
        assertFalse(Files.exists(dir.resolve("x.html")));
    }

    @Test
    void aFileThatIsNotARunSummaryIsRejectedNamingIt() throws IOException {
        Path notJson = Files.writeString(dir.resolve("notes.json"), "engines: none");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunReport.fromSummaryFile(notJson, dir.resolve("y.html")));
        assertTrue(e.getMessage().startsWith(notJson + ": not JSON: "), e.getMessage());
        Path other = Files.writeString(dir.resolve("other.json"), "{\"results\": []}");
        e = assertThrows(IllegalArgumentException.class, () -> RunReport.fromSummaryFile(other, dir.resolve("y.html")));
        assertEquals(other + ": not a LiveCalc run summary: no \"engines\" list", e.getMessage());
        assertFalse(Files.exists(dir.resolve("y.html")));
    }
}
