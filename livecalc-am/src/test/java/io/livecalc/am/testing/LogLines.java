package io.livecalc.am.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event of the JVM, at every level, as the JSON line the CLI writes (LogstashEncoder,
 * stack traces included), while installed.
 */
public final class LogLines extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LogstashEncoder encoder = new LogstashEncoder();
    private final List<String> lines = new ArrayList<>();
    private final Logger root;
    private final Level previous;

    private LogLines() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        setContext(context);
        setName("am-capture-" + System.identityHashCode(this));
        encoder.setContext(context);
        encoder.start();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        previous = root.getLevel();
    }

    /** Starts capturing; root level TRACE until {@link #close()}. */
    public static LogLines install() {
        LogLines l = new LogLines();
        l.start();
        l.root.setLevel(Level.TRACE);
        l.root.addAppender(l);
        return l;
    }

    @Override
    protected void append(ILoggingEvent event) {
        String line = new String(encoder.encode(event), StandardCharsets.UTF_8).strip();
        synchronized (lines) {
            lines.add(line);
        }
    }

    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Parsed lines whose {@code event} field is {@code event}. */
    public List<JsonNode> events(String event) {
        List<JsonNode> out = new ArrayList<>();
        for (String line : lines()) {
            try {
                JsonNode n = JSON.readTree(line);
                if (event.equals(n.path("event").asText())) {
                    out.add(n);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    @Override
    public void close() {
        root.detachAppender(this);
        root.setLevel(previous);
        stop();
    }
}
