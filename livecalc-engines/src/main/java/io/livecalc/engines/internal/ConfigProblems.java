package io.livecalc.engines.internal;

import io.livecalc.api.CalcEngineException;
import io.livecalc.api.ConfigProblem;
import io.livecalc.api.ConfigurationException;
import io.livecalc.api.EngineConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects the problems of an engine configuration so that all of them are reported together: as
 * {@link ConfigProblem}s before the engine starts ({@code EngineProvider.checkConfig}), or in one
 * {@link ConfigurationException} from {@code initialize}: "engine 'esg': 3 configuration problems: ...; ...; ...".
 *
 * <p>Internal to livecalc-engines; not an API.
 */
public final class ConfigProblems {

    /** The key a message is about: the first one it quotes after "config key" (how every message here names it). */
    private static final Pattern KEY = Pattern.compile("config keys? '([^']+)'");

    private final EngineConfig config;
    private final List<ConfigProblem> problems = new ArrayList<>();

    public ConfigProblems(EngineConfig config) {
        this.config = config;
    }

    /** Records a problem; the message names the key, e.g. {@code config key 'dt' = 0.3 must be ...}. */
    public void add(String problem) {
        Matcher m = KEY.matcher(problem);
        problems.add(new ConfigProblem(m.find() ? m.group(1) : null, problem));
    }

    public void add(ConfigProblem problem) {
        problems.add(problem);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** The problems recorded so far, in order. */
    public List<ConfigProblem> list() {
        return List.copyOf(problems);
    }

    /** The getter's value, or {@code fallback} after recording the getter's failure (without the engine prefix). */
    public <T> T get(Supplier<T> getter, T fallback) {
        try {
            return getter.get();
        } catch (CalcEngineException e) {
            String prefix = "engine '" + config.engineId() + "': ";
            String m = e.getMessage();
            add(m.startsWith(prefix) ? m.substring(prefix.length()) : m);
            return fallback;
        }
    }

    /** @throws ConfigurationException listing every recorded problem, when there is any */
    public void throwIfAny() {
        throwIfAny(config, problems);
    }

    /** @throws ConfigurationException listing every problem of {@code config}, when there is any */
    public static void throwIfAny(EngineConfig config, List<ConfigProblem> problems) {
        if (problems.size() == 1) {
            throw new ConfigurationException("engine '" + config.engineId() + "': " + problems.get(0).message());
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException("engine '" + config.engineId() + "': " + problems.size() + " configuration problems: "
                    + String.join("; ", problems.stream().map(ConfigProblem::message).toList()));
        }
    }
}
