package io.livecalc.orchestrator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livecalc.api.AMCredentials;
import io.livecalc.api.ConfigurationException;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.EngineExecutionException;
import io.livecalc.api.ExecutionResult;
import io.livecalc.api.InitializationException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

class EngineLifecycleManagerTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);
    /** The guarantee: a timed-out call answers within twice the timeout. */
    private static final long BOUND_MS = 2 * TIMEOUT.toMillis();
    private static final AMCredentials CREDENTIALS =
            new AMCredentials("https://am.example.com", "eyJhbGciOiJIUzI1NiJ9.payload.s1gnature", Path.of("/tmp/am-cache"));

    private final Arena arena = Arena.ofShared();
    private final MemorySegment input = arena.allocate(64);
    private final MemorySegment output = arena.allocate(80);
    private final AtomicLong clockNanos = new AtomicLong();
    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean releaseSpinners = new AtomicBoolean();
    private final List<EngineLifecycleManager> managers = new ArrayList<>();
    private String engineId;

    @BeforeEach
    void setUp(TestInfo test) {
        engineId = test.getTestMethod().orElseThrow().getName();
        CapturedLogs.clear();
    }

    @AfterEach
    void tearDown() {
        releaseSpinners.set(true);
        managers.forEach(EngineLifecycleManager::dispose);
        arena.close();
    }

    // ---- timeout -----------------------------------------------------------------------------

    @Test
    void stopsAnEngineSleepingPastTheTimeoutThenReinitialisesItAndTheNextRunSucceeds() {
        FakeEngine engine = new FakeEngine().then(FakeEngine.sleepUntilInterrupted());
        EngineLifecycleManager m = manager(engine, config(TIMEOUT, RetryPolicy.none(), 3));
        m.initialize(engineConfig(), CREDENTIALS);

        long start = System.nanoTime();
        EngineTimeoutException e = assertThrows(EngineTimeoutException.class, () -> m.runChunk(input, output));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertTrue(elapsedMs >= TIMEOUT.toMillis() && elapsedMs < BOUND_MS, "stopped after " + elapsedMs + " ms");
        assertTrue(e.isTransient());
        assertTrue(e.threadStopped());
        assertEquals(engineId, e.engineId());
        assertTrue(e.getMessage().startsWith("engine '" + engineId + "' timed out: chunk still running after "), e.getMessage());
        assertTrue(e.getMessage().contains("(timeout 500 ms); the engine stopped when interrupted"), e.getMessage());
        assertEquals(EngineState.ERROR, m.state());
        assertEquals(1, engine.disposeCalls.get(), "a timed-out engine is disposed at once");

        ExecutionResult next = m.runChunk(input, output);

        assertTrue(next.success());
        assertEquals(EngineState.READY, m.state());
        assertEquals(2, engine.initializeCalls.get());
        assertSame(CREDENTIALS, engine.lastCredentials);
        assertEquals(engineConfig(), engine.lastConfig);
        EngineStats stats = m.stats();
        assertEquals(1, stats.timeouts());
        assertEquals(1, stats.failedRuns());
        assertEquals(1, stats.successfulRuns());
        assertEquals(List.of("UNINITIALIZED>INITIALIZING", "INITIALIZING>READY", "READY>RUNNING", "RUNNING>ERROR",
                "ERROR>INITIALIZING", "INITIALIZING>READY", "READY>RUNNING", "RUNNING>READY"), CapturedLogs.transitionsOf(engineId));
        ObjectNode timeout = CapturedLogs.eventsOf(engineId, "execution_timeout").getFirst();
        assertEquals("ERROR", timeout.get("level").asText());
        assertEquals(TIMEOUT.toMillis(), timeout.get("timeout_ms").asLong());
        assertTrue(timeout.get("thread_stopped").asBoolean());
        assertTrue(timeout.get("elapsed_ms").asDouble() >= TIMEOUT.toMillis());
    }

    @Test
    void abandonsAThreadThatIgnoresTheInterruptAndAnswersWithinTwiceTheTimeoutWithAFreshEngine() {
        List<FakeEngine> created = new CopyOnWriteArrayList<>();
        EngineLifecycleManager m = track(new EngineLifecycleManager(() -> {
            FakeEngine e = created.isEmpty() ? new FakeEngine().then(FakeEngine.spinIgnoringInterrupts(releaseSpinners)) : new FakeEngine();
            created.add(e);
            return e;
        }, config(TIMEOUT, RetryPolicy.none(), 3), sleeps::add, clockNanos::get, () -> 0.5));
        m.initialize(engineConfig(), CREDENTIALS);

        long start = System.nanoTime();
        EngineTimeoutException e = assertThrows(EngineTimeoutException.class, () -> m.runChunk(input, output));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertTrue(elapsedMs >= TIMEOUT.toMillis() && elapsedMs < BOUND_MS, "answered after " + elapsedMs + " ms");
        assertFalse(e.threadStopped());
        assertTrue(e.getMessage().contains("ignored the interrupt and its thread was abandoned"), e.getMessage());
        assertEquals(2, created.size(), "the stuck instance is replaced");
        assertEquals(1, created.get(0).disposeCalls.get());

        assertTrue(m.runChunk(input, output).success());

        FakeEngine fresh = created.get(1);
        assertEquals(1, fresh.initializeCalls.get());
        assertSame(CREDENTIALS, fresh.lastCredentials);
        assertEquals(engineConfig(), fresh.lastConfig);
        assertEquals(1, fresh.runCalls.get());
        assertFalse(CapturedLogs.eventsOf(engineId, "execution_timeout").getFirst().get("thread_stopped").asBoolean());
        assertTrue(CapturedLogs.eventsOf(engineId, "warning").stream()
                .anyMatch(w -> w.get("warning_message").asText().startsWith("the engine thread ignored the interrupt and is abandoned")));
    }

    @Test
    void reinitialisesAWrappedInstanceInPlaceWhenItsThreadIgnoredTheInterrupt() {
        FakeEngine engine = new FakeEngine().then(FakeEngine.spinIgnoringInterrupts(releaseSpinners));
        EngineLifecycleManager m = track(new EngineLifecycleManager(engine, config(TIMEOUT, RetryPolicy.none(), 3)));
        m.initialize(engineConfig(), CREDENTIALS);

        long start = System.nanoTime();
        assertThrows(EngineTimeoutException.class, () -> m.runChunk(input, output));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMs < BOUND_MS, "answered after " + elapsedMs + " ms");

        assertTrue(m.runChunk(input, output).success());
        assertEquals(2, engine.initializeCalls.get());
    }

    @Test
    void retriesATimedOutAttemptOnAReinitialisedEngine() {
        FakeEngine engine = new FakeEngine().then(FakeEngine.sleepUntilInterrupted());
        EngineLifecycleManager m = manager(engine, config(TIMEOUT, RetryPolicy.exponential(2, Duration.ofMillis(50)), 3));
        m.initialize(engineConfig(), null);

        assertTrue(m.runChunk(input, output).success());

        assertEquals(2, engine.initializeCalls.get());
        assertEquals(2, engine.runCalls.get());
        EngineStats stats = m.stats();
        assertEquals(new EngineStats(1, 0, 1, 1, 0.0, 0.0, 0), stats);
        assertEquals(List.of(Duration.ofMillis(50)), sleeps);
    }

    @Test
    void anInterruptedCallerStopsTheEngineWithoutRetryAndKeepsItsInterruptFlag() throws Exception {
        FakeEngine engine = new FakeEngine().then(FakeEngine.sleepUntilInterrupted());
        EngineLifecycleManager m = manager(engine, config(Duration.ofSeconds(30), RetryPolicy.exponential(3, Duration.ofMillis(1)), 3));
        m.initialize(engineConfig(), null);
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();

        Thread caller = new Thread(() -> {
            try {
                m.runChunk(input, output);
            } catch (RuntimeException e) {
                failure.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        while (engine.runCalls.get() == 0) {
            Thread.onSpinWait();
        }
        caller.interrupt();
        caller.join(5_000);

        assertFalse(caller.isAlive());
        EngineExecutionException e = assertInstanceOf(EngineExecutionException.class, failure.get());
        assertFalse(e.isTransient());
        assertEquals("engine '" + engineId + "': interrupted while waiting for the chunk; the engine was stopped", e.getMessage());
        assertTrue(stillInterrupted.get());
        assertEquals(1, engine.runCalls.get(), "an interrupted caller is not retried");
        assertTrue(m.runChunk(input, output).success());
        assertEquals(2, engine.initializeCalls.get());
    }

    // ---- retry -------------------------------------------------------------------------------

    @Test
    void retriesATransientFailureAndSucceedsOnTheSecondAttempt() {
        FakeEngine engine = new FakeEngine().then(FakeEngine.transientFailure("worker lost"));
        EngineLifecycleManager m = manager(engine, config(TIMEOUT, RetryPolicy.exponential(3, Duration.ofMillis(100)), 3));
        m.initialize(engineConfig(), null);

        ExecutionResult result = m.runChunk(input, output);

        assertTrue(result.success());
        assertEquals(2, engine.runCalls.get());
        assertEquals(List.of(Duration.ofMillis(100)), sleeps);
        assertEquals(new EngineStats(1, 0, 0, 1, 0.0, 0.0, 0), m.stats());
        ObjectNode retry = CapturedLogs.eventsOf(engineId, "execution_retry").getFirst();
        assertEquals("WARN", retry.get("level").asText());
        assertEquals(2, retry.get("attempt").asInt());
        assertEquals(3, retry.get("max_attempts").asInt());
        assertEquals(100.0, retry.get("delay_ms").asDouble());
        assertEquals("worker lost", retry.get("error_message").asText());
        assertEquals(List.of(1, 2), CapturedLogs.eventsOf(engineId, "execution_start").stream().map(n -> n.get("attempt").asInt()).toList());
    }

    @Test
    void neverRetriesAConfigurationException() {
        ConfigurationException bad = new ConfigurationException("engine 'x': config key 'threads' = \"two\" is not an integer");
        FakeEngine engine = new FakeEngine().then(FakeEngine.fail(bad));
        EngineLifecycleManager m = manager(engine, config(TIMEOUT, RetryPolicy.exponential(5, Duration.ofMillis(10)), 3));
        m.initialize(engineConfig(), null);

        assertSame(bad, assertThrows(ConfigurationException.class, () -> m.runChunk(input, output)));

        assertEquals(1, engine.runCalls.get());
        assertEquals(List.of(), sleeps);
        assertEquals(new EngineStats(0, 1, 0, 0, 0.0, 0.0, 1), m.stats());
    }

    @Test
    void neverRetriesANonTransientExecutionFailure() {
        EngineExecutionException tooSmall = new EngineExecutionException("output buffer holds 10 records, 20 needed");
        FakeEngine engine = new FakeEngine().then(FakeEngine.fail(tooSmall));
        EngineLifecycleManager m = manager(engine, config(TIMEOUT, RetryPolicy.exponential(5, Duration.ofMillis(10)), 3));
        m.initialize(engineConfig(), null);

        assertSame(tooSmall, assertThrows(EngineExecutionException.class, () -> m.runChunk(input, output)));

        assertEquals(1, engine.runCalls.get());
        assertEquals(0, m.stats().retries());
        assertEquals(EngineState.ERROR, m.state());
    }

    @Test
    void givesUpAfterMaxAttemptsOfTransientFailures() {
        FakeEngine engine = new FakeEngine().then(FakeEngine.transientFailure("lost 1"), FakeEngine.transientFailure("lost 2"),
                FakeEngine.transientFailure("lost 3"));
        EngineLifecycleManager m = manager(engine, config(TIMEOUT, RetryPolicy.exponential(3, Duration.ofMillis(10)), 3));
        m.initialize(engineConfig(), null);

        EngineExecutionException e = assertThrows(EngineExecutionException.class, () -> m.runChunk(input, output));

        assertEquals("lost 3", e.getMessage());
        assertEquals(3, engine.runCalls.get());
        assertEquals(new EngineStats(0, 1, 0, 2, 0.0, 0.0, 1), m.stats());
        ObjectNode error = CapturedLogs.eventsOf(engineId, "error").getLast();
        assertEquals("run failed after 3 attempts: lost 3", error.get("error_message").asText());
    }

    @Test
    void backoffBetweenAttemptsGrowsExponentiallyWithinTheJitterBounds() {
        Iterator<Double> randoms = List.of(0.0, 1.0, 0.5, 0.25).iterator();
        FakeEngine engine = new FakeEngine();
        for (int i = 0; i < 4; i++) {
            engine.then(FakeEngine.transientFailure("lost " + i));
        }
        RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), 2.0, Duration.ofSeconds(10), 0.2);
        EngineLifecycleManager m = track(new EngineLifecycleManager(() -> engine, config(TIMEOUT, policy, 3), sleeps::add,
                clockNanos::get, randoms::next));
        m.initialize(engineConfig(), null);

        assertTrue(m.runChunk(input, output).success());

        // bases 100, 200, 400, 800 ms; jitter 20 %: u = 0 -> x0.8, u = 1 -> x1.2, u = 0.5 -> x1, u = 0.25 -> x0.9
        assertEquals(List.of(Duration.ofMillis(80), Duration.ofMillis(240), Duration.ofMillis(400), Duration.ofMillis(720)), sleeps);
        assertEquals(4, m.stats().retries());
    }

    // ---- consecutive errors ------------------------------------------------------------------

    @Test
    void disposesTheEngineAfterMaxConsecutiveFailedRunsAndRefusesFurtherRuns() {
        FakeEngine engine = new FakeEngine().then(FakeEngine.fail(new EngineExecutionException("boom 1")),
                FakeEngine.fail(new EngineExecutionException("boom 2")));
        EngineLifecycleManager m = manager(engine, config(TIMEOUT, RetryPolicy.defaults(), 2));
        m.initialize(engineConfig(), null);

        assertThrows(EngineExecutionException.class, () -> m.runChunk(input, output));
        assertEquals(EngineState.ERROR, m.state());
        assertThrows(EngineExecutionException.class, () -> m.runChunk(input, output));
        assertEquals(EngineState.DISPOSED, m.state());
        assertEquals(1, engine.disposeCalls.get());

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> m.runChunk(input, output));
        assertEquals("engine '" + engineId + "' is DISPOSED: it was disposed after 2 consecutive failed runs (last: boom 2); "
                + "call initialize() to use it again", refused.getMessage());
        assertEquals(2, engine.runCalls.get());
        assertEquals("2 consecutive failed runs", CapturedLogs.eventsOf(engineId, "engine_dispose").getFirst().get("reason").asText());

        m.initialize(engineConfig(), null);
        assertTrue(m.runChunk(input, output).success());
        assertEquals(0, m.stats().consecutiveFailedRuns());
    }

    @Test
    void aSuccessfulRunResetsTheCountOfConsecutiveFailures() {
        FakeEngine engine = new FakeEngine().then(FakeEngine.fail(new EngineExecutionException("boom 1")), FakeEngine.succeed(),
                FakeEngine.fail(new EngineExecutionException("boom 2")));
        EngineLifecycleManager m = manager(engine, config(TIMEOUT, RetryPolicy.none(), 2));
        m.initialize(engineConfig(), null);

        assertThrows(EngineExecutionException.class, () -> m.runChunk(input, output));
        m.runChunk(input, output);
        assertThrows(EngineExecutionException.class, () -> m.runChunk(input, output));

        assertEquals(EngineState.ERROR, m.state());
        assertEquals(1, m.stats().consecutiveFailedRuns());
    }

    @Test
    void aFailedResultReturnedByTheEngineIsPassedOnAndCountsAsAFailedRun() {
        FakeEngine engine = new FakeEngine().then(FakeEngine.returnFailure("solver did not converge"));
        EngineLifecycleManager m = manager(engine, config(TIMEOUT, RetryPolicy.exponential(3, Duration.ofMillis(10)), 3));
        m.initialize(engineConfig(), null);

        ExecutionResult result = m.runChunk(input, output);

        assertFalse(result.success());
        assertEquals("solver did not converge", result.errorMessage());
        assertEquals(1, engine.runCalls.get(), "a failure the engine describes is not transient");
        assertEquals(new EngineStats(0, 1, 0, 0, 0.0, 0.0, 1), m.stats());
        assertEquals(EngineState.ERROR, m.state());
        ObjectNode complete = CapturedLogs.eventsOf(engineId, "execution_complete").getFirst();
        assertEquals("ERROR", complete.get("level").asText());
        assertFalse(complete.get("success").asBoolean());
        assertEquals("solver did not converge", complete.get("error").asText());
    }

    // ---- states ------------------------------------------------------------------------------

    @Test
    void movesThroughTheSeedsStatesInOrder() {
        FakeEngine engine = new FakeEngine().then(FakeEngine.succeed(), FakeEngine.fail(new EngineExecutionException("bad input")),
                FakeEngine.succeed());
        EngineLifecycleManager m = manager(engine, config(TIMEOUT, RetryPolicy.none(), 3));
        assertEquals(EngineState.UNINITIALIZED, m.state());

        m.initialize(engineConfig(), null);
        m.runChunk(input, output);
        assertThrows(EngineExecutionException.class, () -> m.runChunk(input, output));
        m.runChunk(input, output);
        m.dispose();

        assertEquals(List.of("UNINITIALIZED>INITIALIZING", "INITIALIZING>READY", "READY>RUNNING", "RUNNING>READY",
                "READY>RUNNING", "RUNNING>ERROR", "ERROR>RUNNING", "RUNNING>READY", "READY>DISPOSED"), CapturedLogs.transitionsOf(engineId));
        assertTrue(CapturedLogs.eventsOf(engineId, "state_transition").stream().allMatch(n -> n.get("level").asText().equals("DEBUG")));
    }

    @Test
    void refusesIllegalTransitionsNamingTheStates() {
        EngineLifecycleManager m = manager(new FakeEngine(), config(TIMEOUT, RetryPolicy.none(), 3));

        IllegalStateException notReady = assertThrows(IllegalStateException.class, () -> m.runChunk(input, output));
        assertEquals("engine 'Fake Engine' is UNINITIALIZED: call initialize() before runChunk()", notReady.getMessage());

        m.initialize(engineConfig(), null);
        IllegalStateException twice = assertThrows(IllegalStateException.class, () -> m.initialize(engineConfig(), null));
        assertEquals("engine '" + engineId + "' cannot be initialised in state READY (READY -> INITIALIZING is not allowed); "
                + "dispose() it first", twice.getMessage());
    }

    @Test
    void transitionTableIsTheSeeds() {
        assertEquals(java.util.EnumSet.of(EngineState.INITIALIZING, EngineState.DISPOSED), EngineState.UNINITIALIZED.successors());
        assertEquals(java.util.EnumSet.of(EngineState.READY, EngineState.ERROR), EngineState.INITIALIZING.successors());
        assertEquals(java.util.EnumSet.of(EngineState.RUNNING, EngineState.DISPOSED), EngineState.READY.successors());
        assertEquals(java.util.EnumSet.of(EngineState.READY, EngineState.ERROR, EngineState.DISPOSED), EngineState.RUNNING.successors());
        assertEquals(java.util.EnumSet.of(EngineState.RUNNING, EngineState.INITIALIZING, EngineState.DISPOSED), EngineState.ERROR.successors());
        assertEquals(java.util.EnumSet.of(EngineState.INITIALIZING), EngineState.DISPOSED.successors());
        assertFalse(EngineState.UNINITIALIZED.canMoveTo(EngineState.RUNNING));
    }

    @Test
    void aFailedInitialisationLeavesTheEngineInErrorUntilInitialisedAgain() {
        FakeEngine engine = new FakeEngine();
        InitializationException missing = new InitializationException("mortality table /data/mort.csv not found");
        engine.initializeFailure = missing;
        EngineLifecycleManager m = manager(engine, config(TIMEOUT, RetryPolicy.defaults(), 3));

        assertSame(missing, assertThrows(InitializationException.class, () -> m.initialize(engineConfig(), null)));
        assertEquals(EngineState.ERROR, m.state());
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> m.runChunk(input, output));
        assertEquals("engine '" + engineId + "' is ERROR: its initialisation failed (mortality table /data/mort.csv not found); "
                + "call initialize() again", refused.getMessage());
        assertEquals(0, engine.runCalls.get());

        engine.initializeFailure = null;
        m.initialize(engineConfig(), null);
        assertEquals(EngineState.READY, m.state());
        assertTrue(m.runChunk(input, output).success());
        ObjectNode error = CapturedLogs.eventsOf(engineId, "error").getFirst();
        assertEquals("initialisation failed: mortality table /data/mort.csv not found", error.get("error_message").asText());
        assertNull(error.get("stack_trace"), "a missing input file is the user's to fix: message only, no stack trace");
    }

    @Test
    void disposeNeverThrowsAndIsIdempotent() {
        FakeEngine engine = new FakeEngine();
        engine.disposeFailure = new IllegalStateException("native free failed");
        EngineLifecycleManager m = manager(engine, config(TIMEOUT, RetryPolicy.none(), 3));
        m.initialize(engineConfig(), null);

        m.dispose();
        m.dispose();
        m.close();

        assertEquals(EngineState.DISPOSED, m.state());
        assertEquals(1, engine.disposeCalls.get());
        assertThrows(IllegalStateException.class, () -> m.runChunk(input, output));
    }

    // ---- stats and ports ---------------------------------------------------------------------

    @Test
    void countsRunsAndExecutionTimeExactlyAndResets() {
        FakeEngine engine = new FakeEngine().then(FakeEngine.succeedTaking(clockNanos, 10), FakeEngine.succeedTaking(clockNanos, 30),
                FakeEngine.fail(new EngineExecutionException("bad")), FakeEngine.returnFailure("no"));
        EngineLifecycleManager m = manager(engine, config(TIMEOUT, RetryPolicy.none(), 5));
        m.initialize(engineConfig(), null);

        m.runChunk(input, output);
        m.runChunk(input, output);
        assertThrows(EngineExecutionException.class, () -> m.runChunk(input, output));
        m.runChunk(input, output);

        EngineStats stats = m.stats();
        assertEquals(new EngineStats(2, 2, 0, 0, 40.0, 20.0, 2), stats);
        assertEquals(4, stats.totalRuns());

        m.resetStats();
        assertEquals(new EngineStats(0, 0, 0, 0, 0.0, 0.0, 0), m.stats());
    }

    @Test
    void runsNamedPortsAndLogsTheBytesOfAllBuffers() {
        FakeEngine engine = new FakeEngine();
        EngineLifecycleManager m = manager(engine, config(TIMEOUT, RetryPolicy.none(), 3));
        m.initialize(engineConfig(), null);

        ExecutionResult result = m.runChunk(Map.of("policies", input), Map.of("results", output));

        assertTrue(result.success());
        ObjectNode start = CapturedLogs.eventsOf(engineId, "execution_start").getFirst();
        assertEquals(64, start.get("input_size_bytes").asLong());
        assertEquals(80, start.get("output_size_bytes").asLong());
    }

    // ---- helpers -----------------------------------------------------------------------------

    private EngineLifecycleManager manager(FakeEngine engine, LifecycleConfig config) {
        return track(new EngineLifecycleManager(() -> engine, config, sleeps::add, clockNanos::get, () -> 0.5));
    }

    private EngineLifecycleManager track(EngineLifecycleManager m) {
        managers.add(m);
        return m;
    }

    private static LifecycleConfig config(Duration timeout, RetryPolicy retry, int maxConsecutiveErrors) {
        return LifecycleConfig.builder().timeout(timeout).retryPolicy(retry).maxConsecutiveErrors(maxConsecutiveErrors).build();
    }

    private EngineConfig engineConfig() {
        return EngineConfig.of(engineId, Map.of("threads", 2));
    }
}
