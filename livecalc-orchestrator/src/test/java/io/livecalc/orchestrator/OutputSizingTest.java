package io.livecalc.orchestrator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livecalc.api.AMCredentials;
import io.livecalc.api.BufferType;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.EngineInfo;
import io.livecalc.api.ExecutionResult;
import io.livecalc.api.ICalcEngine;
import io.livecalc.api.OutputSize;
import io.livecalc.api.PortSpec;
import io.livecalc.api.ScenarioTotalRecord;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A custom engine's output buffers: sized by the port's declaration, or refused at build() naming the remedies. */
class OutputSizingTest {

    /** Doubles scenario totals; its output size declared with the port, or not at all. */
    static class Doubling implements ICalcEngine {
        private final OutputSize size;
        private boolean initialized;

        Doubling(OutputSize size) {
            this.size = size;
        }

        @Override
        public void initialize(EngineConfig config, AMCredentials credentials) {
            initialized = true;
        }

        @Override
        public EngineInfo getInfo() {
            PortSpec out = PortSpec.required("doubled", BufferType.SCENARIO_TOTAL, "twice the totals");
            return new EngineInfo("Doubling", "1", size == null ? "doubling_unsized" : "doubling", false, Long.MAX_VALUE,
                    List.of(PortSpec.required("totals", BufferType.SCENARIO_TOTAL, "totals")), List.of(size == null ? out : out.sized(size)));
        }

        @Override
        public ExecutionResult runChunk(MemorySegment in, MemorySegment out) {
            for (long i = 0; i < in.byteSize() / ScenarioTotalRecord.SIZE; i++) {
                ScenarioTotalRecord.scenarioId(out, i, ScenarioTotalRecord.scenarioId(in, i));
                ScenarioTotalRecord.npv(out, i, 2 * ScenarioTotalRecord.npv(in, i));
            }
            return ExecutionResult.success(0, in.byteSize() / ScenarioTotalRecord.SIZE, out.byteSize());
        }

        @Override
        public void dispose() {
            initialized = false;
        }

        @Override
        public boolean isInitialized() {
            return initialized;
        }
    }

    private static PipelineBuilder esgProjection() {
        return Pipeline.builder()
                .policies("policies", io.livecalc.engines.ReferenceData.upstream("sample_policies.csv"))
                .scenarios("scenarios", io.livecalc.engines.ReferenceData.upstream("sample_scenarios.csv"))
                .engine("projection", "projection", e -> e.input("policies").input("scenarios")
                        .config(io.livecalc.engines.ReferenceData.sampleAssumptions()));
    }

    @Test
    void aDeclaredOutputSizeSizesTheBufferWithoutOutputRecords() {
        try (PipelineResult r = esgProjection().engine("double", () -> new Doubling(OutputSize.sameAs("totals")),
                e -> e.input("projection.scenario_totals")).build().run()) {
            assertTrue(r.success(), r.engines().toString());
            double[] totals = r.valuation("projection").scenarioNpvs();
            double[] doubled = r.valuation("double").scenarioNpvs();
            for (int i = 0; i < totals.length; i++) {
                totals[i] *= 2;
            }
            assertArrayEquals(totals, doubled);
        }
    }

    @Test
    void anEngineThatCannotBeSizedIsAProblemOfBuildNamingTheRemedies() {
        DagValidationException e = assertThrows(DagValidationException.class, () -> esgProjection()
                .engine("double", () -> new Doubling(null), s -> s.input("projection.scenario_totals")).build());
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals("engine(\"double\"): engine 'double' (doubling_unsized) cannot say how many records it writes to 'doubled', so its"
                + " buffer cannot be sized: declare the size on the port (PortSpec.sized(OutputSize.sameAs(\"<input port>\")) or"
                + " OutputSize.fixed(n)), or implement ICalcEngine.outputRecords (README, \"Writing your own engine\"); a Python class: a"
                + " method output_records(port, inputs) returning the count, or config key 'python.output_records'",
                e.problems().get(0).toString());
    }

    @Test
    void aTypeNameTakenByAnotherEngineIsAProblemOfBuild() {
        DagValidationException e = assertThrows(DagValidationException.class, () -> esgProjection()
                .engine("double", () -> new Doubling(OutputSize.sameAs("totals")) {
                    @Override
                    public EngineInfo getInfo() {
                        EngineInfo i = super.getInfo();
                        return new EngineInfo(i.name(), i.version(), "projection", false, Long.MAX_VALUE, i.inputPorts(), i.outputPorts());
                    }
                }, s -> s.input("projection.scenario_totals")).build());
        assertTrue(e.getMessage().contains("engine type 'projection' of io.livecalc.orchestrator.OutputSizingTest$1 is already registered for"
                + " io.livecalc.engines.projection.ProjectionEngine; give your engine another engineType in its EngineInfo"), e.getMessage());
    }
}
