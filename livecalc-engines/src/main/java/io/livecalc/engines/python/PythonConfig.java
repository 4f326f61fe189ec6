package io.livecalc.engines.python;

import io.livecalc.api.ConfigProblem;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.PortSpec;
import io.livecalc.engines.esg.EsgEngine;
import io.livecalc.engines.internal.ConfigProblems;
import io.livecalc.engines.solver.SolverEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The checks of a Python engine's configuration that need no worker: the bridge keys ({@code python.*}),
 * the files and folders they name, and, for the presets, the shipped engine's own keys (the same rules as
 * the Java ESG and solver, which the Python ones mirror). The generic {@code python} type's own keys belong
 * to the user's class and are checked by it, in {@code initialize}.
 */
final class PythonConfig {

    static final Set<String> BRIDGE_KEYS = Set.of("python.module", "python.class", "python.script", "python.path",
            "python.executable", "python.views", "python.output_records", "python.input_port", "python.output_port",
            "python.startup_timeout_seconds");

    /** The models the shipped Python ESG implements (after the original's esg_model names are read as nested). */
    private static final List<String> PYTHON_ESG_MODELS = List.of("nested", "vasicek");

    private PythonConfig() {
    }

    static List<ConfigProblem> check(PythonEngine.Preset preset, EngineConfig config) {
        ConfigProblems problems = new ConfigProblems(config);
        Map<String, Object> own = new LinkedHashMap<>();
        config.asMap().forEach((k, v) -> {
            if (!k.startsWith("python.")) {
                own.put(k, v);
            } else if (!BRIDGE_KEYS.contains(k)) {
                problems.add(ConfigProblem.unknownKey(k, BRIDGE_KEYS));
            }
        });
        String views = problems.get(() -> config.getString("python.views", "records"), "records");
        if (!views.equals("records") && !views.equals("bytes")) {
            problems.add("config key 'python.views' = \"" + views + "\" is not records or bytes");
        }
        double startup = problems.get(() -> config.getDouble("python.startup_timeout_seconds", 60), 60.0);
        if (!(startup > 0)) {
            problems.add("config key 'python.startup_timeout_seconds' = " + startup + " must be > 0");
        }
        long records = problems.get(() -> config.getLong("python.output_records", 0), 0L);
        if (records < 0) {
            problems.add("config key 'python.output_records' = " + records + " must not be negative");
        }
        if (config.contains("python.script")) {
            Path script = problems.get(() -> config.getPath("python.script"), null);
            if (script != null && !Files.isRegularFile(script)) {
                problems.add("config key 'python.script': file not found: " + script);
            }
        }
        for (String entry : problems.get(() -> config.getString("python.path", ""), "").split("[,:]")) {
            Path folder = config.baseDirectory().resolve(entry.trim()).normalize();
            if (!entry.isBlank() && !Files.isDirectory(folder)) {
                problems.add("config key 'python.path' names '" + entry.trim() + "': no such folder: " + folder);
            }
        }
        String module = problems.get(() -> config.getString("python.module", preset.module()), null);
        String className = problems.get(() -> config.getString("python.class", preset.className()), null);
        if (className == null || (module == null && !config.contains("python.script"))) {
            problems.add(new ConfigProblem(null, "say which Python class to run: config keys 'python.module' (or 'python.script') and "
                    + "'python.class', e.g. \"python.module\": \"my_engines.shock\", \"python.class\": \"ShockEngine\""));
        }
        port(problems, config, "python.input_port", preset.info().inputPorts());
        port(problems, config, "python.output_port", preset.info().outputPorts());
        EngineConfig engineConfig = EngineConfig.of(config.engineId(), own, config.baseDirectory());
        if (preset == PythonEngine.ESG) {
            checkEsg(problems, engineConfig);
        } else if (preset == PythonEngine.SOLVER) {
            problems.get(() -> engineConfig.getBoolean("use_scipy", true), true);
            Map<String, Object> solverKeys = new LinkedHashMap<>(own);
            solverKeys.remove("use_scipy");
            SolverEngine.checkConfig(EngineConfig.of(config.engineId(), solverKeys, config.baseDirectory())).forEach(problems::add);
        }
        return problems.list();
    }

    private static void checkEsg(ConfigProblems problems, EngineConfig config) {
        List<ConfigProblem> esg = EsgEngine.checkConfig(config);
        esg.forEach(problems::add);
        String model = config.find("model").or(() -> config.find("esg_model")).map(String::valueOf)
                .map(m -> m.trim().toLowerCase(Locale.ROOT)).orElse(null);
        if (model != null && (model.equals("vasicek") || model.equals("cir")) && !config.contains("model")) {
            model = "nested"; // the original's esg_model names (EsgEngine reads them the same way)
        }
        if (esg.isEmpty() && model != null && !PYTHON_ESG_MODELS.contains(model)) {
            problems.add(new ConfigProblem(config.contains("model") ? "model" : "esg_model", "model '" + model
                    + "' is not one of python_esg's " + PYTHON_ESG_MODELS + "; the Java engine type 'esg' runs it"));
        }
    }

    private static void port(ConfigProblems problems, EngineConfig config, String key, List<PortSpec> ports) {
        if (config.contains(key)) {
            String name = problems.get(() -> config.getString(key), null);
            if (name != null && ports.stream().noneMatch(p -> p.name().equals(name))) {
                problems.add("config key '" + key + "' = \"" + name + "\" is not a port of this engine; its ports: "
                        + ports.stream().map(PortSpec::name).toList());
            }
        }
    }
}
