package io.livecalc.orchestrator.spi;

import io.livecalc.api.AMCredentials;
import io.livecalc.api.BufferType;
import io.livecalc.api.EngineConfig;
import io.livecalc.orchestrator.dag.DataSourceSpec;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * One engine of a pipeline that reads the policies data source, as handed to a {@link StageExecutor}.
 *
 * @param engineId      the engine's id in the DAG
 * @param engineType    its type ({@code projection})
 * @param config        its configuration (base directory included) as the pipeline resolved it
 * @param credentials   Assumptions Manager credentials, or {@code null}
 * @param policyPort    the input port the policies feed
 * @param policies      the policies data source (read by the executor, not by this JVM)
 * @param otherInputs   every other input port and the bytes the runner holds for it (scenarios)
 * @param totalsPort    the SCENARIO_TOTAL output port the runner keeps
 * @param perPairPort   an output port whose per-pair records (RESULT or RESULT_DETAIL) go to {@code perPairOutput},
 *                      or {@code null}
 * @param perPairType   that port's buffer type, or {@code null}
 * @param perPairOutput where to write them (Parquet, the seed's result schema; the executor may write a folder
 *                      of part files there), or {@code null}
 */
public record PolicyStage(String engineId, String engineType, EngineConfig config, AMCredentials credentials,
                          String policyPort, DataSourceSpec policies, Map<String, MemorySegment> otherInputs,
                          String totalsPort, String perPairPort, BufferType perPairType, Path perPairOutput) {

    public PolicyStage {
        Objects.requireNonNull(engineId, "engineId");
        Objects.requireNonNull(engineType, "engineType");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(policyPort, "policyPort");
        Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(totalsPort, "totalsPort");
        otherInputs = Map.copyOf(otherInputs);
    }

    /**
     * What a run of the stage produced.
     *
     * @param scenarioTotals  SCENARIO_TOTAL records, one per scenario in scenario order (any memory)
     * @param policies        policies projected
     * @param partitions      pieces the policies were cut into
     * @param executionTimeMs wall time of the run
     * @param output          where per-pair records were written, or {@code null}
     * @param rowsWritten     per-pair records written
     * @param report          what the executor wants the run summary to record for the engine (e.g. Spark's
     *                        retried tasks and lost executors), in {@code engines[].report}; empty for nothing
     */
    public record Outcome(MemorySegment scenarioTotals, long policies, int partitions, double executionTimeMs, Path output,
                          long rowsWritten, Map<String, Object> report) {
        public Outcome {
            Objects.requireNonNull(scenarioTotals, "scenarioTotals");
            report = report == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(report));
            if (scenarioTotals.byteSize() % BufferType.SCENARIO_TOTAL.recordSize() != 0) {
                throw new IllegalArgumentException("scenario totals of " + scenarioTotals.byteSize() + " bytes are not whole "
                        + BufferType.SCENARIO_TOTAL.recordSize() + "-byte records");
            }
        }

        /** An outcome with nothing to report. */
        public Outcome(MemorySegment scenarioTotals, long policies, int partitions, double executionTimeMs, Path output, long rowsWritten) {
            this(scenarioTotals, policies, partitions, executionTimeMs, output, rowsWritten, Map.of());
        }
    }
}
