package io.livecalc.orchestrator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livecalc.api.ConfigurationException;
import io.livecalc.api.EngineExecutionException;
import io.livecalc.api.InitializationException;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(12, Duration.ofMillis(100), 2.0, Duration.ofSeconds(10), 0.2);

    @Test
    void baseBackoffDoublesUntilTheCap() {
        assertEquals(Duration.ofMillis(100), policy.baseBackoff(1));
        assertEquals(Duration.ofMillis(200), policy.baseBackoff(2));
        assertEquals(Duration.ofMillis(400), policy.baseBackoff(3));
        assertEquals(Duration.ofMillis(6400), policy.baseBackoff(7));
        assertEquals(Duration.ofSeconds(10), policy.baseBackoff(8));
        assertEquals(Duration.ofSeconds(10), policy.baseBackoff(60));
    }

    @Test
    void jitteredBackoffStaysWithinTwentyPercentOfTheBase() {
        SplittableRandom random = new SplittableRandom(42);
        for (int retry = 1; retry <= 10; retry++) {
            long base = policy.baseBackoff(retry).toNanos();
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (int i = 0; i < 2000; i++) {
                long d = policy.backoff(retry, random.nextDouble()).toNanos();
                assertTrue(d >= Math.round(base * 0.8) && d <= Math.round(base * 1.2), "retry " + retry + ": " + d + " ns");
                min = Math.min(min, d);
                max = Math.max(max, d);
            }
            assertTrue(max - min > base * 0.3, "jitter spreads the waits of retry " + retry);
        }
        assertEquals(Duration.ofMillis(80), policy.backoff(1, 0.0));
        assertEquals(Duration.ofMillis(120), policy.backoff(1, 1.0));
        assertEquals(Duration.ofMillis(100), policy.withJitter(0).backoff(1, 0.9));
    }

    @Test
    void retriesOnlyTransientExecutionFailuresAndTimeouts() {
        assertTrue(policy.isRetryable(new EngineExecutionException("worker lost", null, true)));
        assertTrue(policy.isRetryable(new EngineTimeoutException("proj", Duration.ofMillis(200), Duration.ofMillis(250), true)));
        assertFalse(policy.isRetryable(new EngineExecutionException("output buffer too small")));
        assertFalse(policy.isRetryable(new ConfigurationException("bad key")));
        assertFalse(policy.isRetryable(new InitializationException("no file")));
        assertFalse(policy.isRetryable(new IllegalStateException("bug")));
        assertFalse(policy.shouldRetry(12, new EngineExecutionException("worker lost", null, true)), "attempts exhausted");
        assertFalse(RetryPolicy.none().shouldRetry(1, new EngineExecutionException("worker lost", null, true)));
    }

    @Test
    void rejectsMeaninglessSettings() {
        assertEquals("maxAttempts must be at least 1 (1 = no retry), got 0",
                assertThrows(IllegalArgumentException.class, () -> RetryPolicy.exponential(0, Duration.ofMillis(1))).getMessage());
        assertEquals("jitter must be in [0, 1], got 1.5",
                assertThrows(IllegalArgumentException.class, () -> policy.withJitter(1.5)).getMessage());
        assertEquals("multiplier must be a finite number >= 1, got 0.5",
                assertThrows(IllegalArgumentException.class, () -> policy.withMultiplier(0.5)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> policy.withMaxBackoff(Duration.ofMillis(10)));
        assertThrows(IllegalArgumentException.class, () -> policy.baseBackoff(0));
    }

    @Test
    void lifecycleConfigDefaultsFollowTheOriginal() {
        LifecycleConfig defaults = LifecycleConfig.defaults();
        assertEquals(Duration.ofSeconds(300), defaults.timeout());
        assertEquals(Duration.ofSeconds(5), defaults.interruptGrace());
        assertEquals(3, defaults.maxConsecutiveErrors());
        assertEquals(2, defaults.retryPolicy().maxAttempts());
        assertEquals(Duration.ofMillis(50), LifecycleConfig.builder().timeout(Duration.ofMillis(200)).build().interruptGrace());
        assertEquals(defaults, defaults.toBuilder().build());
        assertThrows(IllegalArgumentException.class, () -> LifecycleConfig.builder().timeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> LifecycleConfig.builder().maxConsecutiveErrors(0));
    }
}
