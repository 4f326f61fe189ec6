package io.livecalc.orchestrator.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livecalc.api.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run report: one self-contained HTML page made from a run summary (the JSON file written beside a
 * pipeline's output, or {@code PipelineResult.summaryJson()}), and from nothing else. No scripts, no fonts,
 * no network: the charts are inline SVG, so the page opens in any browser offline.
 *
 * <p>It shows the NPV distribution over scenarios as a histogram (one bar per bin of
 * {@code statistics.histogram}) with the mean, P50 to P99 and CTE95 marked and listed; the timeline (one
 * Gantt row per engine, one bar per chunk call, retries and timeouts marked) and the peak buffers; for a
 * solver, the objective and every parameter per evaluation and whether it converged; for an ESG, the
 * scenario fan (percentile bands of the short rate by year); the inputs (data sources with records, size and
 * SHA-256, assumption tables with their resolved versions, the DAG); the LiveCalc version and commit; and
 * the warnings.
 *
 * <p>Every number shown from the summary carries its origin: {@code data-key} is its place in the summary
 * as a JSON Pointer (RFC 6901, e.g. {@code /statistics/percentiles/p95}) and {@code data-value} its JSON
 * text, so that tests, and readers, can check that the page shows the summary's numbers.
 */
public final class RunReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunReport() {
    }

    /**
     * Writes the report of the run summary file {@code summary} to {@code html} (a temporary file renamed).
     *
     * @return {@code html}
     * @throws UncheckedIOException     the summary cannot be read (a missing file is a {@link NoSuchFileException}
     *                                  naming it), or the report cannot be written
     * @throws IllegalArgumentException the file is not a run summary (the message names the file)
     */
    public static Path fromSummaryFile(Path summary, Path html) {
        String json;
        try {
            json = Files.readString(summary);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run summary " + summary + ": " + e.getMessage(), e);
        }
        String page;
        try {
            page = render(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(summary + ": " + e.getMessage(), e);
        }
        return writePage(page, html);
    }

    /**
     * Writes the report of a run summary given as JSON text to {@code html} (a temporary file renamed).
     *
     * @return {@code html}
     */
    public static Path write(String summaryJson, Path html) {
        return writePage(render(summaryJson), html);
    }

    private static Path writePage(String page, Path html) {
        try {
            AtomicFile.write(html, tmp -> Files.writeString(tmp, page));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run report " + html + ": " + e.getMessage(), e);
        }
        return html;
    }

    /**
     * The report page of a run summary given as JSON text.
     *
     * @throws IllegalArgumentException the text is not JSON, or not a run summary (no {@code engines} list)
     */
    public static String render(String summaryJson) {
        JsonNode root;
        try {
            root = JSON.readTree(summaryJson);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ")", e);
        }
        if (root == null || !root.isObject() || !root.path("engines").isArray()) {
            throw new IllegalArgumentException("not a LiveCalc run summary: no \"engines\" list");
        }
        // A DAG file has an engines list too, its data_sources and output are objects (a summary's are a list and a
        // path); taken for a summary it failed below with a NullPointerException, or gave a meaningless page.
        JsonNode sources = root.path("data_sources");
        if (sources.isObject() || root.path("output").isObject()) {
            throw new IllegalArgumentException("not a LiveCalc run summary (the *.summary.json a run writes beside its output): "
                    + "this is a DAG file");
        }
        if (!sources.isArray() && !sources.isMissingNode() && !sources.isNull()) {
            throw new IllegalArgumentException("not a LiveCalc run summary: \"data_sources\" is not a list");
        }
        return new Page(root).render();
    }

    // ---- the page ---------------------------------------------------------------------------------

    private static final class Page {
        private final JsonNode root;
        private final StringBuilder h = new StringBuilder(64 * 1024);

        Page(JsonNode root) {
            this.root = root;
        }

        String render() {
            boolean success = root.path("success").asBoolean(false);
            h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                    .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                    .append("<title>LiveCalc run: ").append(esc(root.path("dag").asText("pipeline"))).append("</title>\n")
                    .append("<style>").append(CSS).append("</style>\n</head>\n<body>\n");
            h.append("<header><h1>LiveCalc run report</h1>\n<p class=\"sub\"><span class=\"badge ")
                    .append(success ? "ok\">succeeded" : "bad\">PARTIAL result").append("</span> ")
                    .append("<code>").append(esc(root.path("dag").asText())).append("</code>");
            if (root.hasNonNull("finished_at")) {
                h.append(" &middot; finished ").append(esc(root.path("finished_at").asText()));
            }
            h.append(" &middot; wall time ");
            num("/wall_time_ms", Fmt.MS);
            h.append(" ms &middot; LiveCalc <span id=\"version\">").append(esc(root.path("livecalc_version").asText("?")))
                    .append("</span> (commit <code id=\"commit\">").append(esc(root.path("livecalc_commit").asText("unknown")))
                    .append("</code>)</p>\n");
            if (root.hasNonNull("output")) {
                h.append("<p class=\"sub\">output <code>").append(esc(root.path("output").asText())).append("</code></p>\n");
            }
            h.append("<nav>");
            for (String[] s : new String[][] {{"distribution", "NPV distribution"}, {"timeline", "Timeline"}, {"solver", "Solver"},
                {"fan", "Scenario fan"}, {"inputs", "Inputs"}, {"warnings", "Warnings"}}) {
                h.append("<a href=\"#").append(s[0]).append("\">").append(s[1]).append("</a>");
            }
            h.append("</nav></header>\n<main>\n");
            distribution();
            timeline();
            solvers();
            fans();
            inputs();
            warnings();
            h.append("</main>\n</body>\n</html>\n");
            return h.toString();
        }

        // ---- numbers --------------------------------------------------------------------------

        /** The summary's number at {@code key} (a JSON Pointer), formatted, with its origin; an em dash when absent. */
        private void num(String key, Fmt fmt) {
            JsonNode n = at(key);
            if (n == null || !n.isNumber()) {
                h.append("<span class=\"na\">&mdash;</span>");
                return;
            }
            h.append("<span class=\"num\" data-key=\"").append(esc(key)).append("\" data-value=\"").append(esc(n.asText()))
                    .append("\">").append(esc(fmt.format(n.asDouble()))).append("</span>");
        }

        private JsonNode at(String pointer) {
            JsonNode n = root.at(pointer);
            return n.isMissingNode() ? null : n;
        }

        private void cell(String key, Fmt fmt) {
            h.append("<td class=\"r\">");
            num(key, fmt);
            h.append("</td>");
        }

        // ---- NPV distribution -----------------------------------------------------------------

        private static final String[][] MARKERS = {{"mean", "/statistics/mean_npv"}, {"P50", "/statistics/percentiles/p50"},
            {"P75", "/statistics/percentiles/p75"}, {"P90", "/statistics/percentiles/p90"}, {"P95", "/statistics/percentiles/p95"},
            {"P99", "/statistics/percentiles/p99"}, {"CTE95", "/statistics/cte_95"}};

        private void distribution() {
            h.append("<section id=\"distribution\"><h2>NPV distribution over scenarios</h2>\n");
            JsonNode s = root.path("statistics");
            if (!s.isObject()) {
                h.append("<p class=\"na\">No scenario totals in this run: no distribution.</p></section>\n");
                return;
            }
            JsonNode hist = s.path("histogram");
            JsonNode counts = hist.path("counts");
            if (counts.isArray() && !counts.isEmpty()) {
                histogram(hist);
            }
            h.append("<table class=\"stats\"><tr><th>scenarios</th><th>mean NPV</th><th>std dev</th><th>P50</th><th>P75</th>"
                    + "<th>P90</th><th>P95</th><th>P99</th><th>CTE95</th></tr>\n<tr>");
            cell("/statistics/scenario_count", Fmt.INT);
            cell("/statistics/mean_npv", Fmt.MONEY);
            cell("/statistics/std_dev", Fmt.MONEY);
            for (String p : new String[] {"p50", "p75", "p90", "p95", "p99"}) {
                cell("/statistics/percentiles/" + p, Fmt.MONEY);
            }
            cell("/statistics/cte_95", Fmt.MONEY);
            h.append("</tr></table>\n</section>\n");
        }

        private void histogram(JsonNode hist) {
            JsonNode counts = hist.path("counts");
            int bins = counts.size();
            double min = hist.path("min").asDouble();
            double max = hist.path("max").asDouble();
            double width = hist.path("bin_width").asDouble();
            double lo = min;
            double hi = max;
            for (String[] m : MARKERS) {
                JsonNode v = at(m[1]);
                if (v != null && v.isNumber()) {
                    lo = Math.min(lo, v.asDouble());
                    hi = Math.max(hi, v.asDouble());
                }
            }
            if (hi == lo) {
                double pad = lo == 0 ? 1 : Math.abs(lo) * 0.01;
                lo -= pad;
                hi += pad;
            }
            long top = 1;
            for (JsonNode c : counts) {
                top = Math.max(top, c.asLong());
            }
            Chart c = new Chart(h, 860, 330, 70, 20, 90, 45);
            c.open("histogram", "NPV histogram: " + bins + " bins");
            c.xAxis(lo, hi, Fmt.SHORT, "portfolio NPV");
            c.yAxis(0, top, Fmt.INT, "scenarios");
            for (int i = 0; i < bins; i++) {
                double from = min + i * width;
                double to = i == bins - 1 ? max : min + (i + 1) * width;
                long n = counts.get(i).asLong();
                double x0 = c.x(bins == 1 && width == 0 ? lo + (hi - lo) * 0.45 : from);
                double x1 = c.x(bins == 1 && width == 0 ? lo + (hi - lo) * 0.55 : to);
                double y = c.y(n);
                h.append("<rect class=\"bin\" data-key=\"/statistics/histogram/counts/").append(i).append("\" data-value=\"").append(n)
                        .append("\" x=\"").append(f1(x0)).append("\" y=\"").append(f1(y)).append("\" width=\"")
                        .append(f1(Math.max(0.5, x1 - x0 - 0.5))).append("\" height=\"").append(f1(c.y(0) - y)).append("\"><title>")
                        .append(esc(Fmt.MONEY.format(from))).append(" to ").append(esc(Fmt.MONEY.format(to))).append(": ").append(n)
                        .append(n == 1 ? " scenario" : " scenarios").append("</title></rect>\n");
            }
            int k = 0;
            for (String[] m : MARKERS) {
                JsonNode v = at(m[1]);
                if (v == null || !v.isNumber()) {
                    continue;
                }
                double x = c.x(v.asDouble());
                double labelY = c.top() - 78 + 11 * k;
                boolean rightSide = x > c.x(lo + (hi - lo) * 0.7);
                h.append("<g class=\"marker marker-").append(k).append("\" data-name=\"").append(m[0]).append("\" data-key=\"")
                        .append(m[1]).append("\" data-value=\"").append(esc(v.asText())).append("\"><line x1=\"").append(f1(x))
                        .append("\" x2=\"").append(f1(x)).append("\" y1=\"").append(f1(labelY + 2)).append("\" y2=\"")
                        .append(f1(c.y(0))).append("\"/><text x=\"").append(f1(rightSide ? x - 3 : x + 3)).append("\" y=\"").append(f1(labelY))
                        .append(rightSide ? "\" text-anchor=\"end\">" : "\">").append(m[0]).append(' ').append(esc(Fmt.SHORT.format(v.asDouble()))).append("</text><title>")
                        .append(m[0]).append(' ').append(esc(Fmt.MONEY.format(v.asDouble()))).append("</title></g>\n");
                k++;
            }
            c.close();
        }

        // ---- timeline -------------------------------------------------------------------------

        private void timeline() {
            h.append("<section id=\"timeline\"><h2>Timeline</h2>\n");
            JsonNode engines = root.path("engines");
            double end = root.path("wall_time_ms").asDouble(0);
            for (JsonNode e : engines) {
                end = Math.max(end, e.path("end_ms").asDouble(0));
                for (JsonNode c : e.path("timeline")) {
                    end = Math.max(end, c.path("start_ms").asDouble() + c.path("duration_ms").asDouble());
                }
            }
            end = Math.max(end, 1e-3);
            int rowH = 30;
            int left = 150;
            int width = 860;
            int height = 50 + rowH * engines.size();
            Chart c = new Chart(h, width, height, left, 20, 10, 35);
            c.open("gantt", "timeline: one row per engine, one bar per chunk call");
            c.xAxis(0, end, Fmt.MS0, "milliseconds since the run started");
            int row = 0;
            for (JsonNode e : engines) {
                String id = e.path("id").asText();
                String status = e.path("status").asText();
                double y = 10 + rowH * row;
                h.append("<g class=\"gantt-row status-").append(esc(status)).append("\" data-engine=\"").append(esc(id)).append("\">")
                        .append("<text class=\"label\" x=\"").append(left - 8).append("\" y=\"").append(f1(y + rowH / 2.0 + 4))
                        .append("\">").append(esc(id)).append("</text>");
                double s0 = e.path("start_ms").asDouble(0);
                double s1 = e.path("end_ms").asDouble(s0);
                h.append("<rect class=\"span\" x=\"").append(f1(c.x(s0))).append("\" y=\"").append(f1(y + 4)).append("\" width=\"")
                        .append(f1(Math.max(1, c.x(s1) - c.x(s0)))).append("\" height=\"").append(rowH - 8).append("\"><title>")
                        .append(esc(id)).append(' ').append(esc(status)).append(": ").append(esc(Fmt.MS.format(s0))).append(" to ")
                        .append(esc(Fmt.MS.format(s1))).append(" ms</title></rect>");
                int i = 0;
                for (JsonNode ch : e.path("timeline")) {
                    double cs = ch.path("start_ms").asDouble();
                    double cd = ch.path("duration_ms").asDouble();
                    int attempts = ch.path("attempts").asInt(1);
                    int timeouts = ch.path("timeouts").asInt(0);
                    boolean ok = ch.path("succeeded").asBoolean(true);
                    String cls = !ok ? "failed" : timeouts > 0 ? "timedout" : attempts > 1 ? "retried" : "ok";
                    h.append("<rect class=\"chunk ").append(cls).append("\" data-chunk=\"").append(ch.path("chunk").asInt())
                            .append("\" data-attempts=\"").append(attempts).append("\" data-timeouts=\"").append(timeouts)
                            .append("\" x=\"").append(f1(c.x(cs))).append("\" y=\"").append(f1(y + 8)).append("\" width=\"")
                            .append(f1(Math.max(1.5, c.x(cs + cd) - c.x(cs)))).append("\" height=\"").append(rowH - 16)
                            .append("\"><title>").append(esc(id)).append(" chunk ").append(ch.path("chunk").asInt()).append(": ")
                            .append(esc(Fmt.MS.format(cd))).append(" ms from ").append(esc(Fmt.MS.format(cs))).append(" ms, ")
                            .append(attempts).append(attempts == 1 ? " attempt" : " attempts");
                    if (timeouts > 0) {
                        h.append(", ").append(timeouts).append(timeouts == 1 ? " timeout" : " timeouts");
                    }
                    h.append(ok ? "" : ", failed").append("</title></rect>");
                    if (attempts > 1 || timeouts > 0 || !ok) {
                        h.append("<text class=\"note\" x=\"").append(f1(c.x(cs + cd) + 3)).append("\" y=\"").append(f1(y + rowH / 2.0 + 4))
                                .append("\">").append(attempts > 1 ? (attempts - 1) + (attempts == 2 ? " retry" : " retries") : "")
                                .append(timeouts > 0 ? " " + timeouts + (timeouts == 1 ? " timeout" : " timeouts") : "")
                                .append(ok ? "" : " failed").append("</text>");
                    }
                    i++;
                }
                if (i == 0) {
                    h.append("<text class=\"note\" x=\"").append(f1(c.x(s0) + 4)).append("\" y=\"").append(f1(y + rowH / 2.0 + 4))
                            .append("\">").append(esc(status)).append("</text>");
                }
                h.append("</g>\n");
                row++;
            }
            c.close();
            h.append("<p class=\"legend\"><span class=\"key ok\"></span>chunk <span class=\"key retried\"></span>retried "
                    + "<span class=\"key timedout\"></span>timed out (then retried) <span class=\"key failed\"></span>failed "
                    + "<span class=\"key span\"></span>engine (initialisation included)</p>\n");
            h.append("<table><tr><th>engine</th><th>type</th><th>status</th><th>chunks</th><th>time ms</th><th>rows</th>"
                    + "<th>bytes written</th><th>retries</th><th>timeouts</th></tr>\n");
            int idx = 0;
            for (JsonNode e : engines) {
                String k = "/engines/" + idx;
                h.append("<tr class=\"engine\" data-engine=\"").append(esc(e.path("id").asText())).append("\"><td>")
                        .append(esc(e.path("id").asText())).append("</td><td>").append(esc(e.path("type").asText())).append("</td><td>")
                        .append("<span class=\"badge ").append("succeeded".equals(e.path("status").asText()) ? "ok" : "bad").append("\">")
                        .append(esc(e.path("status").asText())).append("</span></td>");
                cell(k + "/chunks", Fmt.INT);
                cell(k + "/execution_time_ms", Fmt.MS);
                cell(k + "/rows_processed", Fmt.INT);
                cell(k + "/bytes_written", Fmt.INT);
                cell(k + "/retries", Fmt.INT);
                cell(k + "/timeouts", Fmt.INT);
                h.append("</tr>\n");
                if (e.hasNonNull("error")) {
                    h.append("<tr><td></td><td colspan=\"8\" class=\"error\">").append(esc(e.path("error").asText())).append("</td></tr>\n");
                }
                idx++;
            }
            h.append("</table>\n<h3>Buffers</h3>\n<p>peak off-heap buffers ");
            num("/buffers/peak_bytes", Fmt.INT);
            h.append(" bytes (").append(esc(Fmt.MIB.format(root.path("buffers").path("peak_bytes").asDouble()))).append(")</p>\n");
            JsonNode byName = root.path("buffers").path("by_name");
            if (byName.isObject() && !byName.isEmpty()) {
                h.append("<table class=\"buffers\"><tr><th>buffer</th><th>bytes</th></tr>\n");
                List<String> names = new ArrayList<>();
                byName.fieldNames().forEachRemaining(names::add);
                names.sort(null);
                for (String name : names) {
                    h.append("<tr><td><code>").append(esc(name)).append("</code></td>");
                    cell("/buffers/by_name/" + ptr(name), Fmt.INT);
                    h.append("</tr>\n");
                }
                h.append("</table>\n");
            }
            h.append("</section>\n");
        }

        // ---- solver ---------------------------------------------------------------------------

        private void solvers() {
            h.append("<section id=\"solver\"><h2>Solver</h2>\n");
            int idx = 0;
            boolean any = false;
            for (JsonNode e : root.path("engines")) {
                JsonNode r = e.path("report");
                if (r.path("history").isArray() && r.has("objective")) {
                    any = true;
                    solver(e, "/engines/" + idx + "/report");
                }
                idx++;
            }
            if (!any) {
                h.append("<p class=\"na\">No solver in this run.</p>\n");
            }
            h.append("</section>\n");
        }

        private void solver(JsonNode e, String key) {
            JsonNode r = e.path("report");
            boolean converged = r.path("converged").asBoolean(false);
            boolean partial = r.path("partial_result").asBoolean(false);
            String id = e.path("id").asText();
            h.append("<div class=\"solver\" data-engine=\"").append(esc(id)).append("\"><h3>").append(esc(id)).append(" <span class=\"badge ")
                    .append(converged ? "ok\">converged" : partial ? "bad\">partial result" : "bad\">not converged").append("</span></h3>\n");
            if (r.hasNonNull("message")) {
                h.append("<p>").append(esc(r.path("message").asText())).append("</p>\n");
            }
            h.append("<p>objective ");
            num(key + "/objective", Fmt.GENERAL);
            h.append(" &middot; iterations ");
            num(key + "/iterations", Fmt.INT);
            h.append(" &middot; evaluations ");
            num(key + "/evaluations", Fmt.INT);
            List<String> params = new ArrayList<>();
            r.path("parameters").fieldNames().forEachRemaining(params::add);
            for (String p : params) {
                h.append(" &middot; ").append(esc(p)).append(" = ");
                num(key + "/parameters/" + ptr(p), Fmt.GENERAL);
            }
            h.append("</p>\n");
            JsonNode history = r.path("history");
            Map<String, List<double[]>> series = new LinkedHashMap<>();
            series.put("objective", new ArrayList<>());
            for (JsonNode ev : history) {
                ev.path("parameters").fieldNames().forEachRemaining(p -> series.putIfAbsent(p, new ArrayList<>()));
            }
            for (JsonNode ev : history) {
                double n = ev.path("evaluation").asDouble();
                series.get("objective").add(new double[] {n, ev.path("objective").asDouble()});
                ev.path("parameters").properties().forEach(f -> series.get(f.getKey()).add(new double[] {n, f.getValue().asDouble()}));
            }
            h.append("<div class=\"charts\">");
            for (Map.Entry<String, List<double[]>> s : series.entrySet()) {
                lineChart(s.getKey(), s.getValue(), "objective".equals(s.getKey()) ? "objective-point" : "parameter-point");
            }
            h.append("</div>\n<details><summary>every evaluation</summary><table class=\"history\"><tr><th>evaluation</th><th>ms</th>");
            List<String> names = new ArrayList<>(series.keySet());
            names.remove("objective");
            names.forEach(p -> h.append("<th>").append(esc(p)).append("</th>"));
            h.append("<th>objective</th><th>feasible</th></tr>\n");
            for (int i = 0; i < history.size(); i++) {
                String k = key + "/history/" + i;
                h.append("<tr>");
                cell(k + "/evaluation", Fmt.INT);
                cell(k + "/elapsed_ms", Fmt.MS);
                for (String p : names) {
                    cell(k + "/parameters/" + ptr(p), Fmt.GENERAL);
                }
                cell(k + "/objective", Fmt.GENERAL);
                h.append("<td>").append(history.get(i).path("feasible").asBoolean(true) ? "yes" : "no").append("</td></tr>\n");
            }
            h.append("</table></details></div>\n");
        }

        private void lineChart(String name, List<double[]> points, String pointClass) {
            double x0 = 1;
            double x1 = Math.max(2, points.size());
            double y0 = Double.POSITIVE_INFINITY;
            double y1 = Double.NEGATIVE_INFINITY;
            for (double[] p : points) {
                x0 = Math.min(x0, p[0]);
                x1 = Math.max(x1, p[0]);
                if (Double.isFinite(p[1])) {
                    y0 = Math.min(y0, p[1]);
                    y1 = Math.max(y1, p[1]);
                }
            }
            if (!(y0 < y1)) {
                double v = Double.isFinite(y0) ? y0 : 0;
                double pad = v == 0 ? 1 : Math.abs(v) * 0.05;
                y0 = v - pad;
                y1 = v + pad;
            }
            Chart c = new Chart(h, 420, 240, 80, 30, 10, 40);
            c.open("line-chart\" data-series=\"" + esc(name), name + " per evaluation");
            c.title(name + " per evaluation");
            c.xAxis(x0, x1, Fmt.INT, "evaluation");
            c.yAxis(y0, y1, Fmt.SHORT, null);
            StringBuilder line = new StringBuilder();
            for (double[] p : points) {
                if (Double.isFinite(p[1])) {
                    line.append(line.isEmpty() ? "" : " ").append(f1(c.x(p[0]))).append(',').append(f1(c.y(p[1])));
                }
            }
            h.append("<polyline class=\"series\" points=\"").append(line).append("\"/>\n");
            for (double[] p : points) {
                if (Double.isFinite(p[1])) {
                    h.append("<circle class=\"").append(pointClass).append("\" cx=\"").append(f1(c.x(p[0]))).append("\" cy=\"")
                            .append(f1(c.y(p[1]))).append("\" r=\"3.5\"><title>").append((long) p[0]).append(": ")
                            .append(esc(Fmt.GENERAL.format(p[1]))).append("</title></circle>");
                }
            }
            c.close();
        }

        // ---- scenario fan ---------------------------------------------------------------------

        private void fans() {
            h.append("<section id=\"fan\"><h2>Scenario fan</h2>\n");
            int idx = 0;
            boolean any = false;
            for (JsonNode e : root.path("engines")) {
                JsonNode f = e.path("scenario_fan");
                if (f.path("years").isArray() && !f.path("years").isEmpty()) {
                    any = true;
                    fan(e, "/engines/" + idx + "/scenario_fan");
                }
                idx++;
            }
            if (!any) {
                h.append("<p class=\"na\">No scenario generator in this run.</p>\n");
            }
            h.append("</section>\n");
        }

        private void fan(JsonNode e, String key) {
            JsonNode f = e.path("scenario_fan");
            JsonNode years = f.path("years");
            JsonNode rates = f.path("rates");
            JsonNode pct = f.path("percentiles");
            int n = years.size();
            int k = pct.size();
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (JsonNode row : rates) {
                for (JsonNode v : row) {
                    lo = Math.min(lo, v.asDouble());
                    hi = Math.max(hi, v.asDouble());
                }
            }
            if (!(lo < hi)) {
                lo -= 0.001;
                hi += 0.001;
            }
            String id = e.path("id").asText();
            h.append("<div class=\"fan\" data-engine=\"").append(esc(id)).append("\"><h3>").append(esc(id)).append(": short rate by year, ");
            num(key + "/scenarios", Fmt.INT);
            h.append(" scenarios</h3>\n");
            Chart c = new Chart(h, 860, 320, 70, 20, 20, 45);
            c.open("fan-chart", "percentile bands of the short rate by year");
            c.xAxis(years.get(0).asDouble(), Math.max(years.get(n - 1).asDouble(), years.get(0).asDouble() + 1), Fmt.INT, "projection year");
            c.yAxis(lo, hi, Fmt.PERCENT, null);
            for (int b = 0; b < k / 2; b++) {
                StringBuilder pts = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    pts.append(f1(c.x(years.get(i).asDouble()))).append(',').append(f1(c.y(rates.get(i).get(b).asDouble()))).append(' ');
                }
                for (int i = n - 1; i >= 0; i--) {
                    pts.append(f1(c.x(years.get(i).asDouble()))).append(',').append(f1(c.y(rates.get(i).get(k - 1 - b).asDouble()))).append(' ');
                }
                h.append("<polygon class=\"band band-").append(b).append("\" data-from=\"P").append(pct.get(b).asInt()).append("\" data-to=\"P")
                        .append(pct.get(k - 1 - b).asInt()).append("\" points=\"").append(pts.toString().strip()).append("\"><title>P")
                        .append(pct.get(b).asInt()).append(" to P").append(pct.get(k - 1 - b).asInt()).append("</title></polygon>\n");
            }
            if (k % 2 == 1) {
                StringBuilder pts = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    pts.append(f1(c.x(years.get(i).asDouble()))).append(',').append(f1(c.y(rates.get(i).get(k / 2).asDouble()))).append(' ');
                }
                h.append("<polyline class=\"median\" data-percentile=\"P").append(pct.get(k / 2).asInt()).append("\" points=\"")
                        .append(pts.toString().strip()).append("\"/>\n");
            }
            c.close();
            h.append("<details><summary>percentiles by year</summary><table class=\"fan-table\"><tr><th>year</th>");
            pct.forEach(p -> h.append("<th>P").append(p.asInt()).append("</th>"));
            h.append("</tr>\n");
            for (int i = 0; i < n; i++) {
                h.append("<tr>");
                cell(key + "/years/" + i, Fmt.INT);
                for (int j = 0; j < k; j++) {
                    cell(key + "/rates/" + i + "/" + j, Fmt.PERCENT);
                }
                h.append("</tr>\n");
            }
            h.append("</table></details></div>\n");
        }

        // ---- inputs ---------------------------------------------------------------------------

        private void inputs() {
            h.append("<section id=\"inputs\"><h2>Inputs</h2>\n<h3>Data sources</h3>\n");
            JsonNode sources = root.path("data_sources");
            if (sources.isEmpty()) {
                h.append("<p class=\"na\">none</p>\n");
            } else {
                h.append("<table class=\"sources\"><tr><th>id</th><th>path</th><th>format</th><th>kind</th><th>records</th><th>bytes</th>"
                        + "<th>SHA-256</th></tr>\n");
                for (int i = 0; i < sources.size(); i++) {
                    JsonNode s = sources.get(i);
                    h.append("<tr><td>").append(esc(s.path("id").asText())).append("</td><td><code>").append(esc(s.path("path").asText()))
                            .append("</code></td><td>").append(esc(s.path("format").asText())).append("</td><td>")
                            .append(esc(s.path("kind").asText())).append("</td>");
                    cell("/data_sources/" + i + "/records", Fmt.INT);
                    cell("/data_sources/" + i + "/bytes", Fmt.INT);
                    h.append("<td><code class=\"hash\">").append(esc(s.path("sha256").asText("-"))).append("</code></td></tr>\n");
                }
                h.append("</table>\n");
            }
            h.append("<h3>Assumption tables</h3>\n");
            boolean any = false;
            int ei = 0;
            for (JsonNode e : root.path("engines")) {
                JsonNode tables = e.path("report").path("assumptions");
                for (int ai = 0; ai < tables.size(); ai++) {
                    JsonNode a = tables.get(ai);
                    if (!any) {
                        h.append("<table class=\"assumptions\"><tr><th>engine</th><th>reference</th><th>table</th><th>requested</th>"
                                + "<th>resolved version</th><th>rows</th><th></th></tr>\n");
                        any = true;
                    }
                    h.append("<tr><td>").append(esc(e.path("id").asText())).append("</td><td><code>").append(esc(a.path("reference").asText()))
                            .append("</code></td><td>").append(esc(a.path("name").asText(a.path("path").asText("")))).append("</td><td>")
                            .append(esc(a.path("requested_version").asText(""))).append("</td><td><b>")
                            .append(esc(a.path("resolved_version").asText(a.has("path") ? "local file" : ""))).append("</b></td>");
                    if (a.has("rows_loaded")) {
                        cell("/engines/" + ei + "/report/assumptions/" + ai + "/rows_loaded", Fmt.INT);
                    } else {
                        h.append("<td></td>");
                    }
                    h.append("<td>").append(a.path("cache_hit").asBoolean(false) ? "cache" : "").append(a.path("offline").asBoolean(false) ? " offline" : "")
                            .append("</td></tr>\n");
                }
                ei++;
            }
            if (any) {
                h.append("</table>\n");
            } else {
                h.append("<p class=\"na\">No assumption tables resolved through the Assumptions Manager or reported by an engine.</p>\n");
            }
            h.append("<h3>DAG</h3>\n<p><code>").append(esc(root.path("dag").asText())).append("</code></p>\n");
            dag();
        }

        private void dag() {
            // columns: data sources at depth 0, each engine one right of its deepest producer
            Map<String, Integer> depth = new LinkedHashMap<>();
            for (JsonNode s : root.path("data_sources")) {
                depth.put(s.path("id").asText(), 0);
            }
            List<String[]> edges = new ArrayList<>();
            for (JsonNode e : root.path("engines")) {
                String id = e.path("id").asText();
                int d = 1;
                for (var in : e.path("inputs").properties()) {
                    String ref = in.getValue().asText();
                    String from = ref.contains(".") ? ref.substring(0, ref.indexOf('.')) : ref;
                    depth.putIfAbsent(from, 0);
                    d = Math.max(d, depth.get(from) + 1);
                    String port = ref.contains(".") ? ref.substring(ref.indexOf('.') + 1) : in.getKey();
                    edges.add(new String[] {from, id, port.equals(in.getKey()) ? port : port + " \u2192 " + in.getKey()});
                }
                depth.put(id, d);
            }
            String out = root.path("output").asText(null);
            String outFrom = root.path("output_from").asText(null);
            if (out != null && outFrom != null && outFrom.contains(".")) {
                String from = outFrom.substring(0, outFrom.indexOf('.'));
                depth.put("output", depth.getOrDefault(from, 0) + 1);
                edges.add(new String[] {from, "output", outFrom.substring(outFrom.indexOf('.') + 1)});
            }
            int columns = depth.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
            Map<Integer, Integer> perColumn = new LinkedHashMap<>();
            Map<String, double[]> pos = new LinkedHashMap<>();
            int boxW = 150;
            int boxH = 40;
            int gapX = 130;
            int gapY = 30;
            for (Map.Entry<String, Integer> e : depth.entrySet()) {
                int row = perColumn.merge(e.getValue(), 1, Integer::sum) - 1;
                pos.put(e.getKey(), new double[] {10 + e.getValue() * (boxW + gapX), 10 + row * (boxH + gapY)});
            }
            int rowsMax = perColumn.values().stream().mapToInt(Integer::intValue).max().orElse(1);
            int width = 20 + columns * (boxW + gapX) - gapX;
            int height = 20 + rowsMax * (boxH + gapY) - gapY;
            h.append("<svg class=\"dag\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
                    .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" role=\"img\" aria-label=\"the DAG\">\n")
                    .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
                            + "orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>\n");
            for (String[] e : edges) {
                double[] a = pos.get(e[0]);
                double[] b = pos.get(e[1]);
                double ax = a[0] + boxW;
                double ay = a[1] + boxH / 2.0;
                double bx = b[0];
                double by = b[1] + boxH / 2.0;
                h.append("<g class=\"edge\" data-from=\"").append(esc(e[0])).append("\" data-to=\"").append(esc(e[1])).append("\"><line x1=\"")
                        .append(f1(ax)).append("\" y1=\"").append(f1(ay)).append("\" x2=\"").append(f1(bx)).append("\" y2=\"").append(f1(by))
                        .append("\" marker-end=\"url(#arrow)\"/><text x=\"").append(f1((ax + bx) / 2)).append("\" y=\"").append(f1((ay + by) / 2 - 4))
                        .append("\">").append(esc(e[2])).append("</text></g>\n");
            }
            for (Map.Entry<String, double[]> p : pos.entrySet()) {
                String id = p.getKey();
                String kind = "output".equals(id) && out != null ? "output" : root.path("engines").findValuesAsText("id").contains(id) ? "engine" : "source";
                String sub = "";
                for (JsonNode e : root.path("engines")) {
                    if (e.path("id").asText().equals(id)) {
                        sub = e.path("type").asText();
                    }
                }
                if ("source".equals(kind)) {
                    sub = "data source";
                } else if ("output".equals(kind)) {
                    sub = Path.of(out).getFileName().toString();
                }
                h.append("<g class=\"node ").append(kind).append("\" data-id=\"").append(esc(id)).append("\"><rect x=\"").append(f1(p.getValue()[0]))
                        .append("\" y=\"").append(f1(p.getValue()[1])).append("\" width=\"").append(boxW).append("\" height=\"").append(boxH)
                        .append("\" rx=\"6\"/><text x=\"").append(f1(p.getValue()[0] + boxW / 2.0)).append("\" y=\"").append(f1(p.getValue()[1] + 17))
                        .append("\">").append(esc(id)).append("</text><text class=\"small\" x=\"").append(f1(p.getValue()[0] + boxW / 2.0))
                        .append("\" y=\"").append(f1(p.getValue()[1] + 32)).append("\">").append(esc(sub)).append("</text></g>\n");
            }
            h.append("</svg>\n</section>\n");
        }

        // ---- warnings -------------------------------------------------------------------------

        private void warnings() {
            h.append("<section id=\"warnings\"><h2>Warnings</h2>\n");
            List<String> all = new ArrayList<>();
            root.path("warnings").forEach(w -> all.add(esc(w.asText())));
            for (JsonNode e : root.path("engines")) {
                e.path("warnings").forEach(w -> all.add("<b>" + esc(e.path("id").asText()) + "</b>: " + esc(w.asText())));
            }
            if (all.isEmpty()) {
                h.append("<p class=\"na\">none</p>\n");
            } else {
                h.append("<ul class=\"warnings\">");
                all.forEach(w -> h.append("<li>").append(w).append("</li>\n"));
                h.append("</ul>\n");
            }
            h.append("</section>\n");
        }
    }

    // ---- an SVG chart with linear axes ---------------------------------------------------------

    private static final class Chart {
        private final StringBuilder h;
        private final int width;
        private final int height;
        private final int left;
        private final int top;
        private final int right;
        private final int bottom;
        private double x0;
        private double x1 = 1;
        private double y0;
        private double y1 = 1;

        Chart(StringBuilder h, int width, int height, int left, int right, int top, int bottom) {
            this.h = h;
            this.width = width;
            this.height = height;
            this.left = left;
            this.right = right;
            this.top = top;
            this.bottom = bottom;
        }

        int top() {
            return top;
        }

        void open(String cssClass, String label) {
            h.append("<svg class=\"chart ").append(cssClass).append("\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
                    .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                    .append("\" role=\"img\" aria-label=\"").append(esc(label)).append("\">\n");
        }

        void title(String text) {
            h.append("<text class=\"chart-title\" x=\"").append(left).append("\" y=\"14\">").append(esc(text)).append("</text>\n");
        }

        void close() {
            h.append("</svg>\n");
        }

        double x(double v) {
            return left + (v - x0) / (x1 - x0) * (width - left - right);
        }

        double y(double v) {
            return height - bottom - (v - y0) / (y1 - y0) * (height - top - bottom);
        }

        void xAxis(double from, double to, Fmt fmt, String label) {
            x0 = from;
            x1 = to > from ? to : from + 1;
            double yb = height - bottom;
            h.append("<g class=\"axis x\"><line x1=\"").append(left).append("\" x2=\"").append(width - right).append("\" y1=\"").append(f1(yb))
                    .append("\" y2=\"").append(f1(yb)).append("\"/>");
            for (double t : ticks(x0, x1, fmt == Fmt.INT)) {
                h.append("<line x1=\"").append(f1(x(t))).append("\" x2=\"").append(f1(x(t))).append("\" y1=\"").append(f1(yb)).append("\" y2=\"")
                        .append(f1(yb + 4)).append("\"/><text x=\"").append(f1(x(t))).append("\" y=\"").append(f1(yb + 16)).append("\">")
                        .append(esc(fmt.format(t))).append("</text>");
            }
            if (label != null) {
                h.append("<text class=\"axis-label\" x=\"").append(f1((left + width - right) / 2.0)).append("\" y=\"").append(height - 6)
                        .append("\">").append(esc(label)).append("</text>");
            }
            h.append("</g>\n");
        }

        void yAxis(double from, double to, Fmt fmt, String label) {
            y0 = from;
            y1 = to > from ? to : from + 1;
            h.append("<g class=\"axis y\"><line x1=\"").append(left).append("\" x2=\"").append(left).append("\" y1=\"").append(top)
                    .append("\" y2=\"").append(height - bottom).append("\"/>");
            for (double t : ticks(y0, y1, fmt == Fmt.INT)) {
                h.append("<line class=\"grid\" x1=\"").append(left).append("\" x2=\"").append(width - right).append("\" y1=\"").append(f1(y(t)))
                        .append("\" y2=\"").append(f1(y(t))).append("\"/><text x=\"").append(left - 6).append("\" y=\"").append(f1(y(t) + 4))
                        .append("\">").append(esc(fmt.format(t))).append("</text>");
            }
            if (label != null) {
                h.append("<text class=\"axis-label\" transform=\"rotate(-90)\" x=\"").append(f1(-(top + height - bottom) / 2.0))
                        .append("\" y=\"14\">").append(esc(label)).append("</text>");
            }
            h.append("</g>\n");
        }

        /** About five round ticks between {@code from} and {@code to}. */
        static List<Double> ticks(double from, double to, boolean integers) {
            double span = to - from;
            double raw = span / 5;
            double mag = Math.pow(10, Math.floor(Math.log10(raw)));
            double step = raw / mag >= 5 ? 5 * mag : raw / mag >= 2 ? 2 * mag : mag;
            if (integers) {
                step = Math.max(1, Math.round(step));
            }
            List<Double> out = new ArrayList<>();
            for (double t = Math.ceil(from / step) * step; t <= to + step * 1e-9 && out.size() < 50; t += step) {
                out.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
            }
            return out;
        }
    }

    // ---- formatting ----------------------------------------------------------------------------

    /** How a number is shown. */
    enum Fmt {
        /** Money: {@code -301,346,446.95}. */
        MONEY,
        /** A whole number with thousands separators. */
        INT,
        /** Milliseconds with one decimal. */
        MS,
        /** Milliseconds, whole. */
        MS0,
        /** Short axis labels: {@code -301.3M}. */
        SHORT,
        /** A rate as a percentage with three decimals. */
        PERCENT,
        /** Bytes as MiB. */
        MIB,
        /** Any value: up to 10 significant digits. */
        GENERAL;

        String format(double v) {
            return switch (this) {
                case MONEY -> String.format(Locale.ROOT, "%,.2f", v);
                case INT -> String.format(Locale.ROOT, "%,d", Math.round(v));
                case MS -> String.format(Locale.ROOT, "%,.1f", v);
                case MS0 -> String.format(Locale.ROOT, "%,.0f", v);
                case SHORT -> shortNumber(v);
                case PERCENT -> String.format(Locale.ROOT, "%.3f%%", v * 100);
                case MIB -> String.format(Locale.ROOT, "%.1f MiB", v / 1048576.0);
                case GENERAL -> general(v);
            };
        }

        private static String shortNumber(double v) {
            double a = Math.abs(v);
            if (a >= 1e9) {
                return String.format(Locale.ROOT, "%.2fB", v / 1e9);
            }
            if (a >= 1e6) {
                return String.format(Locale.ROOT, "%.2fM", v / 1e6);
            }
            if (a >= 1e4) {
                return String.format(Locale.ROOT, "%.1fk", v / 1e3);
            }
            if (v == 0 || a < 1e-4) {
                return general(v);
            }
            return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
        }

        private static String general(double v) {
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                return String.format(Locale.ROOT, "%,d", (long) v);
            }
            String s = new java.math.BigDecimal(v).round(new java.math.MathContext(10)).stripTrailingZeros().toPlainString();
            return Math.abs(v) >= 1e-4 || v == 0 ? s : String.format(Locale.ROOT, "%.4e", v);
        }
    }

    /** A JSON Pointer reference token: {@code ~} and {@code /} escaped. */
    static String ptr(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:0;color:#1d2733;background:#f6f7f9}
            header{background:#1d2b3a;color:#fff;padding:16px 28px 8px}header h1{margin:0 0 4px;font-size:22px}
            header code{color:#cfe3ff}.sub{margin:2px 0;color:#d6dde6}nav a{color:#9cc7ff;margin-right:16px;text-decoration:none}
            nav{margin:10px 0 4px}main{padding:8px 28px 40px;max-width:1100px}
            section{overflow-x:auto;background:#fff;border:1px solid #dde2e8;border-radius:8px;padding:8px 18px 16px;margin:18px 0}
            h2{font-size:18px;margin:10px 0}h3{font-size:15px;margin:14px 0 6px}
            table{border-collapse:collapse;margin:8px 0;font-variant-numeric:tabular-nums}
            th,td{border-bottom:1px solid #e6e9ee;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f0f3f6;font-weight:600}
            td.r{text-align:right}.na{color:#7a8591}.error{color:#a12020}code.hash{font-size:11px;word-break:break-all}
            .badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600}
            .badge.ok{background:#d9f2e1;color:#17642f}.badge.bad{background:#fde0dc;color:#9b1c12}
            svg{display:block;margin:6px 0;max-width:100%;height:auto}svg text{font-size:11px;fill:#3a4653}
            .axis line{stroke:#8a96a3}.axis line.grid{stroke:#edf0f3}.axis.x text{text-anchor:middle}.axis.y text{text-anchor:end}
            .axis text.axis-label{text-anchor:middle;fill:#66717d}.chart-title{font-weight:600}
            rect.bin{fill:#5b8fd1}rect.bin:hover{fill:#2f6bb8}
            .marker line{stroke:#c0392b;stroke-width:1.2;stroke-dasharray:4 3}.marker text{fill:#8e2a1f;font-weight:600}
            .marker-0 line{stroke:#111;stroke-dasharray:none}.marker-0 text{fill:#111}
            .gantt text.label{text-anchor:end;font-weight:600}.gantt text.note{fill:#8e2a1f}
            rect.span,.key.span{fill:#e8edf3;background:#e8edf3}rect.chunk.ok,.key.ok{fill:#3f7fcf;background:#3f7fcf}
            rect.chunk.retried,.key.retried{fill:#e6a118;background:#e6a118}
            rect.chunk.timedout,.key.timedout{fill:#d35400;background:#d35400;stroke:#7b2d00;stroke-width:1.5;stroke-dasharray:3 2}
            rect.chunk.failed,.key.failed{fill:#c0392b;background:#c0392b}
            .legend .key{display:inline-block;width:14px;height:10px;margin:0 4px 0 12px;border-radius:2px}
            .charts{display:flex;flex-wrap:wrap;gap:10px}polyline.series{fill:none;stroke:#2f6bb8;stroke-width:1.8}
            circle.objective-point{fill:#2f6bb8}circle.parameter-point{fill:#17884a}
            polygon.band-0{fill:#cfe0f5}polygon.band-1{fill:#8fb6e8}polyline.median{fill:none;stroke:#1d4f91;stroke-width:2}
            .dag rect{fill:#eef4fb;stroke:#5b8fd1}.dag .source rect{fill:#f3f7ee;stroke:#6a9a3a}.dag .output rect{fill:#fbf3e6;stroke:#c9892b}
            .dag text{text-anchor:middle;font-size:12px;font-weight:600}.dag text.small{font-size:10px;font-weight:400;fill:#66717d}
            .dag line{stroke:#7d8a97;stroke-width:1.3}.dag marker path{fill:#7d8a97}.dag .edge text{font-size:10px;font-weight:400;fill:#66717d}
            ul.warnings li{margin:3px 0}details{margin:6px 0}summary{cursor:pointer;color:#2f6bb8}
            """;
}
