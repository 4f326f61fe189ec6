package io.livecalc.examples;

import io.livecalc.api.AMCredentials;
import io.livecalc.api.BufferType;
import io.livecalc.api.ConfigProblem;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.EngineInfo;
import io.livecalc.api.EngineProvider;
import io.livecalc.api.ExecutionResult;
import io.livecalc.api.ICalcEngine;
import io.livecalc.api.OutputSize;
import io.livecalc.api.PortSpec;
import io.livecalc.api.ScenarioTotalRecord;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * A custom engine, as README's "Writing your own engine" shows it: it reads the projection's scenario totals and
 * writes them after tax ({@code npv * (1 - tax_rate)}), scenario by scenario.
 *
 * <ul>
 *   <li>Ports are declared in {@link #INFO}: what it reads and writes, and their buffer types; the pipeline checks
 *       the wiring against them before anything runs.</li>
 *   <li>The output's size is declared with the port ({@link OutputSize#sameAs}: one record out per record in), so
 *       the engine need not implement {@link ICalcEngine#outputRecords}.</li>
 *   <li>It is registered either with the builder ({@code .engine("after_tax", AfterTaxEngine::new, e -> ...)}) or,
 *       through its {@link Provider}, by ServiceLoader
 *       ({@code META-INF/services/io.livecalc.api.EngineProvider}), and then named by type like a built-in engine.</li>
 * </ul>
 */
public final class AfterTaxEngine implements ICalcEngine {

    /** The type pipelines name it by. */
    public static final String TYPE = "after_tax";

    static final EngineInfo INFO = new EngineInfo("After-tax totals", "1.0", TYPE, false, Long.MAX_VALUE,
            List.of(PortSpec.required("totals", BufferType.SCENARIO_TOTAL, "scenario totals before tax")),
            List.of(PortSpec.required("after_tax", BufferType.SCENARIO_TOTAL, "scenario totals after tax")
                    .sized(OutputSize.sameAs("totals"))));

    private double keep = Double.NaN;

    @Override
    public void initialize(EngineConfig config, AMCredentials credentials) {
        List<ConfigProblem> problems = check(config);
        if (!problems.isEmpty()) {
            throw new io.livecalc.api.ConfigurationException("engine '" + config.engineId() + "': " + problems.get(0).message());
        }
        keep = 1 - config.getDouble("tax_rate");
    }

    /** Every problem of a configuration, without an engine: what {@code build()} and {@code livecalc validate} report. */
    static List<ConfigProblem> check(EngineConfig config) {
        List<ConfigProblem> problems = new ArrayList<>(config.unknownKeys(List.of("tax_rate")));
        try {
            double rate = config.getDouble("tax_rate");
            if (rate < 0 || rate >= 1) {
                problems.add(new ConfigProblem("tax_rate", "config key 'tax_rate' = " + rate + " must be in [0, 1)"));
            }
        } catch (io.livecalc.api.ConfigurationException e) {
            problems.add(new ConfigProblem("tax_rate", e.getMessage()));
        }
        return problems;
    }

    @Override
    public EngineInfo getInfo() {
        return INFO;
    }

    /** The single-buffer form: the orchestrator passes the {@code totals} input and the {@code after_tax} output. */
    @Override
    public ExecutionResult runChunk(MemorySegment totals, MemorySegment afterTax) {
        if (!isInitialized()) {
            throw new IllegalStateException("engine not initialised");
        }
        long start = System.nanoTime();
        long n = totals.byteSize() / ScenarioTotalRecord.SIZE;
        for (long i = 0; i < n; i++) {
            ScenarioTotalRecord.scenarioId(afterTax, i, ScenarioTotalRecord.scenarioId(totals, i));
            ScenarioTotalRecord.npv(afterTax, i, ScenarioTotalRecord.npv(totals, i) * keep);
        }
        return ExecutionResult.success((System.nanoTime() - start) / 1e6, n, n * ScenarioTotalRecord.SIZE);
    }

    @Override
    public void dispose() {
        keep = Double.NaN;
    }

    @Override
    public boolean isInitialized() {
        return !Double.isNaN(keep);
    }

    /** Found by ServiceLoader: listed in {@code META-INF/services/io.livecalc.api.EngineProvider}. */
    public static final class Provider implements EngineProvider {
        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public EngineInfo describe() {
            return INFO;
        }

        @Override
        public ICalcEngine create() {
            return new AfterTaxEngine();
        }

        @Override
        public List<ConfigProblem> checkConfig(EngineConfig config) {
            return check(config);
        }
    }
}
