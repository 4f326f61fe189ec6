package io.livecalc.orchestrator.run;

import io.livecalc.api.BufferType;
import io.livecalc.api.ConfigurationException;
import io.livecalc.buffers.BufferInfo;
import io.livecalc.orchestrator.ChunkRun;
import io.livecalc.orchestrator.ExecutionEngine;
import io.livecalc.orchestrator.dag.OutputSpec;
import io.livecalc.orchestrator.dag.Wire;
import io.livecalc.orchestrator.spi.PolicyStage;
import io.livecalc.orchestrator.spi.StageExecutor;
import io.livecalc.orchestrator.spi.StageExecutorProvider;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an engine fed by the policies data source on the stage executor the execution engine names (Spark): the
 * policies are read where the stage runs, the stage gets the other inputs and writes its per-pair output itself, and
 * its scenario totals come back into a buffer here, so downstream engines and the solver work unchanged.
 */
public final class StageExecution implements EngineExecution, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StageExecution.class);

    private final RunState state;
    private final OutputSinks sinks;
    private final StageExecutor executor;

    private StageExecution(RunState state, OutputSinks sinks, StageExecutor executor) {
        this.state = state;
        this.sinks = sinks;
        this.executor = executor;
    }

    /** The stage execution for a non-local execution engine, from ServiceLoader; {@code null} for a local run. */
    public static StageExecution open(RunState state, OutputSinks sinks) {
        ExecutionEngine engine = state.options.engine();
        if (engine.isLocal()) {
            return null;
        }
        List<String> found = new ArrayList<>();
        for (StageExecutorProvider p : ServiceLoader.load(StageExecutorProvider.class)) {
            if (p.name().equalsIgnoreCase(engine.name())) {
                LOG.atDebug().addKeyValue("event", "stage_executor").addKeyValue("engine", engine.name())
                        .addKeyValue("master", engine.master()).log("policy stages run on {} (master {})", engine.name(), engine.master());
                return new StageExecution(state, sinks, p.open(engine));
            }
            found.add(p.name());
        }
        throw new ConfigurationException("execution engine '" + engine.name() + "' is not available: no StageExecutorProvider named '"
                + engine.name() + "' on the class path (found: " + found + "); for Spark, put livecalc-spark and Spark's jars on the "
                + "class path (README, \"Running on Spark\")");
    }

    @Override
    public void execute(EngineNode n, Tally tally) {
        state.listener.engineStarted(n.id(), 1);
        double chunkStart = state.sinceStart();
        PolicyStage.Outcome r = runStage(n);
        tally.timeline.add(new ChunkRun(1, chunkStart, state.sinceStart() - chunkStart, 1, 0, true));
        if (!r.report().isEmpty()) {
            state.reports.put(n.id(), r.report());
        }
        state.listener.chunkCompleted(n.id(), 1, 1, r.executionTimeMs());
        tally.chunks = 1;
        tally.timeMs = r.executionTimeMs();
        tally.rows = r.policies();
        tally.bytes = r.scenarioTotals().byteSize() + r.rowsWritten() * (r.output() == null ? 0
                : n.step.info().outputPort(n.stage.perPairPort()).orElseThrow().bufferType().recordSize());
    }

    /** Runs the stage again with changed parameters (a solver's evaluation): its scenario totals only. */
    public PolicyStage.Outcome rerun(EngineNode n, Map<String, Double> parameters) {
        return executor.run(n.stage, Map.copyOf(parameters));
    }

    private PolicyStage.Outcome runStage(EngineNode n) {
        String policyPort = n.step.policyPort();
        String engineName = state.options.engine().name();
        Map<String, MemorySegment> other = new LinkedHashMap<>();
        n.step.inputs().forEach((port, w) -> {
            if (!port.equals(policyPort)) {
                other.put(port, w.engine() == null ? state.sources.get(w.sourceId()).segment() : state.nodes.get(w.engine()).writtenTo(w.enginePort()));
            }
        });
        if (n.step.outputs().isEmpty()) {
            throw new ConfigurationException("engine '" + n.id() + "' (" + n.step.spec().type() + ") has no scenario totals output, so it"
                    + " cannot run on " + engineName);
        }
        String totalsPort = n.step.outputs().keySet().iterator().next();
        for (RunPlan.Step reader : state.plan.steps()) {
            for (Wire w : reader.inputs().values()) {
                if (n.id().equals(w.engine()) && !w.enginePort().equals(totalsPort)) {
                    throw new ConfigurationException("engine '" + reader.id() + "' reads '" + w.reference() + "', but '" + n.id()
                            + "' runs on " + engineName + " and hands back its scenario totals only");
                }
            }
        }
        OutputSpec o = state.pipeline.output().filter(f -> n.step.outputPort() != null).orElse(null);
        String perPairPort = o == null ? null : n.step.outputPort();
        BufferType perPairType = perPairPort == null ? null : n.step.info().outputPort(perPairPort).orElseThrow().bufferType();
        if (perPairType != null && !RunPlan.perPair(perPairType)) {
            perPairPort = null;
            perPairType = null;
        }
        n.config = state.config(n);
        n.stage = new PolicyStage(n.id(), n.step.spec().type(), n.config, state.credentials(), policyPort,
                state.pipeline.dataSources().get(n.step.inputs().get(policyPort).sourceId()), other, totalsPort, perPairPort,
                perPairType, perPairPort == null ? null : o.path());
        PolicyStage.Outcome r = executor.run(n.stage, Map.of());
        long records = r.scenarioTotals().byteSize() / BufferType.SCENARIO_TOTAL.recordSize();
        BufferInfo b = state.buffers.acquire(BufferType.SCENARIO_TOTAL, n.id() + "." + totalsPort, Math.max(1, records));
        MemorySegment.copy(r.scenarioTotals(), 0, b.segment(), 0, r.scenarioTotals().byteSize());
        n.outputs.put(totalsPort, b);
        n.written.put(totalsPort, records);
        state.notePeak();
        if (r.output() != null) {
            sinks.writtenElsewhere(r.output());
        }
        return r;
    }

    @Override
    public void close() {
        executor.close();
    }
}
