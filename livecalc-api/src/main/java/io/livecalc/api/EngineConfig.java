package io.livecalc.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * An engine's configuration: an immutable map of keys to strings or JSON scalars (the original DAG
 * format writes {@code "threads": "2"} and {@code "threads": 2} alike), with typed getters.
 *
 * <p>Every getter failure is a {@link ConfigurationException} that names the engine, the key, the value
 * found and the type expected, e.g.
 * {@code engine 'projection': config key 'threads' = "two" is not an integer}. Nothing is silently
 * defaulted: a getter without a default fails when the key is absent.
 *
 * <p>Relative paths resolve against {@link #baseDirectory()} (the DAG file's folder), the one place
 * where paths are resolved.
 */
public final class EngineConfig {

    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(token|password|secret|credential|api_?key).*");

    private final String engineId;
    private final Map<String, Object> values;
    private final Path baseDirectory;

    private EngineConfig(String engineId, Map<String, Object> values, Path baseDirectory) {
        this.engineId = Objects.requireNonNull(engineId, "engineId");
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.baseDirectory = Objects.requireNonNull(baseDirectory, "baseDirectory").toAbsolutePath().normalize();
        this.values.forEach((k, v) -> {
            Objects.requireNonNull(k, "config key");
            if (v == null) {
                throw new ConfigurationException(where(k) + " is null; omit the key or give a value");
            }
        });
    }

    /** A configuration for the engine {@code engineId}; relative paths resolve against the working folder. */
    public static EngineConfig of(String engineId, Map<String, ?> values) {
        return new EngineConfig(engineId, new LinkedHashMap<>(values), Path.of(""));
    }

    /** A configuration whose relative paths resolve against {@code baseDirectory}. */
    public static EngineConfig of(String engineId, Map<String, ?> values, Path baseDirectory) {
        return new EngineConfig(engineId, new LinkedHashMap<>(values), baseDirectory);
    }

    public static Builder builder(String engineId) {
        return new Builder(engineId);
    }

    /** The id of the engine this configuration belongs to (used in every error message). */
    public String engineId() {
        return engineId;
    }

    public Path baseDirectory() {
        return baseDirectory;
    }

    /** All entries, in insertion order; unmodifiable. */
    public Map<String, Object> asMap() {
        return values;
    }

    public boolean contains(String key) {
        return values.containsKey(key);
    }

    public Set<String> keys() {
        return values.keySet();
    }

    /** The raw value, if present. */
    public Optional<Object> find(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** This configuration with one key added or replaced. */
    public EngineConfig with(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new EngineConfig(engineId, copy, baseDirectory);
    }

    // ---- strings -------------------------------------------------------------------------------

    public String getString(String key) {
        return asString(key, require(key, "a string"));
    }

    public String getString(String key, String defaultValue) {
        Object v = values.get(key);
        return v == null ? defaultValue : asString(key, v);
    }

    // ---- numbers -------------------------------------------------------------------------------

    /** A finite double; strings are parsed. */
    public double getDouble(String key) {
        return asDouble(key, require(key, "a number"));
    }

    public double getDouble(String key, double defaultValue) {
        Object v = values.get(key);
        return v == null ? defaultValue : asDouble(key, v);
    }

    /** A 32-bit integer; {@code 2}, {@code "2"} and {@code 2.0} are accepted, {@code 2.5} is not. */
    public int getInt(String key) {
        return asInt(key, require(key, "an integer"));
    }

    public int getInt(String key, int defaultValue) {
        Object v = values.get(key);
        return v == null ? defaultValue : asInt(key, v);
    }

    public long getLong(String key) {
        return asLong(key, require(key, "an integer"));
    }

    public long getLong(String key, long defaultValue) {
        Object v = values.get(key);
        return v == null ? defaultValue : asLong(key, v);
    }

    // ---- booleans ------------------------------------------------------------------------------

    /** {@code true}/{@code false} (JSON booleans or the strings, any case); nothing else. */
    public boolean getBoolean(String key) {
        return asBoolean(key, require(key, "a boolean"));
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        Object v = values.get(key);
        return v == null ? defaultValue : asBoolean(key, v);
    }

    // ---- paths ---------------------------------------------------------------------------------

    /** A file path, resolved against {@link #baseDirectory()} when relative. Existence is not checked. */
    public Path getPath(String key) {
        String s = getString(key);
        if (s.isBlank()) {
            throw new ConfigurationException(where(key) + " is blank; expected a file path");
        }
        return baseDirectory.resolve(s).normalize();
    }

    // ---- validation ----------------------------------------------------------------------------

    /**
     * Fails when a key outside {@code allowed} is present, listing every unknown key (with the known key
     * it is likely a misspelling of) and the allowed ones: a misspelt key must not silently fall back to a default.
     */
    public void requireKnownKeys(Collection<String> allowed) {
        List<ConfigProblem> unknown = unknownKeys(allowed);
        if (!unknown.isEmpty()) {
            throw new ConfigurationException("engine '" + engineId + "': unknown config key" + (unknown.size() > 1 ? "s " : " ")
                    + unknown.stream().map(p -> "'" + p.key() + "'" + ConfigProblem.closest(p.key(), allowed)
                            .map(k -> " (did you mean '" + k + "'?)").orElse("")).toList()
                    + "; known keys: " + new TreeSet<>(allowed));
        }
    }

    /** One {@link ConfigProblem#unknownKey} per key outside {@code allowed}, sorted by key. */
    public List<ConfigProblem> unknownKeys(Collection<String> allowed) {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(allowed);
        return unknown.stream().map(k -> ConfigProblem.unknownKey(k, allowed)).toList();
    }

    /**
     * Whether a key names a secret (token, password, secret, credential, api key): its value is masked
     * wherever LiveCalc shows configuration (messages, logs, summaries).
     */
    public static boolean isSecretKey(String key) {
        return SECRET_KEY.matcher(key).matches();
    }

    // ---- internals -----------------------------------------------------------------------------

    private Object require(String key, String expected) {
        Object v = values.get(key);
        if (v == null) {
            throw new ConfigurationException("engine '" + engineId + "': missing required config key '" + key
                    + "' (expected " + expected + ")");
        }
        return v;
    }

    private String where(String key) {
        return "engine '" + engineId + "': config key '" + key + "'";
    }

    private ConfigurationException mismatch(String key, Object v, String expected) {
        return new ConfigurationException(where(key) + " = " + display(key, v) + " is not " + expected);
    }

    private String display(String key, Object v) {
        if (isSecretKey(key)) {
            return "\"" + AMCredentials.mask(String.valueOf(v)) + "\"";
        }
        return v instanceof String ? "\"" + v + "\"" : String.valueOf(v);
    }

    private String asString(String key, Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        throw mismatch(key, v, "a string");
    }

    private double asDouble(String key, Object v) {
        double d;
        if (v instanceof Number n) {
            d = n.doubleValue();
        } else if (v instanceof String s) {
            try {
                d = Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw mismatch(key, v, "a number");
            }
        } else {
            throw mismatch(key, v, "a number");
        }
        if (!Double.isFinite(d)) {
            throw mismatch(key, v, "a finite number");
        }
        return d;
    }

    private long asLong(String key, Object v) {
        BigDecimal d;
        try {
            if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
                return ((Number) v).longValue();
            } else if (v instanceof BigInteger b) {
                d = new BigDecimal(b);
            } else if (v instanceof BigDecimal b) {
                d = b;
            } else if (v instanceof Number n) {
                if (!Double.isFinite(n.doubleValue())) {
                    throw mismatch(key, v, "an integer");
                }
                d = new BigDecimal(n.doubleValue());
            } else if (v instanceof String s) {
                d = new BigDecimal(s.trim());
            } else {
                throw mismatch(key, v, "an integer");
            }
        } catch (NumberFormatException e) {
            throw mismatch(key, v, "an integer");
        }
        if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
            throw mismatch(key, v, "an integer");
        }
        try {
            return d.longValueExact();
        } catch (ArithmeticException e) {
            throw mismatch(key, v, "an integer in the 64-bit range");
        }
    }

    private int asInt(String key, Object v) {
        long l = asLong(key, v);
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw mismatch(key, v, "an integer in the 32-bit range");
        }
        return (int) l;
    }

    private boolean asBoolean(String key, Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            if (s.trim().equalsIgnoreCase("true")) {
                return true;
            }
            if (s.trim().equalsIgnoreCase("false")) {
                return false;
            }
        }
        throw mismatch(key, v, "a boolean (true or false)");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EngineConfig c && c.engineId.equals(engineId) && c.values.equals(values)
                && c.baseDirectory.equals(baseDirectory);
    }

    @Override
    public int hashCode() {
        return Objects.hash(engineId, values, baseDirectory);
    }

    /** Keys that look like secrets (token, password, ...) have their values masked. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("EngineConfig[").append(engineId).append("]{");
        List<String> parts = values.entrySet().stream().map(e -> e.getKey() + "=" + display(e.getKey(), e.getValue())).toList();
        return sb.append(String.join(", ", parts)).append('}').toString();
    }

    /** Builds an {@link EngineConfig}; keys keep their insertion order. */
    public static final class Builder {
        private final String engineId;
        private final Map<String, Object> values = new LinkedHashMap<>();
        private Path baseDirectory = Path.of("");

        private Builder(String engineId) {
            this.engineId = Objects.requireNonNull(engineId, "engineId");
        }

        public Builder put(String key, Object value) {
            values.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, () -> "value of '" + key + "'"));
            return this;
        }

        public Builder putAll(Map<String, ?> entries) {
            entries.forEach(this::put);
            return this;
        }

        public Builder baseDirectory(Path dir) {
            this.baseDirectory = Objects.requireNonNull(dir, "dir");
            return this;
        }

        public EngineConfig build() {
            return new EngineConfig(engineId, values, baseDirectory);
        }
    }
}
