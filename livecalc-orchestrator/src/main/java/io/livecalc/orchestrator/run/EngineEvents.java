package io.livecalc.orchestrator.run;

import io.livecalc.api.AMCredentials;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.EngineInfo;
import io.livecalc.api.ExecutionResult;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The structured log events of one engine, with the original's event names and fields, as SLF4J 2
 * key/values: a JSON encoder (the CLI's Logback + LogstashEncoder) writes them as top-level typed fields,
 * one object per line. Every event carries {@code event}, {@code engine_id} and {@code engine_type}.
 *
 * <p>This is the one place where events are named and shaped. Nothing here logs a secret: config keys
 * that look like secrets are masked, the AM token is masked with {@link AMCredentials#mask}, and every
 * free text (messages, error texts, exception messages in stack traces) has each known secret replaced
 * by its masked form before it reaches the logger.
 */
public final class EngineEvents {

    /** The logger every engine event goes to. */
    public static final String LOGGER_NAME = "io.livecalc.events";

    /** The default cap of {@link #bufferDump}, as the original's {@code max_buffer_dump_bytes}. */
    public static final int DEFAULT_MAX_DUMP_BYTES = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

    /** Same rule as {@link EngineConfig#toString()} uses to mask values. */

    /** Secrets shorter than this are not searched for in free text (they would match ordinary words). */
    private static final int MIN_REDACTED_LENGTH = 4;

    private final String engineId;
    private final String engineType;
    private final List<String> secrets;

    /**
     * @param engineId   the engine's id in the pipeline
     * @param engineType its factory type, e.g. {@code projection}
     * @param secrets    values that must never appear in a log line (the AM token, secret config values)
     */
    public EngineEvents(String engineId, String engineType, Collection<String> secrets) {
        this.engineId = Objects.requireNonNull(engineId, "engineId");
        this.engineType = Objects.requireNonNull(engineType, "engineType");
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= MIN_REDACTED_LENGTH).distinct().toList();
    }

    /** The secrets of a configuration and its credentials: the AM token and every secret-looking config value. */
    public static List<String> secretsOf(EngineConfig config, AMCredentials credentials) {
        List<String> found = new ArrayList<>();
        if (credentials != null && credentials.token() != null) {
            found.add(credentials.token());
        }
        if (config != null) {
            config.asMap().forEach((k, v) -> {
                if (isSecretKey(k)) {
                    found.add(String.valueOf(v));
                }
            });
        }
        return found;
    }

    /** Whether a config key names a secret (token, password, secret, credential, api key). */
    public static boolean isSecretKey(String key) {
        return EngineConfig.isSecretKey(key);
    }

    public String engineId() {
        return engineId;
    }

    // ---- events -------------------------------------------------------------------------------

    /** {@code engine_init} (DEBUG): engine metadata, every config entry as {@code config.<key>}, AM settings. */
    public void engineInit(EngineInfo info, EngineConfig config, AMCredentials credentials) {
        if (!LOG.isDebugEnabled()) {
            return;
        }
        LoggingEventBuilder e = event(Level.DEBUG, "engine_init")
                .addKeyValue("engine_name", info.name())
                .addKeyValue("engine_version", info.version())
                .addKeyValue("supports_am", info.supportsAssumptionsManager());
        for (Map.Entry<String, Object> entry : config.asMap().entrySet()) {
            e.addKeyValue("config." + entry.getKey(), configValue(entry.getKey(), entry.getValue()));
        }
        if (credentials != null) {
            e.addKeyValue("am_url", redact(credentials.url()));
            e.addKeyValue("am_token", credentials.maskedToken());
            if (credentials.cacheDir() != null) {
                e.addKeyValue("cache_dir", credentials.cacheDir().toString());
            }
        }
        e.log(redact("engine '" + engineId + "' (" + info.name() + " " + info.version() + ") initialising"));
    }

    /** {@code execution_start} (DEBUG): the bytes offered to the engine on all input and output ports. */
    public void executionStart(long inputSizeBytes, long outputSizeBytes, int attempt) {
        if (!LOG.isDebugEnabled()) {
            return;
        }
        event(Level.DEBUG, "execution_start")
                .addKeyValue("input_size_bytes", inputSizeBytes)
                .addKeyValue("output_size_bytes", outputSizeBytes)
                .addKeyValue("attempt", attempt)
                .log("engine '" + engineId + "' running a chunk (attempt " + attempt + ")");
    }

    /**
     * {@code execution_complete} for a result the engine returned: DEBUG with throughput on success, ERROR
     * with {@code error} when the engine reported a failure.
     */
    public void executionComplete(ExecutionResult result, int attempt) {
        if (!result.success()) {
            executionFailed(result.executionTimeMs(), result.errorMessage(), attempt);
            return;
        }
        if (!LOG.isDebugEnabled()) {
            return;
        }
        double seconds = result.executionTimeMs() / 1000.0;
        double throughput = seconds > 0 ? result.rowsProcessed() / seconds : 0.0;
        event(Level.DEBUG, "execution_complete")
                .addKeyValue("success", true)
                .addKeyValue("execution_time_ms", result.executionTimeMs())
                .addKeyValue("rows_processed", result.rowsProcessed())
                .addKeyValue("bytes_written", result.bytesWritten())
                .addKeyValue("throughput_rows_per_sec", throughput)
                .addKeyValue("partial", result.partial())
                .addKeyValue("attempt", attempt)
                .log("engine '" + engineId + "' completed a chunk in " + result.executionTimeMs() + " ms");
    }

    /** {@code execution_complete} (ERROR) for an attempt that failed: {@code success=false} and {@code error}. */
    public void executionFailed(double executionTimeMs, String error, int attempt) {
        String text = redact(error);
        event(Level.ERROR, "execution_complete")
                .addKeyValue("success", false)
                .addKeyValue("execution_time_ms", executionTimeMs)
                .addKeyValue("error", text)
                .addKeyValue("attempt", attempt)
                .log("engine '" + engineId + "' failed a chunk: " + text);
    }

    /** {@code error} (ERROR): a message and, when given, the exception with its stack trace. */
    /**
     * Failures the user fixes in the configuration or the input data; they are reported by message alone,
     * without a stack trace.
     */
    public static boolean isBadInput(Throwable failure) {
        return failure instanceof io.livecalc.api.ConfigurationException || failure instanceof io.livecalc.api.InitializationException
                || failure instanceof io.livecalc.api.DataFileException;
    }

    public void error(String message, Throwable failure) {
        String text = redact(message);
        LoggingEventBuilder e = event(Level.ERROR, "error").addKeyValue("error_message", text);
        if (failure != null && !isBadInput(failure)) {
            e.setCause(redact(failure)); // a stack trace helps with faults, not with a missing file or a bad key
        }
        e.log("engine '" + engineId + "': " + text);
    }

    /** {@code warning} (WARN): a non-fatal finding. */
    public void warning(String message) {
        String text = redact(message);
        event(Level.WARN, "warning").addKeyValue("warning_message", text).log("engine '" + engineId + "': " + text);
    }

    /** {@code state_transition} (DEBUG). */
    public void stateTransition(Enum<?> oldState, Enum<?> newState) {
        if (!LOG.isDebugEnabled()) {
            return;
        }
        event(Level.DEBUG, "state_transition")
                .addKeyValue("old_state", oldState.name())
                .addKeyValue("new_state", newState.name())
                .log("engine '" + engineId + "': " + oldState + " -> " + newState);
    }

    /** {@code assumption_resolved} (DEBUG; the run summary records every resolution): a table resolved from the Assumptions Manager. */
    public void assumptionResolved(String assumptionName, String resolvedVersion, long rowsLoaded, boolean cacheHit) {
        if (!LOG.isDebugEnabled()) {
            return;
        }
        event(Level.DEBUG, "assumption_resolved")
                .addKeyValue("assumption_name", assumptionName)
                .addKeyValue("resolved_version", resolvedVersion)
                .addKeyValue("rows_loaded", rowsLoaded)
                .addKeyValue("cache_hit", cacheHit)
                .log("engine '" + engineId + "': assumption " + assumptionName + " " + resolvedVersion + " ("
                        + rowsLoaded + " rows, cache " + (cacheHit ? "hit" : "miss") + ")");
    }

    /**
     * {@code buffer_dump} (DEBUG only): the first {@code maxBytes} bytes of a buffer in hex. Costs nothing
     * when DEBUG is off.
     */
    public void bufferDump(String bufferName, MemorySegment buffer, int maxBytes) {
        if (!LOG.isDebugEnabled()) {
            return;
        }
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative, got " + maxBytes);
        }
        long size = buffer.byteSize();
        int dumped = (int) Math.min(size, maxBytes);
        byte[] bytes = buffer.asSlice(0, dumped).toArray(ValueLayout.JAVA_BYTE);
        event(Level.DEBUG, "buffer_dump")
                .addKeyValue("buffer_name", bufferName)
                .addKeyValue("buffer_size", size)
                .addKeyValue("dumped_bytes", dumped)
                .addKeyValue("hex_data", HexFormat.of().formatHex(bytes))
                .addKeyValue("truncated", dumped < size)
                .log("engine '" + engineId + "': buffer " + bufferName + " (" + dumped + " of " + size + " bytes)");
    }

    /** {@code execution_retry} (WARN): an attempt failed transiently and will be retried after a wait. */
    public void retry(int nextAttempt, int maxAttempts, Duration delay, Throwable cause) {
        String text = redact(String.valueOf(cause.getMessage()));
        event(Level.WARN, "execution_retry")
                .addKeyValue("attempt", nextAttempt)
                .addKeyValue("max_attempts", maxAttempts)
                .addKeyValue("delay_ms", delay.toNanos() / 1e6)
                .addKeyValue("error_message", text)
                .log("engine '" + engineId + "': retrying (attempt " + nextAttempt + " of " + maxAttempts + ") after "
                        + delay.toMillis() + " ms: " + text);
    }

    /** {@code execution_timeout} (ERROR): an attempt exceeded its timeout and was interrupted. */
    public void timeout(Duration timeout, Duration elapsed, boolean threadStopped) {
        event(Level.ERROR, "execution_timeout")
                .addKeyValue("timeout_ms", timeout.toMillis())
                .addKeyValue("elapsed_ms", elapsed.toNanos() / 1e6)
                .addKeyValue("thread_stopped", threadStopped)
                .log("engine '" + engineId + "' timed out after " + elapsed.toMillis() + " ms (timeout "
                        + timeout.toMillis() + " ms)" + (threadStopped ? "" : "; its thread ignored the interrupt"));
    }

    /** {@code engine_dispose} (DEBUG): the engine's resources were released, and why. */
    public void disposed(String reason) {
        String text = redact(reason);
        event(Level.DEBUG, "engine_dispose").addKeyValue("reason", text).log("engine '" + engineId + "' disposed: " + text);
    }

    // ---- secrets ------------------------------------------------------------------------------

    /** {@code text} with every known secret replaced by its masked form. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            if (out.contains(secret)) {
                out = out.replace(secret, AMCredentials.mask(secret));
            }
        }
        return out;
    }

    /**
     * {@code failure} itself when no message in its cause chain holds a secret; otherwise a copy of the
     * chain with the messages redacted and the stack traces kept.
     */
    public Throwable redact(Throwable failure) {
        return containsSecret(failure, Collections.newSetFromMap(new IdentityHashMap<>()))
                ? copyRedacted(failure, Collections.newSetFromMap(new IdentityHashMap<>()))
                : failure;
    }

    private boolean containsSecret(Throwable t, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return false;
        }
        String message = String.valueOf(t.getMessage());
        if (secrets.stream().anyMatch(message::contains)) {
            return true;
        }
        for (Throwable s : t.getSuppressed()) {
            if (containsSecret(s, seen)) {
                return true;
            }
        }
        return containsSecret(t.getCause(), seen);
    }

    private Throwable copyRedacted(Throwable t, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return null;
        }
        RedactedException copy = new RedactedException(t.getClass().getName() + ": " + redact(String.valueOf(t.getMessage())),
                copyRedacted(t.getCause(), seen));
        copy.setStackTrace(t.getStackTrace());
        for (Throwable s : t.getSuppressed()) {
            Throwable c = copyRedacted(s, seen);
            if (c != null) {
                copy.addSuppressed(c);
            }
        }
        return copy;
    }

    /** Stands in for an exception whose message held a secret; its message starts with the original class. */
    static final class RedactedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RedactedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    // ---- internals ----------------------------------------------------------------------------

    private LoggingEventBuilder event(Level level, String name) {
        return LOG.atLevel(level)
                .addKeyValue("event", name)
                .addKeyValue("engine_id", engineId)
                .addKeyValue("engine_type", engineType);
    }

    /** Numbers and booleans stay typed; secret-looking keys and secret-containing strings are masked. */
    private Object configValue(String key, Object value) {
        if (isSecretKey(key)) {
            return AMCredentials.mask(String.valueOf(value));
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value;
        }
        return redact(String.valueOf(value));
    }
}
