package io.livecalc.orchestrator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The report of hand-written summaries: older summaries, degenerate distributions, text that looks like HTML. */
class RunReportRenderTest {

    private static int count(String html, String needle) {
        return html.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
    }

    @Test
    void aSummaryWrittenBeforeTheReportExistedStillRendersWhatItHas() {
        String html = RunReport.render("""
                {"livecalc_version": "0.1.0", "dag": "old.json", "success": true,
                 "engines": [{"id": "projection", "type": "projection", "status": "succeeded", "chunks": 1,
                              "execution_time_ms": 3.5, "rows_processed": 10, "bytes_written": 48, "warnings": []}],
                 "statistics": {"scenario_count": 3, "mean_npv": -2925.131473, "std_dev": 10.0,
                                "percentiles": {"p50": -2920.0, "p75": -2910.0, "p90": -2905.0, "p95": -2903.0, "p99": -2901.5},
                                "cte_95": -2950.25},
                 "buffers": {"peak_bytes": 1048576, "by_name": {}}, "warnings": []}
                """);
        assertEquals(0, count(html, "<rect class=\"bin\""), "no histogram in the summary: no bars");
        assertTrue(html.contains("data-key=\"/statistics/mean_npv\" data-value=\"-2925.131473\">-2,925.13</span>"));
        assertTrue(html.contains("data-key=\"/statistics/cte_95\" data-value=\"-2950.25\">-2,950.25</span>"));
        assertEquals(1, count(html, "<g class=\"gantt-row status-succeeded\" data-engine=\"projection\">"));
        assertEquals(0, count(html, "<rect class=\"chunk"), "no timeline in the summary: the engine row only");
        assertTrue(html.contains("(commit <code id=\"commit\">unknown</code>)"));
        assertTrue(html.contains("No solver in this run.") && html.contains("No scenario generator in this run."));
    }

    @Test
    void oneScenarioIsOneBinWithEveryMarkerOnIt() {
        String html = RunReport.render("""
                {"dag": "one.json", "success": true, "engines": [],
                 "statistics": {"scenario_count": 1, "mean_npv": 5.0, "std_dev": 0.0,
                                "percentiles": {"p50": 5.0, "p75": 5.0, "p90": 5.0, "p95": 5.0, "p99": 5.0}, "cte_95": 5.0,
                                "histogram": {"min": 5.0, "max": 5.0, "bin_width": 0.0, "counts": [1]}}}
                """);
        assertEquals(1, count(html, "<rect class=\"bin\" data-key=\"/statistics/histogram/counts/0\" data-value=\"1\""));
        assertEquals(7, count(html, "<g class=\"marker "));
        assertFalse(html.contains("NaN") || html.contains("Infinity"), "no coordinate is NaN or infinite");
    }

    @Test
    void textFromTheSummaryIsEscaped() {
        String html = RunReport.render("""
                {"dag": "a<b>.json", "success": false,
                 "engines": [{"id": "x", "type": "t", "status": "failed", "error": "bad <script>alert(1)</script> & worse",
                              "warnings": ["w \\"quoted\\" <i>"]}],
                 "warnings": ["engine 'x' failed: <script>"]}
                """);
        assertFalse(html.contains("<script"), "no markup from the summary gets through");
        assertTrue(html.contains("bad &lt;script&gt;alert(1)&lt;/script&gt; &amp; worse"));
        assertTrue(html.contains("<code>a&lt;b&gt;.json</code>"));
        assertTrue(html.contains("<li><b>x</b>: w &quot;quoted&quot; &lt;i&gt;</li>"));
        assertTrue(html.contains("<span class=\"badge bad\">PARTIAL result</span>"));
    }
}
