package io.livecalc.orchestrator;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.livecalc.orchestrator.credentials.CredentialManager;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event of the test JVM as the JSON line the CLI would write (LogstashEncoder), while
 * installed. Attached programmatically to the root logger, so it needs no logback-test.xml; it lowers
 * {@link CredentialManager}'s logger to DEBUG and restores it on {@link #close()}.
 */
final class CredentialLogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final LogstashEncoder encoder = new LogstashEncoder();
    private final List<String> lines = new ArrayList<>();
    private final Logger root;
    private final Logger credentialLogger;
    private final Level previousLevel;

    private CredentialLogCapture() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        setContext(context);
        setName("credential-capture-" + System.identityHashCode(this));
        encoder.setContext(context);
        encoder.start();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        credentialLogger = context.getLogger(CredentialManager.class);
        previousLevel = credentialLogger.getLevel();
    }

    static CredentialLogCapture install() {
        CredentialLogCapture capture = new CredentialLogCapture();
        capture.start();
        capture.credentialLogger.setLevel(Level.DEBUG);
        capture.root.addAppender(capture);
        return capture;
    }

    @Override
    protected void append(ILoggingEvent event) {
        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
        synchronized (lines) {
            lines.add(line);
        }
    }

    /** The JSON lines captured so far. */
    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** The captured lines whose {@code event} field is {@code event}. */
    List<String> events(String event) {
        return lines().stream().filter(l -> l.contains("\"event\":\"" + event + "\"")).toList();
    }

    @Override
    public void close() {
        root.detachAppender(this);
        credentialLogger.setLevel(previousLevel);
        stop();
        encoder.stop();
    }
}
