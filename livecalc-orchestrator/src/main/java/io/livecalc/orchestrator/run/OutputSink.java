package io.livecalc.orchestrator.run;

import java.lang.foreign.MemorySegment;

/** An output file written chunk by chunk: nothing is visible under its name until {@link #commit()}. */
public interface OutputSink extends AutoCloseable {

    /** The engine time to record in the file's metadata. */
    void setExecutionTimeMs(double milliseconds);

    /** Appends {@code count} records of the sink's type. */
    void write(MemorySegment records, long count);

    /** Makes the file visible under its name (atomic rename). */
    void commit();

    /** Removes the temporary file unless committed. */
    @Override
    void close();
}
