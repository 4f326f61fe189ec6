package io.livecalc.orchestrator.run;

import io.livecalc.api.AtomicFile;
import io.livecalc.api.BufferType;
import io.livecalc.orchestrator.EngineRun;
import io.livecalc.orchestrator.dag.OutputSpec;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's output file: per-pair records streamed chunk by chunk as the engine writes them, whole-run outputs
 * (totals, scenarios) written when the run ends; always through a temporary file renamed on commit, and the
 * leftovers of a killed run swept first.
 */
public final class OutputSinks implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutputSinks.class);
    /** How old an unlocked temporary file of the output must be to be swept as a killed run's leftover. */
    public static final Duration STALE_AFTER = Duration.ofSeconds(10);

    private final OutputSpec output;
    private OutputSink sink;
    private volatile Path written;

    /** @param output the pipeline's output, or {@code null} for none */
    public OutputSinks(OutputSpec output) {
        this.output = output;
    }

    /**
     * A run killed while writing (kill -9) leaves {@code .NAME.<n>.tmp} beside its output and summary; the
     * next run of the same output removes them. A file another live run is writing is locked and kept, and
     * so is one modified in the last {@link #STALE_AFTER} (the moment between creating a file and locking it).
     */
    public void sweepStaleTemporaries() {
        if (output == null) {
            return;
        }
        for (Path target : List.of(output.path(), RunSummary.pathFor(output.path()))) {
            for (Path swept : AtomicFile.sweepStale(target, STALE_AFTER)) {
                LOG.atInfo().addKeyValue("event", "stale_temporary_removed").addKeyValue("path", swept.toString())
                        .log("removed {}, left by a run that was stopped while writing {}", swept, target.getFileName());
            }
        }
    }

    /** Streams a chunk's per-pair records when the output file comes from this engine's port. */
    public synchronized void chunkWritten(EngineNode n, Map<String, MemorySegment> out, double chunkTimeMs) {
        if (output == null || !n.step.streamsOutput()) {
            return; // whole-run outputs are written when the pipeline ends
        }
        BufferType type = n.step.outputs().get(n.step.outputPort());
        if (sink == null) {
            sink = ParquetSupport.openWriter(output.path(), type);
        }
        MemorySegment seg = out.get(n.step.outputPort());
        sink.setExecutionTimeMs(chunkTimeMs);
        sink.write(seg, seg.byteSize() / type.recordSize());
    }

    /** The stage executor wrote the output itself (Spark's per-pair parts). */
    public void writtenElsewhere(Path path) {
        written = path;
    }

    /** Commits the streamed output, or writes a whole-run output (totals, scenarios) of an engine that succeeded. */
    public synchronized void finish(Map<String, EngineNode> nodes) {
        if (output == null) {
            return;
        }
        if (sink != null) {
            sink.commit(); // per-pair rows written so far are kept; the summary says whether the run was partial
            written = output.path();
            return;
        }
        EngineNode n = nodes.get(output.from().substring(0, output.from().indexOf('.')));
        String port = n.step.outputPort();
        if (n.run.status() == EngineRun.Status.SUCCEEDED && n.outputs.containsKey(port)) {
            ParquetSupport.write(output.path(), n.step.outputs().get(port), n.outputs.get(port).segment(), n.written.get(port));
            written = output.path();
        }
    }

    /** The output file written, or {@code null}. */
    public Path written() {
        return written;
    }

    /** An uncommitted sink removes its temporary file. */
    @Override
    public synchronized void close() {
        if (sink != null) {
            sink.close();
        }
    }
}
