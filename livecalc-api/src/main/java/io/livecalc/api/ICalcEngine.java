package io.livecalc.api;

import java.lang.foreign.MemorySegment;
import java.util.Map;

/**
 * The contract every calculation engine implements (the same contract as the original C++ and Python
 * engines, hence the {@code I} prefix).
 *
 * <p>Lifecycle: {@link #initialize} once, then {@link #runChunk} any number of times (the orchestrator
 * calls it once per policy chunk, reusing the buffers), then {@link #dispose}. After {@code dispose} the
 * engine may be initialised again. Engines move data only through the buffers they are given: the next
 * engine reads the very bytes the previous one wrote, so no copies are made.
 *
 * <p>An engine instance is driven by one thread at a time; it may use its own threads inside
 * {@code runChunk}, and must stop promptly when the calling thread is interrupted (timeouts rely on it).
 */
public interface ICalcEngine extends AutoCloseable {

    /**
     * Prepares the engine: reads and validates configuration, loads assumption tables.
     *
     * @param config      engine configuration; never {@code null}
     * @param credentials Assumptions Manager credentials, or {@code null} when none are configured
     * @throws ConfigurationException  a key is missing, malformed or out of range
     * @throws InitializationException a resource the configuration names cannot be loaded
     * @throws DataFileException       a file the configuration names is missing or invalid (file, line, column named)
     */
    void initialize(EngineConfig config, AMCredentials credentials);

    /** Metadata and declared ports. Available before {@link #initialize}. */
    EngineInfo getInfo();

    /**
     * Runs one chunk: reads {@code input}, writes {@code output}.
     *
     * @param input  the input records, or {@link MemorySegment#NULL} for an engine without inputs
     * @param output the buffer to write; its size bounds what the engine may write
     * @return timings, rows and bytes written; {@code success == false} for a failure the engine could
     *         describe without throwing
     * @throws IllegalStateException    the engine is not initialised
     * @throws EngineExecutionException the chunk could not be computed (the output is then unspecified)
     */
    ExecutionResult runChunk(MemorySegment input, MemorySegment output);

    /**
     * Runs one chunk over named ports, for engines with several inputs or outputs (the projection reads
     * {@code policies} and {@code scenarios}). Keys are the port names of {@link EngineInfo}; an optional
     * port that is not connected is absent from the map.
     *
     * <p>The default serves single-buffer engines: it passes the only input (or {@link MemorySegment#NULL})
     * and the only output to {@link #runChunk(MemorySegment, MemorySegment)}.
     *
     * @throws ConfigurationException the maps do not fit a single-buffer engine
     */
    default ExecutionResult runChunk(Map<String, MemorySegment> inputs, Map<String, MemorySegment> outputs) {
        if (inputs.size() > 1 || outputs.size() != 1) {
            throw new ConfigurationException("engine '" + getInfo().name() + "' runs one input and one output buffer; given inputs "
                    + inputs.keySet() + " and outputs " + outputs.keySet());
        }
        MemorySegment in = inputs.isEmpty() ? MemorySegment.NULL : inputs.values().iterator().next();
        return runChunk(in, outputs.values().iterator().next());
    }

    /**
     * How many records the engine will write to an output port for these inputs, so that the caller can
     * allocate the output buffer before {@code runChunk}. Called after {@link #initialize}; the inputs are
     * the buffers the next {@code runChunk} will read (an engine may read them, e.g. to count scenarios).
     *
     * @return the record count, or empty when the engine cannot tell (the orchestrator then refuses to
     *         size the buffer and says so)
     */
    default java.util.OptionalLong outputRecords(String port, Map<String, MemorySegment> inputs) {
        return java.util.OptionalLong.empty();
    }

    /**
     * What the run summary should record about the engine's last run beyond its {@link ExecutionResult}:
     * a solver's solution, the assumption versions resolved, a model's settings. Values are JSON-friendly
     * (strings, numbers, booleans, lists and maps of them). Never contains secrets.
     */
    default Map<String, Object> report() {
        return Map.of();
    }

    /** Releases everything the engine holds. Never throws; safe to call twice or before initialise. */
    void dispose();

    /** Whether {@link #initialize} has completed and {@link #dispose} has not been called since. */
    boolean isInitialized();

    /** Same as {@link #dispose()}, for try-with-resources. */
    @Override
    default void close() {
        dispose();
    }
}
