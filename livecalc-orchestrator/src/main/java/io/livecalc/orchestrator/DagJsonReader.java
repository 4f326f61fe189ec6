package io.livecalc.orchestrator;

import io.livecalc.orchestrator.dag.internal.EngineCatalog;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livecalc.api.AMCredentials;
import io.livecalc.orchestrator.dag.DataKind;
import io.livecalc.orchestrator.dag.DataSourceSpec;
import io.livecalc.orchestrator.dag.EngineSpec;
import io.livecalc.orchestrator.dag.FileFormat;
import io.livecalc.orchestrator.dag.InputBinding;
import io.livecalc.orchestrator.dag.OutputSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the original system's DAG JSON (engines, data_sources, output, am_credentials) plus the optional
 * {@code execution} block into a {@link PipelineBuilder}, recording for every value its JSON pointer, line
 * and column so that each problem names where it is. Unknown keys are problems, not ignored.
 */
final class DagJsonReader {

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    private static final Set<String> TOP_KEYS = Set.of("engines", "data_sources", "output", "am_credentials", "execution",
            "name", "description");
    private static final Set<String> ENGINE_KEYS = Set.of("id", "type", "config", "inputs", "outputs", "optional", "description");
    private static final Set<String> SOURCE_KEYS = Set.of("type", "path", "kind", "description");
    private static final Set<String> OUTPUT_KEYS = Set.of("type", "path", "from");
    private static final Set<String> CREDENTIAL_KEYS = Set.of("url", "token", "cache_dir");
    private static final Set<String> EXECUTION_KEYS = Set.of("timeout_seconds", "retry", "failure_policy", "parallelism",
            "chunk_policies", "memory_budget_mb", "engine", "master", "partitions");
    private static final Set<String> RETRY_KEYS = Set.of("max_attempts", "initial_backoff_ms");

    private final Path file;
    private final Path baseDirectory;
    private final Function<String, String> environment;
    private final Map<String, JsonLocation> locations = new HashMap<>();
    private final List<DagProblem> problems = new ArrayList<>();
    /** Translated pointer -> pointer in the file, for a DAG in the demo's dialect ({@link DemoDialect}). */
    private Map<String, String> translatedPointers = Map.of();

    private DagJsonReader(Path file, Function<String, String> environment) {
        this.file = file.toAbsolutePath().normalize();
        this.baseDirectory = this.file.getParent();
        this.environment = environment;
    }

    /** Reads {@code file}; structural problems are added to the returned builder and reported by its {@code build()}. */
    public static PipelineBuilder read(Path file, Function<String, String> environment, PipelineBuilder builder) {
        DagJsonReader reader = new DagJsonReader(file, environment);
        builder.source(reader.file.toString(), reader.baseDirectory);
        JsonNode root = reader.parse();
        if (root != null && DemoDialect.applies(root)) {
            EngineCatalog catalog = builder.catalogForReading();
            DemoDialect.Translation t = DemoDialect.translate((ObjectNode) root, catalog::describe);
            reader.translatedPointers = t.pointers();
            t.problems().forEach(p -> reader.problems.add(new DagProblem(reader.locate(p.getKey()), p.getValue())));
            root = t.dag();
        }
        if (root != null) {
            builder.definition(root);
            reader.readRoot(root, builder);
        }
        builder.addProblems(reader.problems);
        return builder;
    }

