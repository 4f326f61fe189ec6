package io.livecalc.orchestrator;

import io.livecalc.orchestrator.run.EngineEvents;
import io.livecalc.api.AMCredentials;
import io.livecalc.api.CalcEngineException;
import io.livecalc.api.ConfigurationException;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.EngineExecutionException;
import io.livecalc.api.EngineInfo;
import io.livecalc.api.ExecutionResult;
import io.livecalc.api.ICalcEngine;
import io.livecalc.api.InitializationException;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Runs one engine through its lifecycle with a real timeout, one retry mechanism and failure counting.
 *
 * <p>States and transitions are those of {@link EngineState}: {@code initialize} moves
 * UNINITIALIZED (or ERROR, or DISPOSED) through INITIALIZING to READY; each attempt of {@code runChunk}
 * moves READY (or ERROR) to RUNNING and then to READY on success or ERROR on failure; {@code dispose}
 * moves to DISPOSED. A move outside the table throws {@link IllegalStateException} naming both states.
 *
 * <p><b>Timeout.</b> Each attempt runs on the manager's worker thread. When it exceeds
 * {@link LifecycleConfig#timeout()} the thread is interrupted and the manager waits up to
 * {@link LifecycleConfig#interruptGrace()} for it to end; either way the attempt fails with a transient
 * {@link EngineTimeoutException} no later than {@code timeout + grace} after it started. An engine that
 * ignores the interrupt has its thread abandoned (a daemon, so it cannot keep the JVM alive). The timed-out
 * engine is disposed and re-initialised with the remembered configuration and credentials before its next
 * attempt; when the manager was built with a supplier and the thread was abandoned, a fresh instance
 * replaces the stuck one.
 *
 * <p><b>Retry.</b> A failed attempt is retried as {@link LifecycleConfig#retryPolicy()} says: transient
 * failures only (timeouts included), exponential backoff with jitter. Configuration and initialisation
 * errors and non-transient execution errors are thrown at once.
 *
 * <p><b>Failure counting.</b> A run (one {@code runChunk} call with its retries) fails when it throws or
 * the engine returns a failed {@link ExecutionResult} (returned, not thrown). After
 * {@link LifecycleConfig#maxConsecutiveErrors()} failed runs in a row the engine is disposed and later runs
 * throw {@link IllegalStateException} until {@code initialize} is called again.
 *
 * <p>Every step is logged as a structured event (engine_init, state_transition, execution_start,
 * execution_complete, execution_retry, execution_timeout, error, warning, engine_dispose) on the logger
 * {@value io.livecalc.orchestrator.run.EngineEvents#LOGGER_NAME}; the AM token never appears
 * unmasked. Thread-safe: calls are serialised; {@link #state()} and {@link #stats()} never block.
 */
public final class EngineLifecycleManager implements AutoCloseable {

    /** Waits between retries; replaced in tests to keep them fast. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private static final AtomicInteger WORKER_NUMBER = new AtomicInteger();

    private final ReentrantLock lock = new ReentrantLock();
    private final LifecycleConfig config;
    private final Supplier<ICalcEngine> freshEngine;
    private final Sleeper sleeper;
    private final LongSupplier nanoClock;
    private final DoubleSupplier random;
    private final Counters counters = new Counters();

    private volatile ICalcEngine engine;
    private volatile EngineState state = EngineState.UNINITIALIZED;
    private volatile String engineId;
    private final String engineType;
    private EngineEvents events;
    private EngineConfig engineConfig;
    private AMCredentials credentials;
    /** Set after a timeout or interrupt: the engine was disposed and must be initialised before it runs. */
    private boolean reinitializeBeforeNextRun;
    /** Why runs are refused in ERROR (failed initialisation) or DISPOSED; null otherwise. */
    private String refusal;
    private ThreadPoolExecutor worker;

    /**
     * Manages {@code engine}. After a timeout whose thread had to be abandoned, the same instance is
     * disposed and re-initialised; prefer {@link #EngineLifecycleManager(Supplier, LifecycleConfig)} when a
     * fresh instance can be made.
     */
    public EngineLifecycleManager(ICalcEngine engine, LifecycleConfig config) {
        this(Objects.requireNonNull(engine, "engine"), null, config, Thread::sleep, System::nanoTime,
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * Manages an engine made by {@code engineFactory} (called once now, and again only to replace an
     * instance whose thread ignored a timeout's interrupt).
     */
    public EngineLifecycleManager(Supplier<ICalcEngine> engineFactory, LifecycleConfig config) {
        this(engineFactory, config, Thread::sleep, System::nanoTime, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** For tests: an injected sleeper (retry waits), clock (execution time stats) and jitter source. */
    public EngineLifecycleManager(Supplier<ICalcEngine> engineFactory, LifecycleConfig config, Sleeper sleeper,
                           LongSupplier nanoClock, DoubleSupplier random) {
        this(create(engineFactory), engineFactory, config, sleeper, nanoClock, random);
    }

    private EngineLifecycleManager(ICalcEngine engine, Supplier<ICalcEngine> freshEngine, LifecycleConfig config,
                                   Sleeper sleeper, LongSupplier nanoClock, DoubleSupplier random) {
        this.engine = engine;
        this.freshEngine = freshEngine;
        this.config = Objects.requireNonNull(config, "config");
        this.sleeper = sleeper;
        this.nanoClock = nanoClock;
        this.random = random;
        EngineInfo info = engine.getInfo();
        this.engineId = info.name();
        this.engineType = info.engineType();
        this.events = new EngineEvents(engineId, engineType, List.of());
    }

    private static ICalcEngine create(Supplier<ICalcEngine> factory) {
        ICalcEngine e = Objects.requireNonNull(factory, "engineFactory").get();
        if (e == null) {
            throw new IllegalArgumentException("the engine factory returned null");
        }
        return e;
    }

    // ---- lifecycle ----------------------------------------------------------------------------

    /**
     * Initialises the engine and remembers {@code engineConfig} and {@code credentials} for
     * re-initialisation after a timeout. Allowed from UNINITIALIZED, ERROR and DISPOSED; resets the count
     * of consecutive failed runs.
     *
     * @param credentials Assumptions Manager credentials, or {@code null} when the engine needs none
     * @throws IllegalStateException   the engine is READY (dispose it first) or busy
     * @throws ConfigurationException  the engine rejected the configuration (state ERROR)
     * @throws InitializationException the engine could not load what the configuration names (state ERROR)
     */
    public void initialize(EngineConfig engineConfig, AMCredentials credentials) {
        Objects.requireNonNull(engineConfig, "engineConfig");
        lock.lock();
        try {
            if (!state.canMoveTo(EngineState.INITIALIZING)) {
                throw new IllegalStateException("engine '" + engineId + "' cannot be initialised in state " + state
                        + " (" + state + " -> " + EngineState.INITIALIZING + " is not allowed); dispose() it first");
            }
            this.engineConfig = engineConfig;
            this.credentials = credentials;
            this.engineId = engineConfig.engineId();
            this.events = new EngineEvents(engineId, engineType, EngineEvents.secretsOf(engineConfig, credentials));
            if (state != EngineState.UNINITIALIZED) {
                disposeEngineQuietly();
            }
            counters.resetConsecutive();
            refusal = null;
            reinitializeBeforeNextRun = false;
            try {
                initializeEngine();
            } catch (RuntimeException e) {
                refusal = "its initialisation failed (" + events.redact(e.getMessage()) + "); call initialize() again";
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs one chunk over named ports (see {@link ICalcEngine#runChunk(Map, Map)}), with timeout and retries.
     *
     * @return the engine's result; a failed result (returned by the engine, not thrown) is passed on as is
     *         and counts as a failed run
     * @throws IllegalStateException    not initialised, initialisation failed, or disposed
     * @throws EngineTimeoutException   the last attempt timed out
     * @throws EngineExecutionException the last attempt failed
     * @throws CalcEngineException      a configuration or initialisation error (re-initialisation included)
     */
    public ExecutionResult runChunk(Map<String, MemorySegment> inputs, Map<String, MemorySegment> outputs) {
        Map<String, MemorySegment> in = Map.copyOf(inputs);
        Map<String, MemorySegment> out = Map.copyOf(outputs);
        return run(totalBytes(in), totalBytes(out), e -> e.runChunk(in, out));
    }

    /** Runs one chunk of a single-buffer engine; {@code input} may be {@link MemorySegment#NULL}. */
    public ExecutionResult runChunk(MemorySegment input, MemorySegment output) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        return run(input.byteSize(), output.byteSize(), e -> e.runChunk(input, output));
    }

    /**
     * Disposes the engine and stops the worker thread; DISPOSED until {@code initialize} is called again.
     * Never throws; a second call does nothing.
     */
    public void dispose() {
        lock.lock();
        try {
            if (state == EngineState.DISPOSED) {
                return;
            }
            disposeEngineQuietly();
            refusal = "dispose() was called";
            forceState(EngineState.DISPOSED);
            events.disposed("dispose() was called");
            if (worker != null) {
                worker.shutdown();
                worker = null;
            }
        } catch (Throwable t) {
            safeError("dispose failed", t);
        } finally {
            lock.unlock();
        }
    }

    /** Same as {@link #dispose()}. */
    @Override
    public void close() {
        dispose();
    }

    // ---- queries ------------------------------------------------------------------------------

    public EngineState state() {
        return state;
    }

    /** The engine id of the configuration, or the engine's name before {@code initialize}. */
    public String engineId() {
        return engineId;
    }

    /** The managed engine's metadata. */
    public EngineInfo engineInfo() {
        return engine.getInfo();
    }

    public LifecycleConfig lifecycleConfig() {
        return config;
    }

    /** A snapshot of the counters. */
    public EngineStats stats() {
        return counters.snapshot();
    }

    /** Sets every counter to zero, the count of consecutive failed runs included. */
    public void resetStats() {
        counters.reset();
    }

    // ---- running ------------------------------------------------------------------------------

    private ExecutionResult run(long inputBytes, long outputBytes, Function<ICalcEngine, ExecutionResult> call) {
        lock.lock();
        try {
            requireRunnable();
            RetryPolicy policy = config.retryPolicy();
            for (int attempt = 1; ; attempt++) {
                RuntimeException failure;
                try {
                    ExecutionResult result = attempt(attempt, inputBytes, outputBytes, call);
                    if (result.success()) {
                        counters.successfulRun();
                    } else {
                        failRun(result.errorMessage(), null, attempt);
                    }
                    return result;
                } catch (RuntimeException e) {
                    failure = e;
                } catch (Error e) {
                    failRun(e.toString(), e, attempt);
                    throw e;
                }
                if (!policy.shouldRetry(attempt, failure)) {
                    failRun(failure.getMessage(), failure, attempt);
                    throw redacted(failure);
                }
                Duration delay = policy.backoff(attempt, Math.clamp(random.getAsDouble(), 0.0, 1.0));
                counters.retry();
                events.retry(attempt + 1, policy.maxAttempts(), delay, failure);
                try {
                    sleeper.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure.addSuppressed(e);
                    failRun(failure.getMessage(), failure, attempt);
                    throw redacted(failure);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private ExecutionResult attempt(int attempt, long inputBytes, long outputBytes,
                                    Function<ICalcEngine, ExecutionResult> call) {
        if (reinitializeBeforeNextRun) {
            initializeEngine();
            reinitializeBeforeNextRun = false;
        }
        move(EngineState.RUNNING);
        events.executionStart(inputBytes, outputBytes, attempt);
        long start = nanoClock.getAsLong();
        ExecutionResult result;
        try {
            result = execute(call);
            if (result == null) {
                throw new EngineExecutionException("engine '" + engineId + "' returned no result from runChunk");
            }
        } catch (RuntimeException | Error e) {
            if (state == EngineState.RUNNING) {
                move(EngineState.ERROR);
            }
            events.executionFailed(millisSince(start), String.valueOf(e.getMessage()), attempt);
            throw e;
        }
        double elapsedMs = millisSince(start);
        if (result.success()) {
            move(EngineState.READY);
            counters.addExecutionTime(elapsedMs);
            events.executionComplete(result, attempt);
            result.warnings().forEach(events::warning);
        } else {
            move(EngineState.ERROR);
            events.executionComplete(result, attempt);
        }
        return result;
    }

    /** Runs {@code call} on the worker thread within the timeout. */
    private ExecutionResult execute(Function<ICalcEngine, ExecutionResult> call) {
        ICalcEngine target = engine;
        CountDownLatch finished = new CountDownLatch(1);
        long started = System.nanoTime();
        Future<ExecutionResult> future = worker().submit(() -> {
            try {
                return call.apply(target);
            } finally {
                finished.countDown();
            }
        });
        try {
            return future.get(config.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw asUnchecked(e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            boolean stopped = awaitQuietly(finished, config.interruptGrace());
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            counters.timeout();
            events.timeout(config.timeout(), elapsed, stopped);
            move(EngineState.ERROR);
            recoverFromStop(stopped, "the chunk timed out");
            throw new EngineTimeoutException(engineId, config.timeout(), elapsed, stopped);
        } catch (InterruptedException e) {
            future.cancel(true);
            boolean stopped = awaitQuietly(finished, config.interruptGrace());
            move(EngineState.ERROR);
            recoverFromStop(stopped, "the caller was interrupted");
            Thread.currentThread().interrupt();
            throw new EngineExecutionException("engine '" + engineId + "': interrupted while waiting for the chunk; the engine "
                    + (stopped ? "was stopped" : "ignored the interrupt and its thread was abandoned"), e, false);
        }
    }

    /** After an interrupted attempt: abandon a stuck thread, dispose the engine, re-initialise before reuse. */
    private void recoverFromStop(boolean threadStopped, String why) {
        if (!threadStopped && worker != null) {
            events.warning("the engine thread ignored the interrupt and is abandoned (daemon, still running); " + why);
            worker.shutdownNow();
            worker = null;
        }
        disposeEngineQuietly();
        events.disposed(why + "; re-initialising before the next run");
        if (!threadStopped && freshEngine != null) {
            try {
                engine = create(freshEngine);
            } catch (RuntimeException e) {
                events.error("could not create a replacement engine; re-initialising the stuck instance", e);
            }
        }
        reinitializeBeforeNextRun = true;
    }

    private void initializeEngine() {
        move(EngineState.INITIALIZING);
        try {
            events.engineInit(engine.getInfo(), engineConfig, credentials);
            engine.initialize(engineConfig, credentials);
        } catch (RuntimeException e) {
            move(EngineState.ERROR);
            RuntimeException failure = e instanceof CalcEngineException ? e
                    : new InitializationException("engine '" + engineId + "' failed to initialise: " + e, e);
            events.error("initialisation failed: " + failure.getMessage(), failure);
            throw redacted(failure);
        }
        move(EngineState.READY);
    }

    private void failRun(String message, Throwable failure, int attempts) {
        int consecutive = counters.failedRun();
        events.error("run failed after " + attempts + (attempts == 1 ? " attempt: " : " attempts: ") + message, failure);
        if (consecutive >= config.maxConsecutiveErrors() && state != EngineState.DISPOSED) {
            refusal = "it was disposed after " + consecutive + " consecutive failed runs (last: " + events.redact(message)
                    + "); call initialize() to use it again";
            disposeEngineQuietly();
            forceState(EngineState.DISPOSED);
            events.disposed(consecutive + " consecutive failed runs");
        }
    }

    private void requireRunnable() {
        switch (state) {
            case READY -> { }
            case ERROR -> {
                if (refusal != null) {
                    throw new IllegalStateException("engine '" + engineId + "' is ERROR: " + refusal);
                }
            }
            case UNINITIALIZED -> throw new IllegalStateException("engine '" + engineId
                    + "' is UNINITIALIZED: call initialize() before runChunk()");
            case DISPOSED -> throw new IllegalStateException("engine '" + engineId + "' is DISPOSED: " + refusal);
            default -> throw new IllegalStateException("engine '" + engineId + "' is " + state
                    + ": runChunk() was called while another call is in progress");
        }
    }

    // ---- internals ----------------------------------------------------------------------------

    private void move(EngineState next) {
        EngineState old = state;
        if (!old.canMoveTo(next)) {
            throw new IllegalStateException("engine '" + engineId + "': illegal state transition " + old + " -> " + next
                    + " (allowed from " + old + ": " + old.successors() + ")");
        }
        state = next;
        events.stateTransition(old, next);
    }

    /** A move that must happen even when the table does not list it (dispose never throws). */
    private void forceState(EngineState next) {
        EngineState old = state;
        state = next;
        events.stateTransition(old, next);
    }

    private void disposeEngineQuietly() {
        try {
            engine.dispose();
        } catch (Throwable t) {
            safeError("the engine's dispose() threw (ignored)", t);
        }
    }

    private void safeError(String message, Throwable t) {
        try {
            events.error(message, t);
        } catch (Throwable ignored) {
            // logging must not turn a quiet dispose into a failure
        }
    }

    private ThreadPoolExecutor worker() {
        if (worker == null) {
            String name = "livecalc-engine-" + engineId + "-" + WORKER_NUMBER.incrementAndGet();
            worker = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            });
            worker.allowCoreThreadTimeOut(true);
        }
        return worker;
    }

    private static boolean awaitQuietly(CountDownLatch latch, Duration grace) {
        try {
            return latch.await(grace.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return latch.getCount() == 0;
        }
    }

    /**
     * {@code failure} itself, or, when its message or a cause's holds a secret (an engine that put the AM
     * token into an exception), the same kind of exception with every secret masked.
     */
    private RuntimeException redacted(RuntimeException failure) {
        Throwable cause = events.redact(failure);
        if (cause == failure) {
            return failure;
        }
        String message = events.redact(failure.getMessage());
        return switch (failure) {
            case EngineTimeoutException t -> t;
            case EngineExecutionException e -> new EngineExecutionException(message, cause, e.isTransient());
            case ConfigurationException e -> new ConfigurationException(message, cause);
            case InitializationException e -> new InitializationException(message, cause);
            default -> new EngineExecutionException("engine '" + engineId + "' failed: " + message, cause, false);
        };
    }

    private RuntimeException asUnchecked(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            return r instanceof CalcEngineException ? r
                    : new EngineExecutionException("engine '" + engineId + "' failed: " + r, r, false);
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new EngineExecutionException("engine '" + engineId + "' failed: " + cause, cause, false);
    }

    private double millisSince(long startNanos) {
        return (nanoClock.getAsLong() - startNanos) / 1e6;
    }

    private static long totalBytes(Map<String, MemorySegment> buffers) {
        return buffers.values().stream().mapToLong(MemorySegment::byteSize).sum();
    }

    /** Counters behind {@link EngineStats}; a monitor of their own so that {@link #stats()} never waits for a run. */
    private static final class Counters {
        private long successfulRuns;
        private long failedRuns;
        private long timeouts;
        private long retries;
        private double totalMs;
        private int consecutiveFailures;

        synchronized void successfulRun() {
            successfulRuns++;
            consecutiveFailures = 0;
        }

        synchronized int failedRun() {
            failedRuns++;
            return ++consecutiveFailures;
        }

        synchronized void addExecutionTime(double ms) {
            totalMs += ms;
        }

        synchronized void timeout() {
            timeouts++;
        }

        synchronized void retry() {
            retries++;
        }

        synchronized void resetConsecutive() {
            consecutiveFailures = 0;
        }

        synchronized void reset() {
            successfulRuns = failedRuns = timeouts = retries = 0;
            totalMs = 0;
            consecutiveFailures = 0;
        }

        synchronized EngineStats snapshot() {
            return new EngineStats(successfulRuns, failedRuns, timeouts, retries, totalMs,
                    successfulRuns == 0 ? 0.0 : totalMs / successfulRuns, consecutiveFailures);
        }
    }
}
