package io.livecalc.orchestrator.run;

import io.livecalc.api.BufferType;
import io.livecalc.api.ConfigurationException;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.EngineExecutionException;
import io.livecalc.api.ExecutionResult;
import io.livecalc.api.ICalcEngine;
import io.livecalc.api.ParameterEvaluator;
import io.livecalc.api.SolutionRecord;
import io.livecalc.api.ValuationResult;
import io.livecalc.buffers.BufferInfo;
import io.livecalc.orchestrator.dag.Wire;
import io.livecalc.orchestrator.spi.PolicyStage;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluators for engines that re-value the portfolio (a solver). A parameter is the scenario totals producer's config
 * key ({@code premium_rate}, ...), or another engine's ({@code esg.drift}); each evaluation re-runs exactly the
 * engines that own a parameter it moves and every engine between them and the totals ({@link RunPlan#chain}), in the
 * pipeline's order, with the run's buffers for every other input. What the re-run engines write goes to buffers kept
 * for the solver ({@code <solver>.evaluation.<engine>.<port>}): allocated by the first evaluation, reused by the next
 * ones and by the next run of the pipeline.
 */
public final class SolverEvaluations {

    private static final Logger LOG = LoggerFactory.getLogger(SolverEvaluations.class);
    private static final Set<String> SOLVER_PARAMETERS = Set.copyOf(SolutionRecord.PARAMETERS);

    private final RunState state;
    /** The stage execution of the run, when there is one (known once the run opens it). */
    private final Supplier<StageExecution> stages;

    public SolverEvaluations(RunState state, Supplier<StageExecution> stages) {
        this.state = state;
        this.stages = stages;
    }

    /** The evaluator handed to {@code solver} ({@link io.livecalc.api.EvaluatorAware}). */
    public ParameterEvaluator evaluator(EngineNode solver) {
        Wire totals = solver.step.inputs().values().stream()
                .filter(w -> w.engine() != null && w.type().equals(BufferType.SCENARIO_TOTAL)).findFirst().orElse(null);
        if (totals == null) {
            return parameters -> {
                throw new ConfigurationException("engine '" + solver.id() + "' has no scenario totals input from an engine to re-run");
            };
        }
        Map<String, BufferInfo> kept = new ConcurrentHashMap<>();
        AtomicLong evaluations = new AtomicLong();
        return parameters -> {
            EngineNode producer = state.nodes.get(totals.engine());
            Map<String, Map<String, Double>> byOwner = owners(solver, producer, parameters);
            List<String> chain = List.copyOf(state.plan.chain(byOwner.keySet(), producer.id()));
            // an engine run as a stage elsewhere can be re-run there only alone, as the totals' producer
            for (String id : chain) {
                if (state.nodes.get(id).stage != null && !chain.equals(List.of(producer.id()))) {
                    throw new ConfigurationException("engine '" + solver.id() + "': its evaluations would re-run " + chain + ", but '" + id
                            + "' runs on " + state.options.engine().name() + ", which re-runs a stage alone as the totals' producer;"
                            + " parameters of " + byOwner.keySet() + " need a local run");
                }
            }
            if (producer.stage != null) {
                PolicyStage.Outcome r = stages.get().rerun(producer, parameters); // the remote stage again, totals only
                state.listener.evaluationCompleted(solver.id(), (int) evaluations.incrementAndGet(), chain, Map.copyOf(parameters));
                return ValuationResult.ofScenarioTotals(r.scenarioTotals(), r.executionTimeMs());
            }
            Map<String, MemorySegment> rerun = new HashMap<>(); // engine.port -> what this evaluation wrote
            double time = 0;
            for (String id : chain) {
                EngineNode n = state.nodes.get(id);
                time += rerun(solver, n, n == producer ? totals.enginePort() : null, chain, byOwner.getOrDefault(id, Map.of()), rerun, kept);
            }
            LOG.atDebug().addKeyValue("event", "solver_evaluation").addKeyValue("engine_id", solver.id()).addKeyValue("engines", chain)
                    .log("solver {} re-ran {}", solver.id(), chain);
            state.listener.evaluationCompleted(solver.id(), (int) evaluations.incrementAndGet(), chain, Map.copyOf(parameters));
            return ValuationResult.ofScenarioTotals(rerun.get(producer.id() + "." + totals.enginePort()), time);
        };
    }

    /** The parameters by the engine whose config key each one sets; unknown names and engines are refused. */
    private Map<String, Map<String, Double>> owners(EngineNode solver, EngineNode producer, Map<String, Double> parameters) {
        Map<String, Map<String, Double>> byOwner = new LinkedHashMap<>();
        Set<String> upstream = state.plan.upstream(producer.id());
        for (Map.Entry<String, Double> e : parameters.entrySet()) {
            String name = e.getKey();
            int dot = name.indexOf('.');
            String owner = SOLVER_PARAMETERS.contains(name) ? producer.id() : ParameterEvaluator.isEngineKey(name) ? name.substring(0, dot) : null;
            if (owner == null) {
                throw new ConfigurationException("engine '" + solver.id() + "': unknown parameter '" + name + "'; known: "
                        + new TreeSet<>(SOLVER_PARAMETERS) + ", or <engine>.<config key> of an engine upstream");
            }
            if (!state.nodes.containsKey(owner) || !upstream.contains(owner)) {
                throw new ConfigurationException("engine '" + solver.id() + "': parameter '" + name + "' names engine '" + owner
                        + "', which is not '" + producer.id() + "' or upstream of it; engines upstream: " + upstream);
            }
            byOwner.computeIfAbsent(owner, k -> new LinkedHashMap<>()).put(SOLVER_PARAMETERS.contains(name) ? name : name.substring(dot + 1),
                    e.getValue());
        }
        return byOwner;
    }

    /**
     * Re-runs one engine of an evaluation with {@code changes} to its config, over every policy chunk when it is fed
     * policies; writes the ports the rest of the chain reads (and {@code totalsPort}) into kept buffers.
     *
     * @return the engine's execution time
     */
    private double rerun(EngineNode solver, EngineNode n, String totalsPort, List<String> chain, Map<String, Double> changes,
                         Map<String, MemorySegment> rerun, Map<String, BufferInfo> kept) {
        Set<String> ports = new LinkedHashSet<>();
        if (totalsPort != null) {
            ports.add(totalsPort);
        }
        for (String reader : chain) {
            state.plan.step(reader).inputs().values().stream().filter(w -> n.id().equals(w.engine())).forEach(w -> ports.add(w.enginePort()));
        }
        long chunks = n.chunks();
        if (chunks > 1 && ports.stream().anyMatch(p -> !n.step.outputs().get(p).equals(BufferType.SCENARIO_TOTAL))) {
            throw new ConfigurationException("engine '" + solver.id() + "' must re-run '" + n.id() + "', which runs in policy chunks and hands"
                    + " on per-pair output: let one chunk hold every policy (a larger execution.memory_budget_mb)");
        }
        EngineConfig config = n.config;
        for (Map.Entry<String, Double> e : changes.entrySet()) {
            config = config.with(e.getKey(), e.getValue());
        }
        ICalcEngine engine = state.newEngine(n);
        double time = 0;
        try {
            engine.initialize(config, state.credentials());
            for (long c = 0; c < chunks; c++) {
                Map<String, MemorySegment> in = state.inputs(n, c);
                n.step.inputs().forEach((port, w) -> {
                    MemorySegment fresh = w.engine() == null ? null : rerun.get(w.reference());
                    if (fresh != null) {
                        in.put(port, fresh);
                    }
                });
                Map<String, MemorySegment> out = new LinkedHashMap<>();
                for (String port : ports) {
                    BufferType type = n.step.outputs().get(port);
                    long records = ChunkSizing.required(n, engine.outputRecords(port, in), port, in);
                    String name = solver.id() + ".evaluation." + n.id() + "." + port;
                    BufferInfo b = kept.get(name);
                    if (b == null || b.recordCount() < records) {
                        if (b != null) {
                            state.buffers.release(name);
                        }
                        b = state.buffers.acquire(type, name, Math.max(1, records));
                        kept.put(name, b);
                        state.notePeak();
                    }
                    MemorySegment view = b.segment().asSlice(0, records * type.recordSize());
                    if (c == 0) {
                        view.fill((byte) 0); // chunked totals accumulate: each evaluation starts from zero
                    }
                    out.put(port, view);
                }
                ExecutionResult r = engine.runChunk(in, out);
                if (!r.success()) {
                    throw new EngineExecutionException("re-running engine '" + n.id() + "' for '" + solver.id() + "' failed: " + r.errorMessage());
                }
                time += r.executionTimeMs();
                out.forEach((port, seg) -> rerun.put(n.id() + "." + port, seg));
            }
            return time;
        } finally {
            engine.dispose();
        }
    }
}
