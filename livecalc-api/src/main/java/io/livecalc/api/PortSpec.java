package io.livecalc.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named input or output of an engine and the buffer type it carries. Pipelines are checked against
 * these before anything runs: a RESULT buffer wired into a SCENARIO port, or a required input left
 * unconnected, is a build-time error.
 *
 * @param name        port name, lower snake case (e.g. {@code policies}, {@code scenario_totals})
 * @param bufferType  the record type the port carries
 * @param required    whether the engine cannot run without it (inputs) or always writes it (outputs)
 * @param description one line for error messages and {@code --help}
 */
public record PortSpec(String name, BufferType bufferType, boolean required, String description) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    public PortSpec {
        Objects.requireNonNull(bufferType, "bufferType");
        Objects.requireNonNull(description, "description");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("port name must match " + NAME + ": '" + name + "'");
        }
    }

    public static PortSpec required(String name, BufferType type, String description) {
        return new PortSpec(name, type, true, description);
    }

    public static PortSpec optional(String name, BufferType type, String description) {
        return new PortSpec(name, type, false, description);
    }
}
