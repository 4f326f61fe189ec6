package io.livecalc.orchestrator;
import io.livecalc.orchestrator.dag.internal.BusPorts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livecalc.api.EngineInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Translates the original demo's DAG dialect ({@code livecalc-demo/config/dag_full_pipeline.json}) into this
 * project's DAG, which the reader then checks like any other:
 * <ul>
 *   <li>{@code nodes} are {@code engines}, {@code engine_type} with dashes ({@code python-esg}) is {@code type}
 *       ({@code python_esg});</li>
 *   <li>a {@code bus://NAME} input reads the node that writes it, at the port the bus stands for
 *       ({@link BusPorts}); {@code bus://NAME} outputs are those ports;</li>
 *   <li>a projection's {@code policies_path} becomes the data source {@code policies} it reads;</li>
 *   <li>table references {@code name:vX.Y} are {@code assumptions://name:vX.Y};</li>
 *   <li>the demo solver's {@code target_npv}, {@code optimize_parameter}, {@code method} are {@code target},
 *       {@code parameters}, {@code algorithm};</li>
 *   <li>{@code credentials {assumptions_manager_url, jwt_token_env}} is {@code am_credentials {url, token: ${ENV}}};</li>
 *   <li>{@code execution {mode, timeout_ms, retry_on_failure}} is {@code execution {parallelism, timeout_seconds, retry}}.</li>
 * </ul>
 * Parts with no meaning here ({@code udf_script}, {@code udf_function}: Python hooks inside the original's C++
 * projection) are problems at their place in the file. {@link Translation#pointers} maps each translated JSON
 * pointer to the original one, so that every later problem is located in the file as written.
 */
final class DemoDialect {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String BUS = "bus://";
    private static final Set<String> TABLE_KEYS = Set.of("mortality_table", "lapse_table", "expenses", "curve", "calibration_targets");
    /** {@code name:version} with no scheme and no path: what the demo writes for an Assumptions Manager table. */
    private static final Pattern TABLE_REFERENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*:[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Map<String, String> SOLVER_KEYS = Map.of("target_npv", "target", "optimize_parameter", "parameters",
            "method", "algorithm");
    private static final Set<String> UDF_KEYS = Set.of("udf_script", "udf_function");

    /**
     * @param dag      the DAG in this project's format
     * @param pointers translated pointer -> original pointer, for the translated parts whose place differs
     * @param problems original pointer -> what cannot be translated
     */
    record Translation(ObjectNode dag, Map<String, String> pointers, List<Map.Entry<String, String>> problems) {
    }

    private final Map<String, String> pointers = new LinkedHashMap<>();
    private final List<Map.Entry<String, String>> problems = new ArrayList<>();
    private final Function<String, Optional<EngineInfo>> describe;

    private DemoDialect(Function<String, Optional<EngineInfo>> describe) {
        this.describe = describe;
    }

    /** Whether {@code root} is written in the demo's dialect: {@code nodes} instead of {@code engines}. */
    static boolean applies(JsonNode root) {
        return root.isObject() && root.has("nodes") && !root.has("engines");
    }

    /** @param describe the ports of an engine type, if known: buses become the ports they stand for ({@link BusPorts}) */
    static Translation translate(ObjectNode root, Function<String, Optional<EngineInfo>> describe) {
        DemoDialect d = new DemoDialect(describe);
        ObjectNode dag = d.translateRoot(root);
        return new Translation(dag, Map.copyOf(d.pointers), List.copyOf(d.problems));
    }

    private void problem(String originalPointer, String message) {
        problems.add(Map.entry(originalPointer, message));
    }

    private ObjectNode translateRoot(ObjectNode root) {
        ObjectNode dag = NODES.objectNode();
        ObjectNode sources = NODES.objectNode();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            String key = e.getKey();
            JsonNode v = e.getValue();
            switch (key) {
                case "pipeline" -> {
                    dag.set("name", v);
                    pointers.put("/name", "/pipeline");
                }
                case "version" -> { } // the definition's own version: a label, as the demo used it
                case "nodes" -> {
                    dag.set("engines", translateNodes(v, sources));
                    pointers.put("/engines", "/nodes");
                }
                case "credentials" -> dag.set("am_credentials", translateCredentials(v));
                case "execution" -> dag.set("execution", translateExecution(v));
                default -> dag.set(key, v); // checked as this project's keys, where they are
            }
        }
        if (!sources.isEmpty()) {
            dag.set("data_sources", sources);
        }
        return dag;
    }

    private ArrayNode translateNodes(JsonNode nodes, ObjectNode sources) {
        if (!nodes.isArray()) {
            return NODES.arrayNode(); // the reader reports "engines must be an array" at /nodes
        }
        Map<String, String> writers = new LinkedHashMap<>(); // bus name -> node id
        Map<String, String> types = new LinkedHashMap<>(); // node id -> engine type
        for (JsonNode n : nodes) {
            types.put(n.path("id").asText(), n.path("engine_type").asText().replace('-', '_'));
            for (JsonNode o : n.path("outputs")) {
                if (o.isTextual() && o.textValue().startsWith(BUS)) {
                    writers.putIfAbsent(o.textValue().substring(BUS.length()), n.path("id").asText());
                }
            }
        }
        BusPorts buses = new BusPorts(describe, types, writers);
        List<Map.Entry<ObjectNode, JsonNode>> outputs = new ArrayList<>(); // translated once every input has named its port
        ArrayNode engines = NODES.arrayNode();
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode n = nodes.get(i);
            String ptr = "/nodes/" + i;
            if (!n.isObject()) {
                engines.add(n);
                continue;
            }
            ObjectNode engine = NODES.objectNode();
            ArrayNode inputs = null;
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                switch (e.getKey()) {
                    case "engine_type" -> {
                        engine.set("type", e.getValue().isTextual() ? NODES.textNode(e.getValue().textValue().replace('-', '_')) : e.getValue());
                        pointers.put("/engines/" + i + "/type", ptr + "/engine_type");
                    }
                    case "inputs" -> {
                        inputs = translateInputs(e.getValue(), writers, buses, types.get(n.path("id").asText()), ptr + "/inputs");
                        engine.set("inputs", inputs);
                    }
                    case "outputs" -> {
                        engine.putArray("outputs"); // keeps its place; filled below
                        outputs.add(Map.entry(engine, e.getValue()));
                    }
                    case "config" -> { } // below, once the type is known
                    default -> engine.set(e.getKey(), e.getValue());
                }
            }
            JsonNode config = n.get("config");
            if (config != null && config.isObject()) {
                String id = n.path("id").asText();
                String type = engine.path("type").asText();
                String policies = translateConfig((ObjectNode) config, type, id, i, sources, engine);
                if (policies != null) {
                    if (inputs == null) {
                        inputs = NODES.arrayNode();
                        engine.set("inputs", inputs);
                    }
                    pointers.put("/engines/" + i + "/inputs/" + inputs.size(), ptr + "/config/policies_path");
                    inputs.add(policies);
                }
            } else if (config != null) {
                engine.set("config", config);
            }
            engines.add(engine);
        }
        outputs.forEach(o -> o.getKey().set("outputs", translateOutputs(o.getValue(), buses, o.getKey().path("id").asText())));
        return engines;
    }

    private ArrayNode translateInputs(JsonNode in, Map<String, String> writers, BusPorts buses, String readerType, String ptr) {
        ArrayNode out = NODES.arrayNode();
        if (!in.isArray()) {
            return out;
        }
        for (int j = 0; j < in.size(); j++) {
            JsonNode r = in.get(j);
            if (r.isTextual() && r.textValue().startsWith(BUS)) {
                String bus = r.textValue().substring(BUS.length());
                String writer = writers.get(bus);
                if (writer == null) {
                    problem(ptr + "/" + j, "no node writes '" + r.textValue() + "'; buses written: "
                            + writers.keySet().stream().map(b -> BUS + b).toList());
                    continue;
                }
                out.add(buses.reference(bus, readerType));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    private static ArrayNode translateOutputs(JsonNode outputs, BusPorts buses, String writer) {
        ArrayNode out = NODES.arrayNode();
        for (JsonNode o : outputs) {
            out.add(o.isTextual() && o.textValue().startsWith(BUS) ? NODES.textNode(buses.output(o.textValue().substring(BUS.length()), writer)) : o);
        }
        return out;
    }

    /** Translates the keys in place of meaning; returns the data source id a {@code policies_path} became, or null. */
    private String translateConfig(ObjectNode config, String type, String id, int i, ObjectNode sources, ObjectNode engine) {
        String ptr = "/nodes/" + i + "/config";
        boolean solver = type.endsWith("solver");
        ObjectNode out = NODES.objectNode();
        String policies = null;
        for (Map.Entry<String, JsonNode> e : config.properties()) {
            String key = e.getKey();
            JsonNode v = e.getValue();
            if (UDF_KEYS.contains(key)) {
                problem(ptr + "/" + key, "engine '" + id + "': '" + key + "' (a Python function the original's C++ projection called for"
                        + " each policy) has no meaning here; write the adjustment as an engine of type 'python' between engines, or in"
                        + " Java as a ScenarioAdjustment of the projection");
            } else if (key.equals("policies_path") && v.isTextual()) {
                policies = sources.has("policies") ? "policies_" + id : "policies";
                ObjectNode source = NODES.objectNode();
                source.set("path", v);
                sources.set(policies, source);
                pointers.put("/data_sources/" + policies, ptr + "/" + key);
            } else if (solver && SOLVER_KEYS.containsKey(key)) {
                out.set(SOLVER_KEYS.get(key), v);
                pointers.put("/engines/" + i + "/config/" + SOLVER_KEYS.get(key), ptr + "/" + key);
            } else if (TABLE_KEYS.contains(key) && v.isTextual() && TABLE_REFERENCE.matcher(v.textValue()).matches()) {
                out.put(key, "assumptions://" + v.textValue());
            } else {
                out.set(key, v);
            }
        }
        engine.set("config", out);
        return policies;
    }

    private ObjectNode translateCredentials(JsonNode c) {
        ObjectNode out = NODES.objectNode();
        pointers.put("/am_credentials", "/credentials");
        if (!c.isObject()) {
            return out;
        }
        for (Map.Entry<String, JsonNode> e : c.properties()) {
            switch (e.getKey()) {
                case "assumptions_manager_url" -> {
                    out.set("url", e.getValue());
                    pointers.put("/am_credentials/url", "/credentials/assumptions_manager_url");
                }
                case "jwt_token_env" -> {
                    // the demo names the variable that holds the token; ${VAR} reads it (and says so when it is unset)
                    out.put("token", "${" + e.getValue().asText() + "}");
                    pointers.put("/am_credentials/token", "/credentials/jwt_token_env");
                }
                default -> out.set(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    private ObjectNode translateExecution(JsonNode x) {
        ObjectNode out = NODES.objectNode();
        if (!x.isObject()) {
            return out;
        }
        for (Map.Entry<String, JsonNode> e : x.properties()) {
            String ptr = "/execution/" + e.getKey();
            JsonNode v = e.getValue();
            switch (e.getKey()) {
                case "mode" -> {
                    if ("sequential".equals(v.asText())) {
                        out.put("parallelism", 1);
                        pointers.put("/execution/parallelism", ptr);
                    } else if (!"parallel".equals(v.asText())) {
                        problem(ptr, "\"mode\" must be \"sequential\" or \"parallel\", found " + v);
                    }
                }
                case "timeout_ms" -> {
                    out.set("timeout_seconds", !v.isNumber() ? v : v.isIntegralNumber() && v.longValue() % 1000 == 0
                            ? NODES.numberNode(v.longValue() / 1000) : NODES.numberNode(v.doubleValue() / 1000));
                    pointers.put("/execution/timeout_seconds", ptr);
                }
                case "retry_on_failure" -> {
                    if (!v.isBoolean()) {
                        problem(ptr, "\"retry_on_failure\" must be true or false, found " + v);
                    } else if (!v.booleanValue()) {
                        out.putObject("retry").put("max_attempts", 1); // true: the default retries of transient failures
                        pointers.put("/execution/retry", ptr);
                    }
                }
                default -> out.set(e.getKey(), v);
            }
        }
        return out;
    }
}