    private JsonNode parse() {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new DagValidationException(file.toString(), List.of(new DagProblem(file.toString(), "DAG file not found")));
        } catch (IOException e) {
            throw new DagValidationException(file.toString(), List.of(new DagProblem(file.toString(), "cannot read DAG file: " + e)));
        }
        try (JsonParser p = JSON.createParser(text)) {
            // One streaming pass records where every value starts; the tree is built from the same text.
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t != JsonToken.FIELD_NAME && t != JsonToken.END_OBJECT && t != JsonToken.END_ARRAY) {
                    locations.putIfAbsent(p.getParsingContext().pathAsPointer().toString(), p.currentTokenLocation());
                }
            }
            JsonNode root = JSON.readTree(text);
            if (root == null || !root.isObject()) {
                problems.add(new DagProblem(where(""), "a DAG is a JSON object with an \"engines\" array"));
                return null;
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            String at = l == null ? file.toString() : file + " line " + l.getLineNr() + ", column " + l.getColumnNr();
            throw new DagValidationException(file.toString(), List.of(new DagProblem(at, "invalid JSON: " + e.getOriginalMessage())));
        } catch (IOException e) {
            throw new DagValidationException(file.toString(), List.of(new DagProblem(file.toString(), "cannot parse DAG: " + e)));
        }
    }

    /** "/engines/0/type (line 5, column 15)", as written in the file; falls back to the nearest located parent. */
    private String where(String pointer) {
        return locate(inFile(pointer));
    }

    /** The pointer in the file of a pointer into the translated DAG: its longest translated prefix, mapped. */
    private String inFile(String pointer) {
        for (String prefix = pointer; !prefix.isEmpty(); prefix = prefix.substring(0, prefix.lastIndexOf('/'))) {
            String original = translatedPointers.get(prefix);
            if (original != null) {
                return original + pointer.substring(prefix.length());
            }
        }
        return pointer;
    }

    /** "/nodes/0/engine_type (line 5, column 15)" for a pointer into the file as written. */
    private String locate(String pointer) {
        JsonPointer p = JsonPointer.compile(pointer);
        while (p != null) {
            JsonLocation l = locations.get(p.toString());
            if (l != null) {
                return (pointer.isEmpty() ? "/" : pointer) + " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
            }
            p = p.head();
        }
        return pointer.isEmpty() ? "/" : pointer;
    }

    private void problem(String pointer, String message) {
        problems.add(new DagProblem(where(pointer), message));
    }

    private void checkKeys(JsonNode node, String pointer, Set<String> allowed, String what) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                problem(pointer + "/" + escape(key), "unknown key '" + key + "' in " + what + "; allowed: " + new java.util.TreeSet<>(allowed));
            }
        }
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private void readRoot(JsonNode root, PipelineBuilder builder) {
        checkKeys(root, "", TOP_KEYS, "the DAG");
        JsonNode sources = root.get("data_sources");
        if (sources != null) {
            if (!sources.isObject()) {
                problem("/data_sources", "\"data_sources\" must be an object of id -> {type, path}");
            } else {
                sources.properties().forEach(e -> readSource(e.getKey(), e.getValue(), "/data_sources/" + escape(e.getKey()), builder));
            }
        }
        JsonNode engines = root.get("engines");
        builder.enginesLocation(where(engines == null ? "" : "/engines"));
        if (engines == null || !engines.isArray()) {
            problem(engines == null ? "" : "/engines", "\"engines\" must be an array of engines");
        } else {
            for (int i = 0; i < engines.size(); i++) {
                readEngine(engines.get(i), "/engines/" + i, builder);
            }
        }
        JsonNode output = root.get("output");
        if (output != null) {
            readOutput(output, builder);
        }
        JsonNode creds = root.get("am_credentials");
        if (creds != null) {
            readCredentials(creds, builder);
        }
        JsonNode execution = root.get("execution");
        if (execution != null) {
            readExecution(execution, builder);
        }
    }

    private void readSource(String id, JsonNode node, String ptr, PipelineBuilder builder) {
        if (!node.isObject()) {
            problem(ptr, "data source '" + id + "' must be an object {\"type\": \"parquet\"|\"csv\", \"path\": ...}");
            return;
        }
        checkKeys(node, ptr, SOURCE_KEYS, "data source '" + id + "'");
        String path = text(node, "path", ptr, true);
        String type = text(node, "type", ptr, false);
        String kind = text(node, "kind", ptr, false);
        if (path == null) {
            return;
        }
        Path resolved = baseDirectory.resolve(path).normalize();
        FileFormat format = type != null ? FileFormat.ofName(type).orElse(null) : FileFormat.ofPath(resolved).orElse(null);
        if (format == null) {
            problem(ptr + (type != null ? "/type" : "/path"), type != null
                    ? "unknown data source type '" + type + "'; supported: [parquet, csv]"
                    : "cannot tell the format of '" + path + "' from its name; add \"type\": \"parquet\" or \"csv\"");
            return;
        }
        DataKind dataKind = null;
        if (kind != null) {
            dataKind = parseEnum(DataKind.class, kind, ptr + "/kind", "data source kind");
            if (dataKind == null) {
                return;
            }
        }
        builder.dataSource(new DataSourceSpec(id, format, resolved, dataKind, where(ptr)));
    }

    private void readEngine(JsonNode node, String ptr, PipelineBuilder builder) {
        if (!node.isObject()) {
            problem(ptr, "an engine must be an object {\"id\", \"type\", \"config\", \"inputs\", \"outputs\"}");
            return;
        }
        checkKeys(node, ptr, ENGINE_KEYS, "an engine");
        String id = text(node, "id", ptr, true);
        String type = text(node, "type", ptr, true);
        Map<String, Object> config = new LinkedHashMap<>();
        Map<String, String> configLocations = new HashMap<>();
        JsonNode cfg = node.get("config");
        if (cfg != null) {
            if (!cfg.isObject()) {
                problem(ptr + "/config", "\"config\" must be an object of key -> string or number");
            } else {
                cfg.properties().forEach(e -> {
                    String keyPointer = ptr + "/config/" + escape(e.getKey());
                    Object v = scalar(e.getValue(), keyPointer);
                    if (v != null) {
                        config.put(e.getKey(), v);
                        configLocations.put(e.getKey(), where(keyPointer));
                    }
                });
            }
        }
        List<InputBinding> inputs = new ArrayList<>();
        JsonNode in = node.get("inputs");
        if (in != null) {
            if (in.isArray()) {
                for (int i = 0; i < in.size(); i++) {
                    String ref = stringElement(in.get(i), ptr + "/inputs/" + i, "an input reference");
                    if (ref != null) {
                        inputs.add(new InputBinding(null, ref, where(ptr + "/inputs/" + i)));
                    }
                }
            } else if (in.isObject()) {
                in.properties().forEach(e -> {
                    String p = ptr + "/inputs/" + escape(e.getKey());
                    String ref = stringElement(e.getValue(), p, "an input reference");
                    if (ref != null) {
                        inputs.add(new InputBinding(e.getKey(), ref, where(p)));
                    }
                });
            } else {
                problem(ptr + "/inputs", "\"inputs\" must be an array of references or an object of port -> reference");
            }
        }
        List<String> outputs = new ArrayList<>();
        JsonNode out = node.get("outputs");
        if (out != null) {
            if (!out.isArray()) {
                problem(ptr + "/outputs", "\"outputs\" must be an array of output port names");
            } else {
                for (int i = 0; i < out.size(); i++) {
                    String o = stringElement(out.get(i), ptr + "/outputs/" + i, "an output port name");
                    if (o != null) {
                        outputs.add(o);
                    }
                }
            }
        }
        boolean optional = false;
        JsonNode opt = node.get("optional");
        if (opt != null) {
            if (opt.isBoolean()) {
                optional = opt.booleanValue();
            } else {
                problem(ptr + "/optional", "\"optional\" must be true or false");
            }
        }
        if (id != null && type != null) {
            builder.engine(new EngineSpec(id, type, config, inputs, outputs, optional, where(ptr), configLocations));
        }
    }

    private void readOutput(JsonNode node, PipelineBuilder builder) {
        if (!node.isObject()) {
            problem("/output", "\"output\" must be an object {\"type\": \"parquet\", \"path\": ...}");
            return;
        }
        checkKeys(node, "/output", OUTPUT_KEYS, "the output");
        String path = text(node, "path", "/output", true);
        String type = text(node, "type", "/output", false);
        String from = text(node, "from", "/output", false);
        if (path == null) {
            return;
        }
        Path resolved = baseDirectory.resolve(path).normalize();
        FileFormat format = type != null ? FileFormat.ofName(type).orElse(null) : FileFormat.ofPath(resolved).orElse(FileFormat.PARQUET);
        if (format != FileFormat.PARQUET) {
            problem("/output/type", "unsupported output type '" + type + "'; supported: [parquet]");
            return;
        }
        builder.output(new OutputSpec(format, resolved, from, where("/output")));
    }

    private void readCredentials(JsonNode node, PipelineBuilder builder) {
        if (!node.isObject()) {
            problem("/am_credentials", "\"am_credentials\" must be an object {\"url\", \"token\", \"cache_dir\"}");
            return;
        }
        checkKeys(node, "/am_credentials", CREDENTIAL_KEYS, "am_credentials");
        String url = text(node, "url", "/am_credentials", true);
        String token = text(node, "token", "/am_credentials", true);
        String cacheDir = text(node, "cache_dir", "/am_credentials", false);
        if (url != null && token != null) {
            builder.credentials(new AMCredentials(url, token, cacheDir == null ? null : baseDirectory.resolve(cacheDir).normalize()));
        }
    }

    private void readExecution(JsonNode node, PipelineBuilder builder) {
        if (!node.isObject()) {
            problem("/execution", "\"execution\" must be an object");
            return;
        }
        checkKeys(node, "/execution", EXECUTION_KEYS, "execution");
        ExecutionOptions d = ExecutionOptions.DEFAULTS;
        Duration timeout = d.timeout();
        int attempts = d.maxAttempts();
        Duration backoff = d.initialBackoff();
        FailurePolicy policy = d.failurePolicy();
        int parallelism = d.parallelism();
        long chunk = d.chunkPolicies();
        long budget = d.memoryBudgetBytes();
        Double t = number(node, "timeout_seconds", "/execution", 0, 7 * 24 * 3600);
        if (t != null) {
            timeout = Duration.ofMillis(Math.round(t * 1000));
        }
        JsonNode retry = node.get("retry");
        if (retry != null) {
            if (!retry.isObject()) {
                problem("/execution/retry", "\"retry\" must be an object {\"max_attempts\", \"initial_backoff_ms\"}");
            } else {
                checkKeys(retry, "/execution/retry", RETRY_KEYS, "retry");
                Double a = number(retry, "max_attempts", "/execution/retry", 1, 100);
                attempts = a == null ? attempts : a.intValue();
                Double b = number(retry, "initial_backoff_ms", "/execution/retry", 0, 3_600_000);
                backoff = b == null ? backoff : Duration.ofMillis(b.longValue());
            }
        }
        String fp = text(node, "failure_policy", "/execution", false);
        if (fp != null) {
            FailurePolicy parsed = parseEnum(FailurePolicy.class, fp, "/execution/failure_policy", "failure policy");
            policy = parsed == null ? policy : parsed;
        }
        Double par = number(node, "parallelism", "/execution", 1, 1024);
        parallelism = par == null ? parallelism : par.intValue();
        Double c = number(node, "chunk_policies", "/execution", 0, 10_000_000);
        chunk = c == null ? chunk : c.longValue();
        Double mb = number(node, "memory_budget_mb", "/execution", 1, 1L << 30);
        budget = mb == null ? budget : mb.longValue() << 20;
        ExecutionEngine engine = d.engine();
        String name = text(node, "engine", "/execution", false);
        String master = text(node, "master", "/execution", false);
        Double partitions = number(node, "partitions", "/execution", 0, 1_000_000);
        if (name != null && !name.matches("[A-Za-z][A-Za-z0-9_-]*")) {
            problem("/execution/engine", "\"engine\" must be \"local\" or an executor name such as \"spark\", found '" + name + "'");
        } else if (name != null || master != null || partitions != null) {
            String n = name != null ? name : master != null ? "spark" : engine.name();
            if (ExecutionEngine.LOCAL.name().equalsIgnoreCase(n) && (master != null || partitions != null)) {
                problem("/execution", "\"master\" and \"partitions\" need a distributed \"engine\" such as \"spark\"; the engine is local");
            } else {
                engine = new ExecutionEngine(n, master, partitions == null ? 0 : partitions.intValue());
            }
        }
        builder.execution(new ExecutionOptions(timeout, attempts, backoff, policy, parallelism, chunk, budget, engine));
    }

    // ---- value helpers -----------------------------------------------------------------------

    private String text(JsonNode parent, String key, String ptr, boolean required) {
        JsonNode v = parent.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                problem(ptr, "missing required key \"" + key + "\"");
            }
            return null;
        }
        if (!v.isTextual()) {
            problem(ptr + "/" + key, "\"" + key + "\" must be a string, found " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            return null;
        }
        return expand(v.textValue(), ptr + "/" + key);
    }

    private String stringElement(JsonNode v, String ptr, String what) {
        if (!v.isTextual()) {
            problem(ptr, "expected " + what + " (a string), found " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            return null;
        }
        return expand(v.textValue(), ptr);
    }

    private Object scalar(JsonNode v, String ptr) {
        if (v.isTextual()) {
            return expand(v.textValue(), ptr);
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToLong() ? (Object) v.longValue() : v.bigIntegerValue();
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isArray() || v.isObject()) {
            // the original's Python engines read lists and dicts (its solver's parameters, objective); Java engines refuse them by key
            return JSON.convertValue(v, Object.class);
        }
        problem(ptr, "config values must be strings, numbers, booleans, arrays or objects, found "
                + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        return null;
    }

    private Double number(JsonNode parent, String key, String ptr, double min, double max) {
        JsonNode v = parent.get(key);
        if (v == null) {
            return null;
        }
        if (!v.isNumber() || v.doubleValue() < min || v.doubleValue() > max) {
            problem(ptr + "/" + key, "\"" + key + "\" must be a number from " + fmt(min) + " to " + fmt(max) + ", found " + v);
            return null;
        }
        return v.doubleValue();
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private <E extends Enum<E>> E parseEnum(Class<E> type, String value, String ptr, String what) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
        }
        problem(ptr, "unknown " + what + " '" + value + "'; known: "
                + java.util.Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(java.util.Locale.ROOT)).toList());
        return null;
    }

    /** Expands ${VAR}, ${VAR:-default} and $VAR; an unset variable without default is a problem. */
    private String expand(String s, String ptr) {
        if (s.indexOf('$') < 0) {
            return s;
        }
        Matcher m = VARIABLE.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(4);
            String value = environment.apply(name);
            if (value == null) {
                value = m.group(3);
            }
            if (value == null) {
                problem(ptr, "environment variable " + name + " is not set (referenced as " + m.group() + ")");
                value = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

}
