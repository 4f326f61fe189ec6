package io.livecalc.examples;

import io.livecalc.api.AMCredentials;
import io.livecalc.api.BufferType;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.EngineInfo;
import io.livecalc.api.ExecutionResult;
import io.livecalc.api.ICalcEngine;
import io.livecalc.api.PortSpec;
import io.livecalc.api.ScenarioRecord;
import io.livecalc.api.ScenarioTotalRecord;
import io.livecalc.buffers.BufferInfo;
import io.livecalc.buffers.BufferManager;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;

/**
 * Two engines chained through one off-heap buffer: a flat-rate scenario generator writes SCENARIO
 * records, and a discounter reads those very bytes and writes the present value of 1 per year for every
 * scenario. Run: {@code ./mvnw -q -pl examples -am package} then the main method (the tests run it).
 */
public final class ZeroCopyHandOff {

    public static void main(String[] args) {
        System.out.println(run(3, 50, 0.03));
    }

    /** Returns the annuity value of the first scenario. */
    public static double run(int scenarios, int years, double rate) {
        try (BufferManager buffers = new BufferManager();
             ICalcEngine esg = new FlatRateScenarios(); ICalcEngine discounter = new Annuity()) {
            esg.initialize(EngineConfig.of("esg", Map.of("rate", rate, "years", years)), null);
            discounter.initialize(EngineConfig.of("annuity", Map.of()), null);
            BufferInfo rates = buffers.allocate(BufferType.SCENARIO, "esg.scenarios", (long) scenarios * years);
            BufferInfo totals = buffers.allocate(BufferType.SCENARIO_TOTAL, "annuity.totals", scenarios);
            esg.runChunk(MemorySegment.NULL, rates.segment());           // the ESG writes the rates ...
            discounter.runChunk(rates.segment(), totals.segment());      // ... the next engine reads the same bytes
            return ScenarioTotalRecord.npv(totals.segment(), 0);
        }
    }

    /** Writes {@code years} records per scenario with a flat rate. */
    static final class FlatRateScenarios implements ICalcEngine {
        private double rate;
        private int years;
        private boolean initialized;

        @Override
        public void initialize(EngineConfig config, AMCredentials credentials) {
            config.requireKnownKeys(List.of("rate", "years"));
            rate = config.getDouble("rate");
            years = config.getInt("years");
            initialized = true;
        }

        @Override
        public EngineInfo getInfo() {
            return new EngineInfo("Flat-rate scenarios", "1.0", "esg", false, Long.MAX_VALUE, List.of(),
                    List.of(PortSpec.required("scenarios", BufferType.SCENARIO, "flat-rate scenarios")));
        }

        @Override
        public ExecutionResult runChunk(MemorySegment input, MemorySegment output) {
            long n = output.byteSize() / ScenarioRecord.SIZE;
            for (long i = 0; i < n; i++) {
                ScenarioRecord.scenarioId(output, i, i / years);
                ScenarioRecord.year(output, i, i % years + 1);
                ScenarioRecord.rate(output, i, rate);
            }
            return ExecutionResult.success(0, n, output.byteSize());
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

    /** Present value of 1 paid at the end of every year, per scenario. */
    static final class Annuity implements ICalcEngine {
        private boolean initialized;

        @Override
        public void initialize(EngineConfig config, AMCredentials credentials) {
            config.requireKnownKeys(List.of());
            initialized = true;
        }

        @Override
        public EngineInfo getInfo() {
            return new EngineInfo("Annuity", "1.0", "valuation", false, Long.MAX_VALUE,
                    List.of(PortSpec.required("scenarios", BufferType.SCENARIO, "rates by scenario and year")),
                    List.of(PortSpec.required("totals", BufferType.SCENARIO_TOTAL, "annuity value per scenario")));
        }

        @Override
        public ExecutionResult runChunk(MemorySegment input, MemorySegment output) {
            long rows = input.byteSize() / ScenarioRecord.SIZE;
            long scenarios = output.byteSize() / ScenarioTotalRecord.SIZE;
            double v = 1;
            double pv = 0;
            for (long i = 0; i < rows; i++) {
                if (ScenarioRecord.year(input, i) == 1) {
                    v = 1;
                    pv = 0;
                }
                v /= 1 + ScenarioRecord.rate(input, i);
                pv += v;
                long s = ScenarioRecord.scenarioId(input, i);
                if (s < scenarios) {
                    ScenarioTotalRecord.scenarioId(output, s, s);
                    ScenarioTotalRecord.npv(output, s, pv);
                }
            }
            return ExecutionResult.success(0, rows, output.byteSize());
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
}
