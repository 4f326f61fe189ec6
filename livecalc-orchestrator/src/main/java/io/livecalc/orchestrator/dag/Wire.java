package io.livecalc.orchestrator.dag;

import io.livecalc.api.BufferType;

/**
 * A validated connection into an engine's input port: from a data source ({@code engine == null}) or
 * from another engine's output port.
 *
 * @param port       the input port fed
 * @param sourceId   data source id, or {@code null}
 * @param engine     producing engine id, or {@code null}
 * @param enginePort producing engine's output port, or {@code null}
 * @param type       the buffer type carried
 */
public record Wire(String port, String sourceId, String engine, String enginePort, BufferType type) {
    /** {@code source} or {@code engine.port}, as a DAG writes it. */
    public String reference() {
        return engine == null ? sourceId : engine + "." + enginePort;
    }
}
