package io.livecalc.orchestrator.dag;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One engine of a pipeline as declared: {@code engines[i]} in a DAG.
 *
 * @param id       unique id (letters, digits, {@code _} and {@code -}; no dots: {@code id.port} is a reference)
 * @param type     engine type or alias known to the engine factory
 * @param config   configuration (strings or JSON scalars)
 * @param inputs   input bindings, in declaration order
 * @param outputs  output ports the pipeline wants written (required outputs are always written)
 * @param optional whether a failure may be skipped under {@link io.livecalc.orchestrator.FailurePolicy#SKIP_OPTIONAL}
 * @param location where it was declared, for error messages
 * @param configLocations where each config key was declared (a DAG's JSON pointer, line and column), for
 *                        messages about one key; keys without an entry are located at {@code location}
 */
public record EngineSpec(String id, String type, Map<String, Object> config, List<InputBinding> inputs,
                         List<String> outputs, boolean optional, String location, Map<String, String> configLocations) {
    public EngineSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(location, "location");
        config = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        configLocations = Map.copyOf(configLocations);
    }

    /** An engine whose config keys are all located at {@code location} (built in code). */
    public EngineSpec(String id, String type, Map<String, Object> config, List<InputBinding> inputs,
                      List<String> outputs, boolean optional, String location) {
        this(id, type, config, inputs, outputs, optional, location, Map.of());
    }

    /** Where config key {@code key} was declared, else where the engine was. */
    public String locationOf(String key) {
        return key == null ? location : configLocations.getOrDefault(key, location);
    }

    /**
     * Whether a config value names an Assumptions Manager table ({@code assumptions://...}, as the engines read it:
     * case-insensitive, surrounding blanks ignored). One test for the credential check and for handing credentials out.
     */
    public static boolean namesAssumptionsManager(Object value) {
        return value instanceof String text && text.strip().regionMatches(true, 0, "assumptions://", 0, "assumptions://".length());
    }
}
