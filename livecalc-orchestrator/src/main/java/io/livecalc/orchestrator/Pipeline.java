package io.livecalc.orchestrator;

import io.livecalc.api.AMCredentials;
import io.livecalc.api.EngineInfo;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A validated, immutable pipeline: data sources, engines in execution order with their resolved wiring,
 * the output, credentials and execution options. Built by {@link PipelineBuilder} or loaded from a DAG
 * JSON file with {@link #fromJson}; both produce the same model.
 */
public final class Pipeline {

    private final String source;
    private final Path baseDirectory;
    private final Map<String, DataSourceSpec> dataSources;
    private final List<EngineSpec> engines;
    private final Map<String, EngineInfo> engineInfos;
    private final Map<String, Map<String, Wire>> wiring;
    private final OutputSpec output;
    private final AMCredentials credentials;
    private final ExecutionOptions execution;

    Pipeline(String source, Path baseDirectory, PipelineValidator.Result r, AMCredentials credentials, ExecutionOptions execution) {
        this.source = source;
        this.baseDirectory = baseDirectory;
        this.dataSources = Collections.unmodifiableMap(r.sources());
        this.engines = List.copyOf(r.order());
        this.engineInfos = Map.copyOf(r.infos());
        Map<String, Map<String, Wire>> w = new java.util.LinkedHashMap<>();
        r.wiring().forEach((k, v) -> w.put(k, Collections.unmodifiableMap(v)));
        this.wiring = Collections.unmodifiableMap(w);
        this.output = r.output();
        this.credentials = credentials;
        this.execution = execution;
    }

    /** Loads a DAG file, expanding {@code ${VAR}} from the process environment. */
    static PipelineBuilder jsonBuilder(Path dagFile, Function<String, String> environment) {
        return DagJsonReader.read(dagFile, environment, new PipelineBuilder());
    }

    /** Where the definition came from: the DAG file, or {@code "pipeline"} for the builder. */
    public String source() {
        return source;
    }

    /** Folder that relative paths were resolved against. */
    public Path baseDirectory() {
        return baseDirectory;
    }

    public Map<String, DataSourceSpec> dataSources() {
        return dataSources;
    }

    /** Engines in a topological order (producers before consumers; ties in declaration order). */
    public List<EngineSpec> engines() {
        return engines;
    }

    public EngineInfo engineInfo(String engineId) {
        return engineInfos.get(engineId);
    }

    /** Input port to wire, per engine id. */
    public Map<String, Wire> inputsOf(String engineId) {
        return wiring.getOrDefault(engineId, Map.of());
    }

    public Optional<OutputSpec> output() {
        return Optional.ofNullable(output);
    }

    public Optional<AMCredentials> credentials() {
        return Optional.ofNullable(credentials);
    }

    public ExecutionOptions execution() {
        return execution;
    }
}
