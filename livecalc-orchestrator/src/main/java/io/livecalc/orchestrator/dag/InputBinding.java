package io.livecalc.orchestrator.dag;

import java.util.Objects;

/**
 * One input of an engine: a reference to a data source id or to another engine's output
 * ({@code engine_id.output_port}), and the input port it feeds. The port may be left {@code null}: it is
 * then chosen by buffer type (a scenarios reference feeds the engine's SCENARIO port).
 *
 * @param port      the input port, or {@code null} to match by buffer type
 * @param reference data source id, {@code engine.port}, or an engine id with a single output
 * @param location  where it was declared, for error messages
 */
public record InputBinding(String port, String reference, String location) {
    public InputBinding {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(location, "location");
    }
}
