package io.livecalc.orchestrator.run;

/**
 * Runs one engine of a plan to the end: here, chunk by chunk ({@link LocalExecution}), or as a policy stage on
 * the stage executor ({@link StageExecution}). It counts what it did into the tally as it goes, so a failure
 * reports the chunks that ran before it; it throws on failure and the runner records the engine as failed.
 */
public interface EngineExecution {

    void execute(EngineNode n, Tally tally);
}
