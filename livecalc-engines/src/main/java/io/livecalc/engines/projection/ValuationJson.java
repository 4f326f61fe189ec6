package io.livecalc.engines.projection;

import io.livecalc.api.AtomicFile;
import io.livecalc.api.ValuationResult;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@link ValuationResult} in the original CLI's JSON shape:
 * <pre>
 * { "statistics": { "mean_npv", "std_dev", "percentiles": {"p50","p75","p90","p95","p99"}, "cte_95" },
 *   "execution_time_ms", "scenario_count", "distribution": [ NPV per scenario, in scenario order ] }
 * </pre>
 * Numbers are written in plain decimal notation with the shortest digits that read back to the same
 * double (the original printed six decimals; these parse to the same values to within that precision).
 */
public final class ValuationJson {

    // streaming only: a plain JsonFactory (jackson-core), not an ObjectMapper (databind, ~400 classes loaded at start-up)
    private static final JsonFactory JSON = new JsonFactory();

    private ValuationJson() {
    }

    public static void write(ValuationResult r, Writer out) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            write(r, g);
        }
    }

    public static void write(ValuationResult r, OutputStream out) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            write(r, g);
        }
    }

    /** Writes to {@code file} atomically ({@link AtomicFile}: a temporary file in the same folder, then a rename). */
    public static void write(ValuationResult r, Path file) throws IOException {
        AtomicFile.write(file, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                write(r, out);
            }
        });
    }

    /** The JSON as a string. */
    public static String toJson(ValuationResult r) {
        java.io.StringWriter w = new java.io.StringWriter();
        try {
            write(r, w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void write(ValuationResult r, JsonGenerator g) throws IOException {
        g.useDefaultPrettyPrinter();
        g.writeStartObject();
        g.writeObjectFieldStart("statistics");
        number(g, "mean_npv", r.mean());
        number(g, "std_dev", r.stdDev());
        g.writeObjectFieldStart("percentiles");
        number(g, "p50", r.p50());
        number(g, "p75", r.p75());
        number(g, "p90", r.p90());
        number(g, "p95", r.p95());
        number(g, "p99", r.p99());
        g.writeEndObject();
        number(g, "cte_95", r.cte95());
        g.writeEndObject();
        number(g, "execution_time_ms", r.executionTimeMs());
        g.writeNumberField("scenario_count", r.scenarioCount());
        g.writeArrayFieldStart("distribution");
        for (double x : r.scenarioNpvs()) {
            g.writeNumber(plain(x));
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeRaw(System.lineSeparator());
    }

    private static void number(JsonGenerator g, String name, double v) throws IOException {
        g.writeFieldName(name);
        g.writeNumber(plain(v));
    }

    static String plain(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("JSON cannot hold " + v);
        }
        return new BigDecimal(Double.toString(v)).toPlainString();
    }
}
