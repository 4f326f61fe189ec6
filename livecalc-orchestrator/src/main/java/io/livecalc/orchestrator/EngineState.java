package io.livecalc.orchestrator;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an engine managed by {@link io.livecalc.orchestrator.EngineLifecycleManager} is in its life:
 * {@code UNINITIALIZED -> INITIALIZING -> READY -> RUNNING -> [READY | ERROR | DISPOSED]}.
 *
 * <p>{@link #canMoveTo} is the whole transition table; the manager refuses every other move with an
 * {@link IllegalStateException} that names both states.
 */
public enum EngineState {
    /** Created, {@code initialize} not called yet. */
    UNINITIALIZED,
    /** {@code initialize} in progress. */
    INITIALIZING,
    /** Initialised and idle: a chunk may run. */
    READY,
    /** A chunk is running. */
    RUNNING,
    /** The last initialisation or run failed; recovery is possible (run again, or initialise again). */
    ERROR,
    /** Resources freed. Only an explicit {@code initialize} brings the engine back. */
    DISPOSED;

    /** Whether the lifecycle allows moving from this state to {@code next}. */
    public boolean canMoveTo(EngineState next) {
        return successors().contains(next);
    }

    /** The states this state may move to. */
    public Set<EngineState> successors() {
        return switch (this) {
            case UNINITIALIZED -> EnumSet.of(INITIALIZING, DISPOSED);
            case INITIALIZING -> EnumSet.of(READY, ERROR);
            case READY -> EnumSet.of(RUNNING, DISPOSED);
            case RUNNING -> EnumSet.of(READY, ERROR, DISPOSED);
            case ERROR -> EnumSet.of(RUNNING, INITIALIZING, DISPOSED);
            case DISPOSED -> EnumSet.of(INITIALIZING);
        };
    }
}
