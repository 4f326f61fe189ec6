package io.livecalc.orchestrator.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.livecalc.api.AtomicFile;
import io.livecalc.api.LivecalcVersion;
import io.livecalc.api.ValuationResult;
import io.livecalc.orchestrator.ChunkRun;
import io.livecalc.orchestrator.Pipeline;
import io.livecalc.orchestrator.PipelineResult;
import io.livecalc.orchestrator.ScenarioFan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON run summary written beside a pipeline's output: what ran, on which inputs, how long it took,
 * whether it is partial, and the valuation statistics, so that a result file can always be traced back to
 * what produced it. Contains no configuration values and no credentials.
 */
public final class RunSummary {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunSummary() {
    }

    /** {@code results.parquet} -> {@code results.summary.json}, in the same folder. */
    public static Path pathFor(Path output) {
        String name = output.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return output.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".summary.json");
    }

    public static Path write(Map<String, Object> root, Path output) {
        Path file = pathFor(output);
        try {
            AtomicFile.write(file, tmp -> Files.writeString(tmp, json(root)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run summary " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    /** The summary as the file holds it. */
    public static String json(Map<String, Object> root) {
        try {
            return JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("run summary not serialisable: " + e.getMessage(), e);
        }
    }

    public static Map<String, Object> toMap(Pipeline pipeline, PipelineResult result, Map<String, Long> sourceRecords, Instant finishedAt) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("livecalc_version", LivecalcVersion.current().version());
        root.put("livecalc_commit", LivecalcVersion.current().commit());
        root.put("dag", pipeline.source());
        root.put("finished_at", finishedAt.toString());
        root.put("wall_time_ms", result.wallTimeMs());
        root.put("success", result.success());
        root.put("partial", result.partial());
        result.output().ifPresent(o -> root.put("output", o.toString()));
        pipeline.output().ifPresent(o -> root.put("output_from", o.from()));
        List<Map<String, Object>> inputs = new ArrayList<>();
        pipeline.dataSources().values().forEach(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("path", s.where());
            m.put("format", s.inMemory() ? "memory" : s.format().jsonName());
            m.put("kind", s.kind().name().toLowerCase(java.util.Locale.ROOT));
            Long records = sourceRecords.get(s.id());
            if (records != null) {
                m.put("records", records);
            }
            if (s.inMemory()) {
                inputs.add(m);
                return;
            }
            try {
                m.put("bytes", Files.size(s.path()));
                m.put("last_modified", Files.getLastModifiedTime(s.path()).toInstant().toString());
                m.put("sha256", sha256(s.path()));
            } catch (IOException e) {
                m.putIfAbsent("bytes", null);
            }
            inputs.add(m);
        });
        root.put("data_sources", inputs);
        List<Map<String, Object>> engines = new ArrayList<>();
        result.engines().values().forEach(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.engineId());
            m.put("type", r.type());
            var info = pipeline.engineInfo(r.engineId());
            m.put("engine", info.name());
            m.put("engine_version", info.version());
            Map<String, Object> in = new LinkedHashMap<>();
            pipeline.inputsOf(r.engineId()).forEach((port, w) -> in.put(port, w.reference()));
            m.put("inputs", in);
            pipeline.engines().stream().filter(e -> e.id().equals(r.engineId())).findFirst().ifPresent(e -> m.put("outputs", e.outputs()));
            m.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
            m.put("chunks", r.chunks());
            m.put("execution_time_ms", r.executionTimeMs());
            m.put("rows_processed", r.rowsProcessed());
            m.put("bytes_written", r.bytesWritten());
            m.put("warnings", r.warnings());
            m.put("start_ms", r.startMs());
            m.put("end_ms", r.endMs());
            List<Map<String, Object>> timeline = new ArrayList<>();
            r.timeline().forEach(c -> {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("chunk", c.chunk());
                cm.put("start_ms", c.startMs());
                cm.put("duration_ms", c.durationMs());
                cm.put("attempts", c.attempts());
                cm.put("retries", c.retries());
                cm.put("timeouts", c.timeouts());
                cm.put("succeeded", c.succeeded());
                timeline.add(cm);
            });
            m.put("timeline", timeline);
            m.put("retries", r.timeline().stream().mapToInt(ChunkRun::retries).sum());
            m.put("timeouts", r.timeline().stream().mapToInt(ChunkRun::timeouts).sum());
            if (r.error() != null) {
                m.put("error", r.error());
            }
            Object report = result.reports().get(r.engineId());
            if (report != null) {
                m.put("report", report);
            }
            ScenarioFan fan = result.scenarioFans().get(r.engineId());
            if (fan != null) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("scenarios", fan.scenarios());
                f.put("percentiles", fan.percentiles());
                f.put("years", fan.years());
                f.put("rates", fan.rates());
                m.put("scenario_fan", f);
            }
            engines.add(m);
        });
        root.put("engines", engines);
        result.valuation().ifPresent(v -> root.put("statistics", statistics(v)));
        Map<String, Object> buffers = new LinkedHashMap<>();
        buffers.put("peak_bytes", result.peakBufferBytes());
        buffers.put("by_name", result.buffers());
        root.put("buffers", buffers);
        root.put("warnings", result.warnings());
        return root;
    }

    static Map<String, Object> statistics(ValuationResult v) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("scenario_count", v.scenarioCount());
        s.put("mean_npv", v.mean());
        s.put("std_dev", v.stdDev());
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("p50", v.p50());
        p.put("p75", v.p75());
        p.put("p90", v.p90());
        p.put("p95", v.p95());
        p.put("p99", v.p99());
        s.put("percentiles", p);
        s.put("cte_95", v.cte95());
        s.put("histogram", histogram(v.scenarioNpvs()));
        return s;
    }

    /** Most bins a histogram has. */
    static final int MAX_BINS = 50;

    /**
     * The NPV histogram: {@code min(50, ceil(sqrt(n)))} bins of equal width from the smallest to the largest NPV
     * (one bin when all are equal); bin {@code i} holds {@code min + i w <= x < min + (i + 1) w}, the last also
     * the largest value.
     */
    public static Map<String, Object> histogram(double[] npvs) {
        if (npvs.length == 0) { // no scenario totals: no bins (and no infinite bounds in the JSON)
            Map<String, Object> empty = new LinkedHashMap<>();
            empty.put("min", null);
            empty.put("max", null);
            empty.put("bin_width", null);
            empty.put("counts", new long[0]);
            return empty;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : npvs) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        int bins = min == max ? 1 : Math.min(MAX_BINS, (int) Math.ceil(Math.sqrt(npvs.length)));
        double width = (max - min) / bins;
        long[] counts = new long[bins];
        for (double x : npvs) {
            int i = width == 0 ? 0 : (int) Math.floor((x - min) / width);
            counts[Math.clamp(i, 0, bins - 1)]++;
        }
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("min", min);
        h.put("max", max);
        h.put("bin_width", width);
        h.put("counts", counts);
        return h;
    }

    /** SHA-256 of a file, lower-case hex. */
    static String sha256(Path file) throws IOException {
        java.security.MessageDigest digest;
        try {
            digest = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 not available", e);
        }
        if (Files.isDirectory(file)) {
            return null;
        }
        try (var in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int k; (k = in.read(buf)) > 0; ) {
                digest.update(buf, 0, k);
            }
        }
        return java.util.HexFormat.of().formatHex(digest.digest());
    }

}
