package io.livecalc.orchestrator.run;

import io.livecalc.api.BufferType;
import io.livecalc.api.EngineInfo;
import io.livecalc.api.PortSpec;
import io.livecalc.orchestrator.Pipeline;
import io.livecalc.orchestrator.dag.EngineSpec;
import io.livecalc.orchestrator.dag.OutputSpec;
import io.livecalc.orchestrator.dag.Wire;
import io.livecalc.orchestrator.dag.internal.PipelineValidator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a run of a pipeline does, decided before anything runs: the engines in the pipeline's order, what feeds each
 * input, which output buffers each engine gets, which engine runs on the stage executor (Spark), and where the
 * output file comes from. Immutable; {@link #describe()} prints it. Chunk sizes are not part of it: they depend on
 * the data loaded and the memory left when the engine starts ({@link ChunkSizing}).
 */
public final class RunPlan {

    /**
     * One engine of the plan.
     *
     * @param inputs       port -> what feeds it, in the engine's port order
     * @param policyPort   the port a policies data source feeds (the engine runs per policy chunk), or {@code null}
     * @param outputs      ports to allocate and their buffer types: required outputs, outputs the DAG asks for, outputs
     *                     read downstream, the output file's (on the stage executor: the scenario totals only)
     * @param remote       runs on the stage executor named by the execution engine
     * @param outputPort   the port the output file is written from, or {@code null}
     */
    public record Step(EngineSpec spec, EngineInfo info, Map<String, Wire> inputs, String policyPort, Map<String, BufferType> outputs,
                       boolean remote, String outputPort) {

        public String id() {
            return spec.id();
        }

        /** The output file is streamed chunk by chunk from this engine (per-pair records), not written at the end. */
        public boolean streamsOutput() {
            return outputPort != null && perPair(outputs.get(outputPort));
        }
    }

    private final Map<String, Step> steps;

    private RunPlan(Map<String, Step> steps) {
        this.steps = Collections.unmodifiableMap(steps);
    }

    /** The plan of a validated pipeline. */
    public static RunPlan of(Pipeline pipeline) {
        boolean local = pipeline.execution().engine().isLocal();
        Map<String, Step> steps = new LinkedHashMap<>();
        for (EngineSpec e : pipeline.engines()) {
            EngineInfo info = pipeline.engineInfo(e.id());
            Map<String, Wire> inputs = pipeline.inputsOf(e.id());
            String policyPort = null;
            for (Map.Entry<String, Wire> w : inputs.entrySet()) {
                if (w.getValue().engine() == null && w.getValue().type().equals(BufferType.INPUT)) {
                    policyPort = w.getKey();
                    break;
                }
            }
            boolean remote = !local && policyPort != null;
            String outputPort = pipeline.output().map(OutputSpec::from).filter(f -> f.startsWith(e.id() + "."))
                    .map(f -> f.substring(e.id().length() + 1)).orElse(null);
            Map<String, BufferType> outputs = new LinkedHashMap<>();
            if (remote) {
                // the stage hands back its scenario totals only (StageExecution says so when there are none)
                info.outputPorts().stream().filter(p -> p.bufferType().equals(BufferType.SCENARIO_TOTAL)).findFirst()
                        .ifPresent(p -> outputs.put(p.name(), p.bufferType()));
            } else {
                for (String port : outputPorts(pipeline, e, info, outputPort)) {
                    outputs.put(port, info.outputPort(port).orElseThrow().bufferType());
                }
            }
            steps.put(e.id(), new Step(e, info, inputs, policyPort, Collections.unmodifiableMap(outputs), remote, outputPort));
        }
        return new RunPlan(steps);
    }

    private static Set<String> outputPorts(Pipeline pipeline, EngineSpec e, EngineInfo info, String outputPort) {
        Set<String> ports = new LinkedHashSet<>();
        info.outputPorts().stream().filter(PortSpec::required).forEach(p -> ports.add(p.name()));
        ports.addAll(e.outputs());
        for (EngineSpec reader : pipeline.engines()) {
            pipeline.inputsOf(reader.id()).values().stream().filter(w -> e.id().equals(w.engine())).forEach(w -> ports.add(w.enginePort()));
        }
        if (outputPort != null) {
            ports.add(outputPort);
        }
        return ports;
    }

    /** The engines in the pipeline's order. */
    public Collection<Step> steps() {
        return steps.values();
    }

    public Step step(String engineId) {
        return steps.get(engineId);
    }

    /** Per-pair records (RESULT, RESULT_DETAIL): as many as policies times scenarios, the ones chunking is about. */
    public static boolean perPair(BufferType type) {
        return type != null && (type.equals(BufferType.RESULT) || type.equals(BufferType.RESULT_DETAIL));
    }

    /**
     * Names of the buffers another process maps: every buffer on a port of an engine whose
     * {@link EngineInfo#requiresSharedMemory()} (a Python engine), i.e. its outputs and what feeds its inputs.
     */
    public Set<String> sharedBufferNames() {
        Set<String> names = new HashSet<>();
        for (Step s : steps.values()) {
            if (s.info() != null && s.info().requiresSharedMemory()) {
                s.info().outputPorts().forEach(p -> names.add(s.id() + "." + p.name()));
                s.inputs().values().forEach(w -> names.add(w.engine() == null ? "source." + w.sourceId() : w.engine() + "." + w.enginePort()));
            }
        }
        return names;
    }

    /** {@code engineId} and every engine it reads from, directly or not (the validator's walk). */
    public Set<String> upstream(String engineId) {
        return PipelineValidator.upstream(engineId, id -> steps.get(id).inputs());
    }

    /** The engines downstream of (or being) an owner and upstream of (or being) {@code producer}, in the pipeline's order. */
    public List<String> chain(Set<String> owners, String producer) {
        Set<String> toProducer = upstream(producer);
        Set<String> affected = new HashSet<>(owners);
        List<String> chain = new ArrayList<>();
        for (Step s : steps.values()) {
            if (s.inputs().values().stream().anyMatch(w -> w.engine() != null && affected.contains(w.engine()))) {
                affected.add(s.id());
            }
            if (affected.contains(s.id()) && toProducer.contains(s.id())) {
                chain.add(s.id());
            }
        }
        return chain;
    }

    /** One line per engine: order, id, type, where it runs, what feeds it, what it writes. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        int i = 1;
        for (Step s : steps.values()) {
            List<String> in = new ArrayList<>();
            s.inputs().forEach((port, w) -> in.add(port + " <- " + w.reference() + (port.equals(s.policyPort()) ? " (per policy chunk)" : "")));
            List<String> out = new ArrayList<>();
            s.outputs().forEach((port, type) -> out.add(port + " " + type.name() + (port.equals(s.outputPort())
                    ? (s.streamsOutput() ? " -> output file, streamed" : " -> output file") : "")));
            if (s.remote() && s.outputPort() != null && !s.outputs().containsKey(s.outputPort())) {
                out.add(s.outputPort() + " -> output file, written by the stage executor");
            }
            lines.add(i++ + ". " + s.id() + " (" + s.spec().type() + (s.remote() ? ", on the stage executor" : "") + "): "
                    + (in.isEmpty() ? "no inputs" : String.join(", ", in)) + "; writes " + (out.isEmpty() ? "nothing" : String.join(", ", out)));
        }
        return lines;
    }
}
