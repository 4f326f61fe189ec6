package io.livecalc.api;

import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * How many records an output port receives, declared with the port ({@link PortSpec#sized}) so that the
 * orchestrator can allocate the buffer without asking the engine: an engine whose every output is declared this
 * way need not implement {@link ICalcEngine#outputRecords}.
 *
 * @param inputPort the input port the count follows, or {@code null} for a fixed count
 * @param multiple  records per record of {@code inputPort}, or the fixed count
 */
public record OutputSize(String inputPort, long multiple) {

    public OutputSize {
        if (multiple < 1) {
            throw new IllegalArgumentException("an output receives at least 1 record (per input record), not " + multiple);
        }
    }

    /** Always {@code records} records (e.g. one SOLUTION record). */
    public static OutputSize fixed(long records) {
        return new OutputSize(null, records);
    }

    /** As many records as input port {@code inputPort} holds: one out per record in. */
    public static OutputSize sameAs(String inputPort) {
        return new OutputSize(Objects.requireNonNull(inputPort, "inputPort"), 1);
    }

    /** {@code multiple} records per record of input port {@code inputPort}. */
    public static OutputSize perRecordOf(String inputPort, long multiple) {
        return new OutputSize(Objects.requireNonNull(inputPort, "inputPort"), multiple);
    }

    /**
     * The count for these inputs of an engine described by {@code info}; empty when the input port it follows is
     * not connected.
     */
    public OptionalLong records(EngineInfo info, Map<String, MemorySegment> inputs) {
        if (inputPort == null) {
            return OptionalLong.of(multiple);
        }
        MemorySegment in = inputs.get(inputPort);
        PortSpec port = info.inputPort(inputPort).orElse(null);
        if (in == null || port == null) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.multiplyExact(in.byteSize() / port.bufferType().recordSize(), multiple));
    }
}
