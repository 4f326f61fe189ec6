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
 * @param size        an output's record count as the port declares it, or {@code null} when the engine says it
 *                    ({@link ICalcEngine#outputRecords}); always {@code null} for inputs
 */
public record PortSpec(String name, BufferType bufferType, boolean required, String description, OutputSize size) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    public PortSpec {
        Objects.requireNonNull(bufferType, "bufferType");
        Objects.requireNonNull(description, "description");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("port name must match " + NAME + ": '" + name + "'");
        }
    }

    /** A port whose size, if an output, the engine says ({@link ICalcEngine#outputRecords}). */
    public PortSpec(String name, BufferType bufferType, boolean required, String description) {
        this(name, bufferType, required, description, null);
    }

    /**
     * This output port with its record count declared, e.g.
     * {@code PortSpec.required("after_tax", BufferType.SCENARIO_TOTAL, "...").sized(OutputSize.sameAs("totals"))}.
     */
    public PortSpec sized(OutputSize records) {
        return new PortSpec(name, bufferType, required, description, Objects.requireNonNull(records, "records"));
    }

    public static PortSpec required(String name, BufferType type, String description) {
        return new PortSpec(name, type, true, description);
    }

    public static PortSpec optional(String name, BufferType type, String description) {
        return new PortSpec(name, type, false, description);
    }
}
