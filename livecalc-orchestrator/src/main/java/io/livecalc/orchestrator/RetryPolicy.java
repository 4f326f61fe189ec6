package io.livecalc.orchestrator;

import io.livecalc.api.EngineExecutionException;
import java.time.Duration;
import java.util.Objects;

/**
 * When and how often {@link io.livecalc.orchestrator.EngineLifecycleManager} runs a failed chunk again: the one retry mechanism
 * of LiveCalc.
 *
 * <p>Only transient failures are retried: an {@link EngineExecutionException} whose
 * {@link EngineExecutionException#isTransient()} is true, which includes every timeout
 * ({@link EngineTimeoutException}). Configuration and initialisation errors, and non-transient execution
 * errors (an output buffer that is too small, invalid input), fail the same way again and are never
 * retried.
 *
 * <p>The wait before retry {@code n} (the first retry is {@code n = 1}) is
 * {@code min(maxBackoff, initialBackoff * multiplier^(n-1))}, then spread by the jitter fraction {@code j}
 * uniformly over {@code [base * (1 - j), base * (1 + j)]} so that engines failing together do not retry
 * in lock step.
 *
 * @param maxAttempts    attempts in all, the first included; {@code 1} means no retry
 * @param initialBackoff wait before the first retry
 * @param multiplier     growth of the wait per retry, at least 1
 * @param maxBackoff     cap of the wait before jitter
 * @param jitter         fraction in {@code [0, 1]} by which each wait is spread
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff, double jitter) {

    private static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO, 0.0);

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1 (1 = no retry), got " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
            throw new IllegalArgumentException("backoff must not be negative: initial " + initialBackoff + ", max " + maxBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is below initialBackoff " + initialBackoff);
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be a finite number >= 1, got " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("jitter must be in [0, 1], got " + jitter);
        }
    }

    /** A single attempt: failures are never retried. */
    public static RetryPolicy none() {
        return NONE;
    }

    /**
     * {@code maxAttempts} attempts, waits doubling from {@code initialBackoff}, capped at 30 s, jitter 20 %.
     */
    public static RetryPolicy exponential(int maxAttempts, Duration initialBackoff) {
        Duration cap = initialBackoff.compareTo(Duration.ofSeconds(30)) > 0 ? initialBackoff : Duration.ofSeconds(30);
        return new RetryPolicy(maxAttempts, initialBackoff, 2.0, cap, 0.2);
    }

    /** The default: one retry (two attempts) after about 100 ms, as the original retried once. */
    public static RetryPolicy defaults() {
        return exponential(2, Duration.ofMillis(100));
    }

    /** This policy with another jitter fraction. */
    public RetryPolicy withJitter(double fraction) {
        return new RetryPolicy(maxAttempts, initialBackoff, multiplier, maxBackoff, fraction);
    }

    /** This policy with another growth factor. */
    public RetryPolicy withMultiplier(double factor) {
        return new RetryPolicy(maxAttempts, initialBackoff, factor, maxBackoff, jitter);
    }

    /** This policy with another cap on the wait. */
    public RetryPolicy withMaxBackoff(Duration cap) {
        return new RetryPolicy(maxAttempts, initialBackoff, multiplier, cap, jitter);
    }

    /** Whether a retry can help with {@code failure}: only transient execution failures qualify. */
    public boolean isRetryable(Throwable failure) {
        return failure instanceof EngineExecutionException e && e.isTransient();
    }

    /** Whether attempt {@code attempt} (1-based), having failed with {@code failure}, is followed by another. */
    public boolean shouldRetry(int attempt, Throwable failure) {
        return attempt < maxAttempts && isRetryable(failure);
    }

    /** The wait before retry {@code n} without jitter: {@code min(maxBackoff, initialBackoff * multiplier^(n-1))}. */
    public Duration baseBackoff(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries are numbered from 1, got " + retry);
        }
        double nanos = initialBackoff.toNanos() * Math.pow(multiplier, retry - 1);
        return nanos >= maxBackoff.toNanos() ? maxBackoff : Duration.ofNanos(Math.round(nanos));
    }

    /**
     * The wait before retry {@code n}, with jitter.
     *
     * @param retry      1 for the first retry
     * @param unitRandom a uniform random number in {@code [0, 1]}; 0.5 gives the base wait
     */
    public Duration backoff(int retry, double unitRandom) {
        if (!(unitRandom >= 0.0 && unitRandom <= 1.0)) {
            throw new IllegalArgumentException("unitRandom must be in [0, 1], got " + unitRandom);
        }
        long base = baseBackoff(retry).toNanos();
        return Duration.ofNanos(Math.round(base * (1.0 + jitter * (2.0 * unitRandom - 1.0))));
    }
}
