package io.livecalc.api;

import java.util.List;

/**
 * Makes engines of one type. Implementations are found with {@link java.util.ServiceLoader}: list the
 * class in {@code META-INF/services/io.livecalc.api.EngineProvider} (or {@code provides} it in a
 * module descriptor) and it needs a public no-argument constructor.
 *
 * <pre>{@code
 * public final class ProjectionEngineProvider implements EngineProvider {
 *     public String type() { return "projection"; }
 *     public List<String> aliases() { return List.of("cpp_projection"); }
 *     public EngineInfo describe() { return ProjectionEngine.INFO; }
 *     public ICalcEngine create() { return new ProjectionEngine(); }
 * }
 * }</pre>
 */
public interface EngineProvider {

    /**
     * The type name pipelines use, lower case: letters, digits, {@code _} or {@code -}, starting with a
     * letter (e.g. {@code projection}, {@code esg}, {@code solver}).
     */
    String type();

    /** Other names for the same type, e.g. the original's {@code cpp_projection}; none by default. */
    default List<String> aliases() {
        return List.of();
    }

    /**
     * The engine's metadata and ports, without creating an engine or any state (used to validate
     * pipelines and by {@code livecalc engines}).
     */
    EngineInfo describe();

    /** A new, uninitialised engine. */
    ICalcEngine create();

    /**
     * Every problem of {@code config} that can be found without creating an engine: unknown keys, types,
     * ranges, keys that conflict, files the configuration names that are missing or unreadable. Pipelines
     * call it for every engine before initialising any, so that one validation lists every problem
     * ({@code livecalc validate} and {@code run} share it). {@code initialize} must still check what it
     * relies on; an engine whose checks live only there returns nothing here (the default).
     */
    default List<ConfigProblem> checkConfig(EngineConfig config) {
        return List.of();
    }
}
