package io.livecalc.engines.projection;

import io.livecalc.api.EngineConfig;
import io.livecalc.api.ExecutionResult;
import io.livecalc.api.ScenarioTotalRecord;
import io.livecalc.api.ValuationResult;
import io.livecalc.buffers.csv.PolicyCsv;
import io.livecalc.engines.assumptions.AssumptionSource;
import io.livecalc.engines.scenario.GbmScenarioGenerator;
import io.livecalc.engines.scenario.ScenarioSet;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One valuation from files, as {@code livecalc project} runs it: policies CSV, assumption references,
 * scenarios from a CSV file or the original CLI's GBM generator, through a {@link ProjectionEngine}.
 *
 * <pre>{@code
 * ValuationResult r = Projection.builder()
 *         .policies(Path.of("policies.csv"))
 *         .mortality("mortality.csv").lapse("lapse.csv").expenses("expenses.csv")
 *         .gbm(GbmScenarioGenerator.Parameters.originalCliDefaults())   // or .scenariosFile(path)
 *         .threads(2)
 *         .run();
 * ValuationJson.write(r, Path.of("out.json"));
 * }</pre>
 *
 * Failures: {@link io.livecalc.api.DataFileException} for a bad or missing file (name, line, column, value),
 * {@link io.livecalc.api.ConfigurationException} for a bad option (a multiplier of 0),
 * {@link io.livecalc.api.EngineExecutionException} when the run fails.
 */
public final class Projection {

