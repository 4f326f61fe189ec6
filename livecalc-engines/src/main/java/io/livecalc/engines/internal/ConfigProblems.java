package io.livecalc.engines.internal;

import io.livecalc.api.CalcEngineException;
import io.livecalc.api.ConfigurationException;
import io.livecalc.api.EngineConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects the problems of an engine configuration so that all of them are reported together, in one
 * {@link ConfigurationException}: "engine 'esg': 3 configuration problems: ...; ...; ...".
 *
 * <p>Internal to livecalc-engines; not an API.
 */
public final class ConfigProblems {

    private final EngineConfig config;
    private final List<String> problems = new ArrayList<>();

    public ConfigProblems(EngineConfig config) {
        this.config = config;
    }

    /** Records a problem; the message names the key, e.g. {@code config key 'dt' = 0.3 must be ...}. */
    public void add(String problem) {
        problems.add(problem);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** The getter's value, or {@code fallback} after recording the getter's failure (without the engine prefix). */
    public <T> T get(Supplier<T> getter, T fallback) {
        try {
            return getter.get();
        } catch (CalcEngineException e) {
            String prefix = "engine '" + config.engineId() + "': ";
            String m = e.getMessage();
            problems.add(m.startsWith(prefix) ? m.substring(prefix.length()) : m);
            return fallback;
        }
    }

    /** @throws ConfigurationException listing every recorded problem, when there is any */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ConfigurationException("engine '" + config.engineId() + "': " + problems.size() + " configuration problem"
                    + (problems.size() == 1 ? "" : "s") + ": " + String.join("; ", problems));
        }
    }
}
