package io.livecalc.orchestrator;

import io.livecalc.api.AMCredentials;
import io.livecalc.api.BufferType;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.EngineExecutionException;
import io.livecalc.api.EngineInfo;
import io.livecalc.api.ExecutionResult;
import io.livecalc.api.ICalcEngine;
import io.livecalc.api.PortSpec;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A scripted engine: each {@code runChunk} plays the next {@link Step}; with the script exhausted it
 * succeeds (10 rows, 80 bytes). Counts initialise/run/dispose calls and keeps the last configuration.
 */
public final class FakeEngine implements ICalcEngine {

    public static final EngineInfo INFO = new EngineInfo("Fake Engine", "1.2.3", "fake", true, 1 << 20,
            List.of(PortSpec.optional("policies", BufferType.INPUT, "policies")),
            List.of(PortSpec.required("results", BufferType.RESULT, "results")));

    /** One scripted runChunk. */
    @FunctionalInterface
    interface Step {
        ExecutionResult run() throws InterruptedException;
    }

    public final AtomicInteger initializeCalls = new AtomicInteger();
    public final AtomicInteger runCalls = new AtomicInteger();
    public final AtomicInteger disposeCalls = new AtomicInteger();
    public volatile EngineConfig lastConfig;
    public volatile AMCredentials lastCredentials;
    public volatile RuntimeException initializeFailure;
    volatile RuntimeException disposeFailure;
    private final Deque<Step> script = new ArrayDeque<>();
    private volatile boolean initialized;

    public FakeEngine then(Step... steps) {
        synchronized (script) {
            script.addAll(List.of(steps));
        }
        return this;
    }

    public static Step succeed() {
        return () -> ExecutionResult.success(5.0, 10, 80);
    }

    /** Succeeds after moving the fake clock forward by {@code millis}. */
    static Step succeedTaking(AtomicLong clockNanos, long millis) {
        return () -> {
            clockNanos.addAndGet(millis * 1_000_000L);
            return ExecutionResult.success(millis, 10, 80);
        };
    }

    public static Step fail(RuntimeException e) {
        return () -> {
            throw e;
        };
    }

    public static Step transientFailure(String message) {
        return fail(new EngineExecutionException(message, null, true));
    }

    public static Step returnFailure(String message) {
        return () -> ExecutionResult.failure(1.0, message);
    }

    /** Blocks until interrupted, then stops as an engine should. */
    public static Step sleepUntilInterrupted() {
        return () -> {
            Thread.sleep(Long.MAX_VALUE);
            throw new AssertionError("unreachable");
        };
    }

    /** Spins without ever looking at the interrupt flag until {@code release} is set (by the test's clean-up). */
    public static Step spinIgnoringInterrupts(AtomicBoolean release) {
        return () -> {
            long spins = 0;
            while (!release.get()) {
                spins++;
                Thread.onSpinWait();
            }
            return ExecutionResult.success(0, spins >= 0 ? 1 : 0, 0);
        };
    }

    @Override
    public void initialize(EngineConfig config, AMCredentials credentials) {
        initializeCalls.incrementAndGet();
        lastConfig = config;
        lastCredentials = credentials;
        if (initializeFailure != null) {
            throw initializeFailure;
        }
        initialized = true;
    }

    @Override
    public EngineInfo getInfo() {
        return INFO;
    }

    @Override
    public ExecutionResult runChunk(MemorySegment input, MemorySegment output) {
        runCalls.incrementAndGet();
        if (!initialized) {
            throw new IllegalStateException("fake engine not initialised");
        }
        Step step;
        synchronized (script) {
            step = script.isEmpty() ? succeed() : script.poll();
        }
        try {
            return step.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineExecutionException("fake engine interrupted", e, true);
        }
    }

    @Override
    public void dispose() {
        disposeCalls.incrementAndGet();
        initialized = false;
        if (disposeFailure != null) {
            throw disposeFailure;
        }
    }

    @Override
    public boolean isInitialized() {
        return initialized;
    }
}