    private Projection() {
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the run's inputs; {@link #run()} may be called more than once. */
    public static final class Builder {
        private Path policies;
        private MemorySegment policyRecords;
        private String mortality;
        private String lapse;
        private String expenses;
        private AssumptionSource assumptionSource;
        private Path scenariosFile;
        private ScenarioSet scenarioSet;
        private GbmScenarioGenerator.Parameters gbm = GbmScenarioGenerator.Parameters.originalCliDefaults();
        private double mortalityMultiplier = 1.0;
        private double lapseMultiplier = 1.0;
        private double expenseMultiplier = 1.0;
        private int threads = Runtime.getRuntime().availableProcessors();
        private Double dynamicLapseSensitivity;
        private Double dynamicLapseReferenceRate;
        private ScenarioAdjustment adjustment;
        private Path baseDirectory = Path.of("");

        private Builder() {
        }

        /** Policies from a CSV file of the original CLI's format. */
        public Builder policies(Path file) {
            this.policies = Objects.requireNonNull(file, "file");
            this.policyRecords = null;
            return this;
        }

        /**
         * Policies already loaded as INPUT records (from Parquet, a BufferManager, ...); read in place. Use a
         * segment every thread can access (a shared arena) to run on all threads.
         */
        public Builder policies(MemorySegment records) {
            this.policyRecords = Objects.requireNonNull(records, "records");
            this.policies = null;
            return this;
        }

        /** Mortality table reference (a file path for the default source). */
        public Builder mortality(String reference) {
            this.mortality = Objects.requireNonNull(reference, "reference");
            return this;
        }

        public Builder lapse(String reference) {
            this.lapse = Objects.requireNonNull(reference, "reference");
            return this;
        }

        public Builder expenses(String reference) {
            this.expenses = Objects.requireNonNull(reference, "reference");
            return this;
        }

        /** Where assumption references resolve; default: files relative to {@link #baseDirectory(Path)}. */
        public Builder assumptionSource(AssumptionSource source) {
            this.assumptionSource = source;
            return this;
        }

        /** Folder that relative assumption paths resolve against; default the working folder. */
        public Builder baseDirectory(Path dir) {
            this.baseDirectory = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** Scenarios from a long or wide CSV ({@link io.livecalc.buffers.csv.ScenarioCsv}) instead of the GBM generator. */
        public Builder scenariosFile(Path file) {
            this.scenariosFile = file;
            this.scenarioSet = null;
            return this;
        }

        /** Scenarios already in memory (e.g. generated beforehand to report progress), instead of a file or the generator. */
        public Builder scenarios(ScenarioSet scenarios) {
            this.scenarioSet = Objects.requireNonNull(scenarios, "scenarios");
            this.scenariosFile = null;
            return this;
        }

        /** GBM generator settings, used when no scenarios file is given; default the original CLI's. */
        public Builder gbm(GbmScenarioGenerator.Parameters parameters) {
            this.gbm = Objects.requireNonNull(parameters, "parameters");
            return this;
        }

        public Builder mortalityMultiplier(double m) {
            this.mortalityMultiplier = m;
            return this;
        }

        public Builder lapseMultiplier(double m) {
            this.lapseMultiplier = m;
            return this;
        }

        public Builder expenseMultiplier(double m) {
            this.expenseMultiplier = m;
            return this;
        }

        public Builder threads(int n) {
            this.threads = n;
            return this;
        }

        /** Dynamic lapse with the GBM initial rate as reference rate. */
        public Builder dynamicLapse(double sensitivity) {
            this.dynamicLapseSensitivity = sensitivity;
            this.dynamicLapseReferenceRate = null;
            return this;
        }

        public Builder dynamicLapse(double sensitivity, double referenceRate) {
            this.dynamicLapseSensitivity = sensitivity;
            this.dynamicLapseReferenceRate = referenceRate;
            return this;
        }

        /** A programmatic scenario-dependent adjustment (selects the general kernel). */
        public Builder adjustment(ScenarioAdjustment adjustment) {
            this.adjustment = adjustment;
            return this;
        }

        /** The engine configuration this builder produces (what a DAG would give the engine). */
        public EngineConfig engineConfig() {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("mortality_table", Objects.requireNonNull(mortality, "mortality table not set"));
            c.put("lapse_table", Objects.requireNonNull(lapse, "lapse table not set"));
            c.put("expenses", Objects.requireNonNull(expenses, "expenses not set"));
            c.put("mortality_multiplier", mortalityMultiplier);
            c.put("lapse_multiplier", lapseMultiplier);
            c.put("expense_multiplier", expenseMultiplier);
            c.put("threads", threads);
            if (dynamicLapseSensitivity != null) {
                c.put("dynamic_lapse_sensitivity", dynamicLapseSensitivity);
                c.put("dynamic_lapse_reference_rate",
                        dynamicLapseReferenceRate != null ? dynamicLapseReferenceRate : gbm.initialRate());
            }
            return EngineConfig.of("projection", c, baseDirectory);
        }

        /** Reads the inputs, projects, and returns the valuation (execution time = engine time). */
        public ValuationResult run() {
            if (policies == null && policyRecords == null) {
                throw new IllegalStateException("policies not set");
            }
            EngineConfig config = engineConfig();
            ScenarioSet scenarios = scenarioSet != null ? scenarioSet
                    : scenariosFile != null ? ScenarioSet.fromCsv(scenariosFile) : GbmScenarioGenerator.generate(gbm);
            try (Arena arena = Arena.ofShared();
                 ProjectionEngine engine = new ProjectionEngine(assumptionSource, adjustment)) {
                engine.initialize(config, null);
                MemorySegment policySegment = policyRecords != null ? policyRecords : PolicyCsv.read(policies, arena);
                MemorySegment totals = arena.allocate(scenarios.count() * ScenarioTotalRecord.SIZE, 16);
                ExecutionResult r = engine.runChunk(
                        Map.of(ProjectionEngine.PORT_POLICIES, policySegment,
                                ProjectionEngine.PORT_SCENARIOS, scenarios.toRecords(arena)),
                        Map.of(ProjectionEngine.PORT_SCENARIO_TOTALS, totals));
                double[] npvs = new double[scenarios.count()];
                long[] ids = new long[scenarios.count()];
                for (int s = 0; s < npvs.length; s++) {
                    ids[s] = ScenarioTotalRecord.scenarioId(totals, s);
                    npvs[s] = ScenarioTotalRecord.npv(totals, s);
                }
                return new ValuationResult(ids, npvs, r.executionTimeMs());
            }
        }
    }
}
