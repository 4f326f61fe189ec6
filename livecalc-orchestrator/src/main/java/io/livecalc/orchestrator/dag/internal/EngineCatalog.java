package io.livecalc.orchestrator.dag.internal;

import io.livecalc.api.ConfigProblem;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.EngineInfo;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** What validation needs to know of the registered engines: their types and declared ports. */
public interface EngineCatalog {
    /** Ports and metadata of an engine type or alias, or empty when it is not registered. */
    Optional<EngineInfo> describe(String type);

    /** The problems of an engine's configuration, found without creating the engine ({@link io.livecalc.api.EngineProvider#checkConfig}). */
    List<ConfigProblem> checkConfig(String type, EngineConfig config);

    /** Whether the type's engines size their outputs themselves ({@link io.livecalc.orchestrator.EngineFactory#implementsOutputRecords}). */
    default boolean implementsOutputRecords(String type) {
        return true;
    }

    /** Registered types and aliases, for "unknown engine type" messages. */
    Collection<String> types();
}
