package io.livecalc.orchestrator;

import io.livecalc.api.ValuationResult;
import io.livecalc.orchestrator.run.PipelineBuffers;
import io.livecalc.orchestrator.run.RunSummary;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a pipeline run produced: per-engine outcomes and timings, the valuation statistics of the scenario
 * totals, the buffers used, warnings, and whether the result is partial (an engine failed or was skipped:
 * everything that completed is kept, and the output file holds what was written).
 *
 * <p><b>Close it.</b> A result holds the run's off-heap buffers, so that {@link #pairs(String)} reads the
 * per-pair results where the engine wrote them, without a copy. {@link #close()} hands the buffers back to the
 * {@link Pipeline}, whose next run reuses them (a repeated run allocates nothing); after that the views of
 * {@code pairs} throw {@link IllegalStateException}. Everything else (valuations, the solver's outcome, the
 * summary) is a copy on the heap and stays readable. A result that is never closed is released when it becomes
 * unreachable, and the next run of its pipeline allocates its own buffers meanwhile.
 *
 * <pre>{@code
 * try (PipelineResult r = pipeline.run()) {
 *     PairResults pairs = r.pairs("projection");
 *     double first = pairs.npv(0);
 * }
 * }</pre>
 */
public final class PipelineResult implements AutoCloseable {

    private final Map<String, EngineRun> engines;
    private final ValuationResult valuation;
    private final Map<String, ValuationResult> valuations;
    private final Map<String, Long> buffers;
    private final long peakBufferBytes;
    private final List<String> warnings;
    private final Path output;
    private final Path summary;
    private final double wallTimeMs;
    private final Map<String, Object> reports;
    private final Map<String, ScenarioFan> scenarioFans;
    private final java.util.function.Supplier<Map<String, Object>> summaryData;
    private final Map<String, Pairs> pairs;
    private final Allocation allocation;
    private final Lease lease;

    /** An engine's per-pair output as the run left it: its records, or why there are none to view. */
    record Pairs(java.lang.foreign.MemorySegment records, String unavailable) {
    }

    /** Buffers a run allocated (not those it got back from the pipeline's previous run). */
    record Allocation(long buffers, long bytes) {
    }

    /** The run's hold on its pipeline's buffers; closing it gives them back, once. */
    static final class Lease {
        static final Lease NONE = new Lease(null, b -> { });
        private final PipelineBuffers buffers;
        private final java.util.function.Consumer<PipelineBuffers> giveBack;
        private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

        Lease(PipelineBuffers buffers, java.util.function.Consumer<PipelineBuffers> giveBack) {
            this.buffers = buffers;
            this.giveBack = giveBack;
        }

        void requireOpen() {
            if (closed.get()) {
                throw new IllegalStateException("this PipelineResult is closed: its per-pair results lived in the run's buffers, which"
                        + " the pipeline reuses; read them before closing the result");
            }
        }

        void close() {
            if (closed.compareAndSet(false, true) && buffers != null) {
                giveBack.accept(buffers);
            }
        }
    }

    PipelineResult(Map<String, EngineRun> engines, ValuationResult valuation, Map<String, ValuationResult> valuations,
                   Map<String, Long> buffers, long peakBufferBytes, List<String> warnings, Path output, Path summary,
                   double wallTimeMs, Map<String, Object> reports, Map<String, ScenarioFan> scenarioFans,
                   java.util.function.Supplier<Map<String, Object>> summaryData, Map<String, Pairs> pairs, Allocation allocation,
                   Lease lease) {
        this.engines = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(engines));
        this.valuation = valuation;
        this.valuations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(valuations));
        this.buffers = Map.copyOf(buffers);
        this.peakBufferBytes = peakBufferBytes;
        this.warnings = List.copyOf(warnings);
        this.output = output;
        this.summary = summary;
        this.wallTimeMs = wallTimeMs;
        this.reports = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(reports));
        this.scenarioFans = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scenarioFans));
        this.summaryData = summaryData;
        this.pairs = Map.copyOf(pairs);
        this.allocation = allocation;
        this.lease = lease;
    }

    /** Every engine's outcome, in execution order. */
    public Map<String, EngineRun> engines() {
        return engines;
    }

    public EngineRun engine(String id) {
        EngineRun r = engines.get(id);
        if (r == null) {
            throw new IllegalArgumentException("no engine '" + id + "' in this run; engines: " + engines.keySet());
        }
        return r;
    }

    /** True when every engine succeeded. */
    public boolean success() {
        return engines.values().stream().allMatch(r -> r.status() == EngineRun.Status.SUCCEEDED);
    }

    /** True when some engine failed or was skipped: what completed is kept and marked partial. */
    public boolean partial() {
        return !success();
    }

    /** Statistics of the scenario totals (of the output's engine, else of the last engine that wrote totals). */
    public Optional<ValuationResult> valuation() {
        return Optional.ofNullable(valuation);
    }

    /**
     * The statistics and per-scenario values of one engine's scenario totals.
     *
     * @throws IllegalArgumentException the engine is not in the run or wrote no scenario totals (the message lists
     *                                  the engines that did)
     */
    public ValuationResult valuation(String engineId) {
        engine(engineId);
        ValuationResult v = valuations.get(engineId);
        if (v == null) {
            throw new IllegalArgumentException("engine '" + engineId + "' wrote no scenario totals in this run ("
                    + engine(engineId).status() + "); engines with a valuation: " + valuations.keySet());
        }
        return v;
    }

    /**
     * A solver engine's result, typed: parameters, objective, convergence, iteration history.
     *
     * @throws IllegalArgumentException the engine is not in the run, or is not a solver, or produced no result
     */
    public SolverOutcome solver(String engineId) {
        engine(engineId);
        Object report = reports.get(engineId);
        if (!(report instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("engine '" + engineId + "' reported no result in this run (" + engine(engineId).status() + ")");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) map;
        return SolverOutcome.of(engineId, typed);
    }

    /**
     * One engine's per-pair results (its RESULT output: scenario, policy, NPV), read in place from the run's
     * buffer: no copy. Valid until this result is {@linkplain #close() closed}.
     *
     * @throws IllegalArgumentException the engine is not in the run, or kept no per-pair results (the message says
     *                                  why: not asked for, not succeeded, or run in policy chunks of which the buffer
     *                                  holds only the last)
     * @throws IllegalStateException    this result is closed
     */
    public PairResults pairs(String engineId) {
        engine(engineId);
        lease.requireOpen();
        Pairs p = pairs.get(engineId);
        if (p == null) {
            throw new IllegalArgumentException("engine '" + engineId + "' kept no per-pair results in this run: ask for its RESULT output"
                    + " (e.g. .output(\"results\")); engines with per-pair results: " + new java.util.TreeSet<>(pairs.keySet()));
        }
        if (p.unavailable() != null) {
            throw new IllegalArgumentException("engine '" + engineId + "': " + p.unavailable());
        }
        return new PairResults(this, p.records());
    }

    /** Throws when the result is closed (the per-pair views ask before every read). */
    void requireOpen() {
        lease.requireOpen();
    }

    /**
     * Off-heap buffers this run allocated. 0 for a repeated run of a pipeline whose previous result was closed:
     * every buffer was reused.
     */
    public long buffersAllocated() {
        return allocation.buffers();
    }

    /** Bytes of the buffers this run allocated (see {@link #buffersAllocated()}). */
    public long bytesAllocated() {
        return allocation.bytes();
    }

    /**
     * Hands the run's buffers back to the pipeline for its next run; the views of {@link #pairs} stop working.
     * Idempotent; everything else this result holds stays readable.
     */
    @Override
    public void close() {
        lease.close();
    }

    /** Buffer name to bytes for the buffers the run allocated. */
    public Map<String, Long> buffers() {
        return buffers;
    }

    /** The most off-heap bytes held at once. */
    public long peakBufferBytes() {
        return peakBufferBytes;
    }

    public List<String> warnings() {
        return warnings;
    }

    /** The output file, when the pipeline has one and it was written. */
    public Optional<Path> output() {
        return Optional.ofNullable(output);
    }

    /** The JSON run summary beside the output. */
    public Optional<Path> summary() {
        return Optional.ofNullable(summary);
    }

    public double wallTimeMs() {
        return wallTimeMs;
    }

    /** Engine-specific reports by engine id (e.g. a solver's result), as the engines provide them. */
    public Map<String, Object> reports() {
        return reports;
    }

    /** The scenario fan of every engine that wrote scenarios (an ESG), by engine id, in execution order. */
    public Map<String, ScenarioFan> scenarioFans() {
        return scenarioFans;
    }

    /**
     * The run summary as JSON text: what {@link #summary()} holds when the pipeline has an output, also when
     * it has none.
     */
    public String summaryJson() {
        return RunSummary.json(summaryData.get());
    }

    /**
     * Writes the run report, a self-contained HTML page (see {@link io.livecalc.orchestrator.report.RunReport}),
     * made from this run's summary: the same report as {@code livecalc report} makes from the summary file.
     * The file is written under a temporary name and renamed.
     *
     * @return {@code html}
     * @throws java.io.UncheckedIOException the file cannot be written (the message names it)
     */
    public Path writeReport(Path html) {
        return io.livecalc.orchestrator.report.RunReport.write(summaryJson(), html);
    }
}
