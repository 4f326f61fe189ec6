package io.livecalc.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livecalc.am.AssumptionReference;
import io.livecalc.api.DataFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The original C++ CLI's {@code --assumptions-config} file (its {@code livecalc-engine/examples/assumptions.json}):
 * <pre>{@code
 * {"mortality": {"source": "local://../data/sample_mortality.csv", "multiplier": 1.0, "notes": ".."},
 *  "lapse": {..}, "expenses": {..},
 *  "scenarios": {"count", "seed", "initial_rate", "drift", "volatility", "min_rate", "max_rate"},
 *  "udf": {"enabled", "script", "timeout_ms"}}
 * }</pre>
 * Every key is optional, as in the original. A source is {@code local://PATH}, a plain path or
 * {@code assumptions://name:version}. Relative paths resolve against the config file's folder (what the
 * example's notes say), else against the working folder (what the original binary did), in that order.
 * Keys the original ignored stay accepted but each gives a warning, so a misspelt key is not silently lost;
 * a value of the wrong type is an error naming the file, line, column and key.
 */
final class OriginalAssumptionsConfig {

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final String LOCAL = "local://";
    private static final Set<String> TOP_KEYS = Set.of("mortality", "lapse", "expenses", "scenarios", "udf");
    private static final Set<String> TABLE_KEYS = Set.of("source", "multiplier", "notes");
    private static final Set<String> SCENARIO_KEYS = Set.of("count", "seed", "initial_rate", "drift", "volatility", "min_rate",
            "max_rate", "notes");
    private static final Set<String> UDF_KEYS = Set.of("enabled", "script", "timeout_ms", "notes");

    /** One table: its reference (an absolute path or an {@code assumptions://} reference) and multiplier, each possibly absent. */
    record Table(String reference, Double multiplier) {
    }

    final Path file;
    final Table mortality;
    final Table lapse;
    final Table expenses;
    /** Scenario settings present in the file, by key ({@code count}, {@code seed}, {@code initial_rate}, ...). */
    final Map<String, Number> scenarios = new HashMap<>();
    final boolean udfEnabled;
    final String udfScript;
    /** Keys the original ignored, with their location. */
    final List<String> warnings = new ArrayList<>();

    private final Path folder;
    private final Map<String, JsonLocation> locations = new HashMap<>();

    private OriginalAssumptionsConfig(Path file) {
        this.file = file;
        this.folder = file.toAbsolutePath().normalize().getParent();
        JsonNode root = parse();
        if (!root.isObject()) {
            throw error("", "an assumptions config is a JSON object with \"mortality\", \"lapse\", \"expenses\", \"scenarios\", \"udf\"");
        }
        unknownKeys(root, "", TOP_KEYS);
        mortality = table(root, "mortality");
        lapse = table(root, "lapse");
        expenses = table(root, "expenses");
        JsonNode s = section(root, "scenarios", SCENARIO_KEYS);
        if (s != null) {
            integer(s, "/scenarios", "count", 1, Integer.MAX_VALUE);
            integer(s, "/scenarios", "seed", Long.MIN_VALUE, Long.MAX_VALUE);   // unsigned 64-bit seeds: see integer()
            for (String key : new String[] {"initial_rate", "drift", "volatility", "min_rate", "max_rate"}) {
                JsonNode v = s.get(key);
                if (v != null) {
                    scenarios.put(key, number(v, "/scenarios/" + key));
                }
            }
        }
        JsonNode u = section(root, "udf", UDF_KEYS);
        boolean enabled = false;
        String script = null;
        if (u != null) {
            JsonNode e = u.get("enabled");
            if (e != null && !e.isBoolean()) {
                throw error("/udf/enabled", "must be true or false, got " + e);
            }
            enabled = e != null && e.booleanValue();
            script = text(u, "/udf/script");
            JsonNode t = u.get("timeout_ms");
            if (t != null && !t.canConvertToInt()) {
                throw error("/udf/timeout_ms", "must be a whole number of milliseconds, got " + t);
            }
        }
        udfEnabled = enabled;
        udfScript = script;
    }

    /** Reads {@code file}; a missing file, invalid JSON or a value of the wrong type fails naming where. */
    static OriginalAssumptionsConfig read(Path file) {
        return new OriginalAssumptionsConfig(file);
    }

    /** The UDF script the config enables, resolved like a table path, or {@code null}. */
    Path enabledUdfScript() {
        return udfEnabled && udfScript != null ? Path.of(local(udfScript)) : null;
    }

    private JsonNode parse() {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new DataFileException(file, 0, 0, null, "assumptions config not found: " + file, e);
        } catch (IOException e) {
            throw new DataFileException(file, 0, 0, null, "cannot read assumptions config " + file + ": " + e.getMessage(), e);
        }
        try (JsonParser p = JSON.createParser(text)) {
            // one streaming pass records where each value starts, so errors can name the line
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t != JsonToken.END_OBJECT && t != JsonToken.END_ARRAY) {
                    String ptr = p.getParsingContext().pathAsPointer().toString();
                    locations.putIfAbsent(t == JsonToken.FIELD_NAME ? ptr + "#key" : ptr, p.currentTokenLocation());
                }
            }
            JsonNode root = JSON.readTree(text);
            if (root == null) {
                throw error("", "the file is empty; expected a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            int line = l == null ? 0 : l.getLineNr();
            int column = l == null ? 0 : l.getColumnNr();
            throw new DataFileException(file, line, column, null, file + ": line " + line + ", column " + column
                    + ": invalid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new DataFileException(file, 0, 0, null, "cannot parse assumptions config " + file + ": " + e.getMessage(), e);
        }
    }

    private Table table(JsonNode root, String name) {
        JsonNode t = section(root, name, TABLE_KEYS);
        if (t == null) {
            return new Table(null, null);
        }
        String source = text(t, "/" + name + "/source");
        Double multiplier = null;
        JsonNode m = t.get("multiplier");
        if (m != null) {
            multiplier = number(m, "/" + name + "/multiplier").doubleValue();
            if (!(multiplier > 0)) {
                throw error("/" + name + "/multiplier", "must be > 0, got " + m);
            }
        }
        if (source == null) {
            return new Table(null, multiplier);
        }
        if (source.isBlank()) {
            throw error("/" + name + "/source", "is empty; expected local://PATH, a path or assumptions://name:version");
        }
        return new Table(AssumptionReference.isReference(source) ? source : local(source), multiplier);
    }

    /** {@code local://PATH} or PATH as an absolute path: beside the config when there, else from the working folder. */
    private String local(String source) {
        String p = source.regionMatches(true, 0, LOCAL, 0, LOCAL.length()) ? source.substring(LOCAL.length()) : source;
        Path beside = folder.resolve(p).normalize();
        Path working = Path.of(p).toAbsolutePath().normalize();
        return (Files.exists(beside) || !Files.exists(working) ? beside : working).toString();
    }

    private JsonNode section(JsonNode root, String name, Set<String> keys) {
        JsonNode s = root.get(name);
        if (s == null) {
            return null;
        }
        if (!s.isObject()) {
            throw error("/" + name, "must be an object with keys " + new TreeSet<>(keys) + ", got " + s);
        }
        unknownKeys(s, "/" + name, keys);
        return s;
    }

    private void unknownKeys(JsonNode node, String ptr, Set<String> known) {
        node.fieldNames().forEachRemaining(key -> {
            if (!known.contains(key)) {
                warnings.add(where(ptr + "/" + key.replace("~", "~0").replace("/", "~1"), true) + ": unknown key '" + key
                        + "' ignored (the original CLI ignored it too); known here: " + new TreeSet<>(known));
            }
        });
    }

    private String text(JsonNode section, String ptr) {
        JsonNode v = section.get(ptr.substring(ptr.lastIndexOf('/') + 1));
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw error(ptr, "must be a string, got " + v);
        }
        return v.textValue();
    }

    private Number number(JsonNode v, String ptr) {
        if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
            throw error(ptr, "must be a number, got " + v);
        }
        return v.numberValue();
    }

    private void integer(JsonNode section, String ptr, String key, long min, long max) {
        JsonNode v = section.get(key);
        if (v == null) {
            return;
        }
        java.math.BigInteger b = v.isIntegralNumber() ? v.bigIntegerValue() : null;
        // the original read the seed as uint64: up to 2^64-1, the same 64 bits as a long
        java.math.BigInteger top = key.equals("seed") ? java.math.BigInteger.ONE.shiftLeft(64).subtract(java.math.BigInteger.ONE)
                : java.math.BigInteger.valueOf(max);
        if (b == null || b.compareTo(java.math.BigInteger.valueOf(min)) < 0 || b.compareTo(top) > 0) {
            throw error(ptr + "/" + key, "must be a whole number" + (min > 0 ? " >= " + min : "") + ", got " + v);
        }
        scenarios.put(key, b.longValue());
    }

    /** "FILE: line L, column C: "/mortality/source"" from the recorded locations. */
    private String where(String ptr, boolean key) {
        JsonLocation l = locations.get(key ? ptr + "#key" : ptr);
        if (l == null) {
            l = locations.get(ptr);
        }
        String at = l == null ? "" : ": line " + l.getLineNr() + ", column " + l.getColumnNr();
        return file + at + ": \"" + (ptr.isEmpty() ? "/" : ptr) + "\"";
    }

    private DataFileException error(String ptr, String problem) {
        JsonLocation l = locations.get(ptr);
        return new DataFileException(file, l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr(), ptr,
                where(ptr, false) + " " + problem);
    }
}
