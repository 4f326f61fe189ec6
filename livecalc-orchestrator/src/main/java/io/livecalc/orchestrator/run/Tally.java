package io.livecalc.orchestrator.run;

import io.livecalc.orchestrator.ChunkRun;
import java.util.ArrayList;
import java.util.List;

/** What one engine did so far: chunks, wall time, rows, bytes, warnings, and each chunk on the timeline. */
public final class Tally {

    public long chunks;
    public double timeMs;
    public long rows;
    public long bytes;
    public final List<String> warnings = new ArrayList<>();
    public final List<ChunkRun> timeline = new ArrayList<>();
}
