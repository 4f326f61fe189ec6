package io.livecalc.orchestrator.dag.internal;

import io.livecalc.api.BufferType;
import io.livecalc.api.EngineInfo;
import io.livecalc.api.PortSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which output port a demo DAG's {@code bus://NAME} stands for. The demo named buses freely
 * ({@code bus://projections}); here an input reads a port. A bus that is a port of the engine writing it is that
 * port; otherwise the writer's one output whose records the reader takes (the projection's {@code scenario_totals}
 * for a solver); a bus nobody reads is the writer's one required output. Anything else keeps its name, and
 * validation says which ports there are.
 */
public final class BusPorts {

    private final Function<String, Optional<EngineInfo>> describe;
    private final Map<String, String> typeOf;
    private final Map<String, String> writerOf;
    private final Map<String, String> resolved = new HashMap<>();

    /**
     * @param describe an engine type's ports, if the type is known
     * @param typeOf   node id -> engine type
     * @param writerOf bus name -> id of the node that writes it
     */
    public BusPorts(Function<String, Optional<EngineInfo>> describe, Map<String, String> typeOf, Map<String, String> writerOf) {
        this.describe = describe;
        this.typeOf = typeOf;
        this.writerOf = writerOf;
    }

    /** {@code writer.port} for a node of type {@code readerType} reading {@code bus} (which some node writes). */
    public String reference(String bus, String readerType) {
        String writer = writerOf.get(bus);
        Optional<EngineInfo> w = describe.apply(typeOf.get(writer));
        if (w.isEmpty() || w.get().outputPort(bus).isPresent()) {
            return writer + "." + bus;
        }
        Set<BufferType> taken = describe.apply(readerType).map(r -> r.inputPorts().stream().map(PortSpec::bufferType)
                .collect(Collectors.toSet())).orElse(null);
        List<PortSpec> fits = w.get().outputPorts().stream().filter(p -> taken == null || taken.contains(p.bufferType())).toList();
        if (fits.size() == 1) {
            resolved.put(bus, fits.get(0).name());
            return writer + "." + fits.get(0).name();
        }
        return writer + "." + bus;
    }

    /** The output port {@code bus} names for the node {@code writer} that writes it; call after every {@link #reference}. */
    public String output(String bus, String writer) {
        if (resolved.containsKey(bus)) {
            return resolved.get(bus);
        }
        Optional<EngineInfo> w = describe.apply(typeOf.get(writer));
        if (w.isEmpty() || w.get().outputPort(bus).isPresent()) {
            return bus;
        }
        List<PortSpec> required = w.get().outputPorts().stream().filter(PortSpec::required).toList();
        return required.size() == 1 ? required.get(0).name() : bus;
    }
}
