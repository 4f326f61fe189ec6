package io.livecalc.orchestrator;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link io.livecalc.orchestrator.EngineLifecycleManager} runs an engine: the timeout per attempt, the retry policy and how
 * many failed runs in a row it tolerates before disposing the engine. Immutable; build with
 * {@link #builder()}.
 *
 * <p>Defaults: timeout 300 s (as the original), {@link RetryPolicy#defaults()}, 3 consecutive failed runs,
 * interrupt grace a quarter of the timeout but at most 5 s (so a caller hears of a timeout within
 * 1.25 times the timeout, well inside the promised 2 times).
 */
public final class LifecycleConfig {

    private static final Duration MAX_DEFAULT_GRACE = Duration.ofSeconds(5);

    private final Duration timeout;
    private final Duration interruptGrace;
    private final RetryPolicy retryPolicy;
    private final int maxConsecutiveErrors;

    private LifecycleConfig(Builder b) {
        this.timeout = b.timeout;
        this.interruptGrace = b.interruptGrace != null ? b.interruptGrace : defaultGrace(b.timeout);
        this.retryPolicy = b.retryPolicy;
        this.maxConsecutiveErrors = b.maxConsecutiveErrors;
    }

    /** The defaults listed above. */
    public static LifecycleConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        return new Builder().timeout(timeout).interruptGrace(interruptGrace).retryPolicy(retryPolicy)
                .maxConsecutiveErrors(maxConsecutiveErrors);
    }

    /** The longest one attempt of {@code runChunk} may run before it is interrupted. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * How long, after interrupting a timed-out engine, the manager waits for its thread to end before
     * abandoning it. A caller therefore waits at most {@code timeout + interruptGrace} per attempt.
     */
    public Duration interruptGrace() {
        return interruptGrace;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** Failed runs in a row (each after its retries) after which the engine is disposed. */
    public int maxConsecutiveErrors() {
        return maxConsecutiveErrors;
    }

    private static Duration defaultGrace(Duration timeout) {
        Duration quarter = timeout.dividedBy(4);
        return quarter.compareTo(MAX_DEFAULT_GRACE) > 0 ? MAX_DEFAULT_GRACE : quarter;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LifecycleConfig c && c.timeout.equals(timeout) && c.interruptGrace.equals(interruptGrace)
                && c.retryPolicy.equals(retryPolicy) && c.maxConsecutiveErrors == maxConsecutiveErrors;
    }

    @Override
    public int hashCode() {
        return Objects.hash(timeout, interruptGrace, retryPolicy, maxConsecutiveErrors);
    }

    @Override
    public String toString() {
        return "LifecycleConfig[timeout=" + timeout + ", interruptGrace=" + interruptGrace + ", retryPolicy=" + retryPolicy
                + ", maxConsecutiveErrors=" + maxConsecutiveErrors + "]";
    }

    /** Builds a {@link LifecycleConfig}; every setter checks its value at once. */
    public static final class Builder {
        private Duration timeout = Duration.ofSeconds(300);
        private Duration interruptGrace;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private int maxConsecutiveErrors = 3;

        private Builder() {
        }

        /** Timeout per attempt; positive. */
        public Builder timeout(Duration value) {
            Objects.requireNonNull(value, "timeout");
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException("timeout must be positive, got " + value);
            }
            this.timeout = value;
            return this;
        }

        /** Wait for an interrupted engine's thread to end; zero or positive. Default: see the class doc. */
        public Builder interruptGrace(Duration value) {
            Objects.requireNonNull(value, "interruptGrace");
            if (value.isNegative()) {
                throw new IllegalArgumentException("interruptGrace must not be negative, got " + value);
            }
            this.interruptGrace = value;
            return this;
        }

        public Builder retryPolicy(RetryPolicy value) {
            this.retryPolicy = Objects.requireNonNull(value, "retryPolicy");
            return this;
        }

        /** At least 1; {@link Integer#MAX_VALUE} never disposes. */
        public Builder maxConsecutiveErrors(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxConsecutiveErrors must be at least 1, got " + value);
            }
            this.maxConsecutiveErrors = value;
            return this;
        }

        public LifecycleConfig build() {
            return new LifecycleConfig(this);
        }
    }
}
