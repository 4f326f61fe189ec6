package io.livecalc.orchestrator;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A Logback appender (configured in logback-test.xml) that keeps every encoded line: the exact JSON the
 * CLI's LogstashEncoder writes. Tests read the lines, parsed with Jackson.
 */
public final class CapturedLogs extends AppenderBase<ILoggingEvent> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LINES = new ArrayList<>();

    private Encoder<ILoggingEvent> encoder;

    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    @Override
    public void start() {
        if (encoder == null) {
            addError("no encoder for appender " + name);
            return;
        }
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        String line = new String(encoder.encode(event), StandardCharsets.UTF_8).strip();
        synchronized (LINES) {
            LINES.add(line);
        }
    }

    /** Every line captured so far, raw. */
    public static List<String> lines() {
        synchronized (LINES) {
            return List.copyOf(LINES);
        }
    }

    public static void clear() {
        synchronized (LINES) {
            LINES.clear();
        }
    }

    /** The parsed lines of one engine, in order. */
    static List<ObjectNode> eventsOf(String engineId) {
        List<ObjectNode> out = new ArrayList<>();
        for (String line : lines()) {
            ObjectNode node = parse(line);
            if (engineId.equals(node.path("engine_id").asText(null))) {
                out.add(node);
            }
        }
        return out;
    }

    /** The parsed lines of one engine with the given {@code event} name, in order. */
    static List<ObjectNode> eventsOf(String engineId, String event) {
        return eventsOf(engineId).stream().filter(n -> event.equals(n.path("event").asText())).toList();
    }

    /** {@code old>new} for each state_transition of the engine. */
    public static List<String> transitionsOf(String engineId) {
        return eventsOf(engineId, "state_transition").stream()
                .map(n -> n.get("old_state").asText() + ">" + n.get("new_state").asText()).toList();
    }

    static ObjectNode parse(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            return (ObjectNode) node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("not a JSON line: " + line, e);
        }
    }
}
