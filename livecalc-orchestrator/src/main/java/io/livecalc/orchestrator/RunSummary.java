package io.livecalc.orchestrator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.livecalc.api.AtomicFile;
import io.livecalc.api.LivecalcVersion;
import io.livecalc.api.ValuationResult;
import io.livecalc.buffers.BufferInfo;
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
final class RunSummary {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunSummary() {
    }

    /** {@code results.parquet} -> {@code results.summary.json}, in the same folder. */
    static Path pathFor(Path output) {
        String name = output.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return output.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".summary.json");
    }

    static Path write(Pipeline pipeline, PipelineResult result, Map<String, BufferInfo> sources, Path output) {
        Path file = pathFor(output);
        Map<String, Object> root = toMap(pipeline, result, sources);
        try {
            AtomicFile.write(file, tmp -> JSON.writeValue(tmp.toFile(), root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run summary " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    static Map<String, Object> toMap(Pipeline pipeline, PipelineResult result, Map<String, BufferInfo> sources) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("livecalc_version", LivecalcVersion.current().version());
        root.put("livecalc_commit", LivecalcVersion.current().commit());
        root.put("dag", pipeline.source());
        root.put("finished_at", Instant.now().toString());
        root.put("wall_time_ms", result.wallTimeMs());
        root.put("success", result.success());
        root.put("partial", result.partial());
        result.output().ifPresent(o -> root.put("output", o.toString()));
        List<Map<String, Object>> inputs = new ArrayList<>();
        pipeline.dataSources().values().forEach(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("path", s.path().toString());
            m.put("format", s.format().jsonName());
            m.put("kind", s.kind().name().toLowerCase(java.util.Locale.ROOT));
            BufferInfo b = sources.get(s.id());
            if (b != null) {
                m.put("records", b.recordCount());
            }
            try {
                m.put("bytes", Files.size(s.path()));
                m.put("last_modified", Files.getLastModifiedTime(s.path()).toInstant().toString());
            } catch (IOException e) {
                m.put("bytes", null);
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
            m.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
            m.put("chunks", r.chunks());
            m.put("execution_time_ms", r.executionTimeMs());
            m.put("rows_processed", r.rowsProcessed());
            m.put("bytes_written", r.bytesWritten());
            m.put("warnings", r.warnings());
            if (r.error() != null) {
                m.put("error", r.error());
            }
            Object report = result.reports().get(r.engineId());
            if (report != null) {
                m.put("report", report);
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
        return s;
    }

}
