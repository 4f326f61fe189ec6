package io.livecalc.engines.solver;

import io.livecalc.api.ConfigProblem;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.ValuationResult;
import io.livecalc.engines.internal.ConfigProblems;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The validated configuration of a {@link SolverEngine}; {@link #parse} reports every problem at once. */
final class SolverSettings {

    /** Parameters the solver may tune, as the projection names them. */
    static final List<String> PARAMETERS = io.livecalc.api.SolutionRecord.PARAMETERS;
    static final List<String> OBJECTIVES = List.of("npv_target", "minimize", "maximize");
    static final List<String> ALGORITHMS = List.of("brent", "secant", "newton", "bisection", "nelder_mead", "bobyqa");
    static final List<String> OPERATORS = List.of(">=", "<=", "==");

    private static final List<String> PLAIN_KEYS = List.of("objective", "metric", "target", "tolerance", "algorithm", "parameters",
            "max_iterations", "max_evaluations", "timeout_seconds", "constraint_tolerance");
    private static final Pattern PARAMETER_KEY = Pattern.compile("(.+)\\.(initial|lower|upper)");
    /**
     * Whether {@code name} is another engine's config key ({@code engine.key}, e.g. {@code esg.drift}) rather than a
     * projection parameter: the orchestrator sets that key of that engine and re-runs it and every engine between it
     * and this solver's scenario totals.
     */
    static boolean ofAnotherEngine(String name) {
        return io.livecalc.api.ParameterEvaluator.isEngineKey(name);
    }
    private static final Pattern CONSTRAINT_KEY = Pattern.compile("constraint\\.([0-9]+)\\.(metric|operator|value)");

    /** A tuned parameter. */
    record Parameter(String name, double initial, double lower, double upper) {
    }

    /** {@code metric operator value}. */
    record Constraint(int number, String metric, String operator, double value) {
        /** How far {@code actual} is on the wrong side, 0 when the constraint holds exactly. */
        double violation(double actual) {
            return switch (operator) {
                case ">=" -> Math.max(0, value - actual);
                case "<=" -> Math.max(0, actual - value);
                default -> Math.abs(actual - value);
            };
        }

        @Override
        public String toString() {
            return metric + " " + operator + " " + value;
        }
    }

    final String engineId;
    final String objective;
    final String metric;
    final double target;
    final double tolerance;
    final String algorithm;
    final List<Parameter> parameters;
    final List<Constraint> constraints;
    final double constraintTolerance;
    final int maxIterations;
    final int maxEvaluations;
    final double timeoutSeconds;

    private SolverSettings(Reader r) {
        engineId = r.config.engineId();
        objective = r.objective;
        metric = r.metric;
        target = r.target;
        tolerance = r.tolerance;
        algorithm = r.algorithm;
        parameters = List.copyOf(r.parameters);
        constraints = List.copyOf(r.constraints.values());
        constraintTolerance = r.constraintTolerance;
        maxIterations = r.maxIterations;
        maxEvaluations = r.maxEvaluations;
        timeoutSeconds = r.timeoutSeconds;
    }

    static SolverSettings parse(EngineConfig config) {
        Reader r = new Reader(config);
        r.read();
        r.problems.throwIfAny();
        return new SolverSettings(r);
    }

    /** Every problem of {@code config}, without throwing. */
    static List<ConfigProblem> check(EngineConfig config) {
        Reader r = new Reader(config);
        r.read();
        return r.problems.list();
    }

    /**
     * The original Python solver's algorithm names: {@code nelder-mead} is this Nelder-Mead; {@code slsqp}
     * (its default, a bounded local search) is the bounded local search here, Brent for one parameter and
     * BOBYQA for several. Its global and home-made searches have no counterpart and are refused, naming these.
     */
    static String originalAlgorithm(String name, int parameters) {
        return switch (name) {
            case "nelder-mead" -> "nelder_mead";
            case "slsqp" -> parameters > 1 ? "bobyqa" : "brent";
            default -> name;
        };
    }

    /** The original solver's keys that hold structures (lists, dicts, AM targets) this solver takes as flat keys. */
    static final java.util.Map<String, String> ORIGINAL_STRUCTURED_KEYS = java.util.Map.of(
            "calibration_targets", "the original's Assumptions Manager calibration targets are not read here; give the target as"
                    + " 'objective' (npv_target, minimize, maximize), 'metric' and 'target', and constraints as constraint.<n>.metric|operator|value",
            "algorithm_options", "the original's scipy options have no counterpart; use 'max_iterations', 'max_evaluations' and 'tolerance'",
            "custom_metrics", "custom metrics are not supported; 'metric' names one of " + ValuationResult.METRICS,
            "constraints", "give constraints as constraint.<n>.metric, constraint.<n>.operator (>=, <=, ==) and constraint.<n>.value");

    boolean isTarget() {
        return objective.equals("npv_target");
    }

    private static final class Reader {
        final EngineConfig config;
        final ConfigProblems problems;
        String objective, metric, algorithm;
        double target, tolerance, constraintTolerance, timeoutSeconds;
        int maxIterations, maxEvaluations;
        final List<Parameter> parameters = new ArrayList<>();
        final TreeMap<Integer, Constraint> constraints = new TreeMap<>();

        Reader(EngineConfig config) {
            this.config = config;
            this.problems = new ConfigProblems(config);
        }

        void read() {
            List<String> names = new ArrayList<>();
            String list = problems.get(() -> config.getString("parameters", "premium_rate"), "");
            for (String n : list.split(",")) {
                String name = ofAnotherEngine(n.trim()) ? n.trim() : n.trim().toLowerCase(Locale.ROOT);
                if (name.isEmpty()) {
                    continue;
                }
                if (!PARAMETERS.contains(name) && !ofAnotherEngine(name)) {
                    problems.add("config key 'parameters' names '" + name + "', not a parameter; known: " + PARAMETERS
                            + ", or <engine>.<config key> of an engine upstream (e.g. esg.drift)");
                } else if (names.contains(name)) {
                    problems.add("config key 'parameters' names '" + name + "' twice");
                } else {
                    names.add(name);
                }
            }
            if (names.isEmpty() && !list.isBlank()) {
                return;
            }
            if (list.isBlank()) {
                problems.add("config key 'parameters' is empty; name one or more of " + PARAMETERS + ", comma-separated");
            }
            TreeSet<Integer> constraintNumbers = new TreeSet<>();
            for (String key : config.keys()) {
                Matcher p = PARAMETER_KEY.matcher(key);
                Matcher c = CONSTRAINT_KEY.matcher(key);
                if (PLAIN_KEYS.contains(key)) {
                    continue;
                } else if (ORIGINAL_STRUCTURED_KEYS.containsKey(key)) {
                    problems.add("config key '" + key + "' (the original solver's): " + ORIGINAL_STRUCTURED_KEYS.get(key));
                } else if (p.matches() && names.contains(p.group(1))) {
                    continue;
                } else if (p.matches() && PARAMETERS.contains(p.group(1))) {
                    problems.add("config key '" + key + "' belongs to a parameter not listed in 'parameters' " + names);
                } else if (c.matches()) {
                    constraintNumbers.add(Integer.parseInt(c.group(1)));
                } else {
                    problems.add(new ConfigProblem(key, "unknown config key '" + key + "'"
                            + ConfigProblem.closest(key, PLAIN_KEYS).map(k -> " (did you mean '" + k + "'?)").orElse("")
                            + "; known: " + PLAIN_KEYS + ", <parameter>.initial|lower|upper, constraint.<n>.metric|operator|value"));
                }
            }
            objective = choice("objective", "npv_target", OBJECTIVES);
            metric = metricName("metric", "mean_npv");
            if ("npv_target".equals(objective)) {
                target = problems.get(() -> config.getDouble("target"), 0.0);
            } else if (config.contains("target")) {
                problems.add("config key 'target' applies to objective 'npv_target' only, not '" + objective + "'");
            }
            tolerance = problems.get(() -> config.getDouble("tolerance", "npv_target".equals(objective) ? 1e-6 * Math.max(1, Math.abs(target)) : 1e-8), 1.0);
            if (!(tolerance > 0)) {
                problems.add("config key 'tolerance' = " + tolerance + " must be > 0");
            }
            constraintTolerance = problems.get(() -> config.getDouble("constraint_tolerance", 1e-6), 1e-6);
            if (!(constraintTolerance >= 0)) {
                problems.add("config key 'constraint_tolerance' = " + constraintTolerance + " must be >= 0 (relative to max(1, |value|))");
            }
            maxIterations = positiveInt("max_iterations", 100);
            maxEvaluations = positiveInt("max_evaluations", 200);
            timeoutSeconds = problems.get(() -> config.getDouble("timeout_seconds", 300), 300.0);
            if (!(timeoutSeconds > 0 && timeoutSeconds <= 3600)) {
                problems.add("config key 'timeout_seconds' = " + timeoutSeconds + " must be in (0, 3600] (the original solver's range)");
            }
            for (String name : names) {
                double lower = problems.get(() -> config.getDouble(name + ".lower"), Double.NaN);
                double upper = problems.get(() -> config.getDouble(name + ".upper"), Double.NaN);
                double initial = problems.get(() -> config.getDouble(name + ".initial", 1.0 >= lower && 1.0 <= upper ? 1.0 : 0.5 * (lower + upper)), Double.NaN);
                if (Double.isNaN(lower) || Double.isNaN(upper)) {
                    continue; // missing or not a number: reported; the checks below would only repeat it
                }
                if (!ofAnotherEngine(name) && !(lower > 0)) {
                    problems.add("config key '" + name + ".lower' = " + lower + " must be > 0 (the projection needs positive parameters)");
                }
                if (!(lower < upper)) {
                    problems.add("config keys '" + name + ".lower' = " + lower + " and '" + name + ".upper' = " + upper + ": lower must be below upper");
                }
                if (!(initial >= lower && initial <= upper)) {
                    problems.add("config key '" + name + ".initial' = " + initial + " is outside [" + lower + ", " + upper + "]");
                }
                parameters.add(new Parameter(name, initial, lower, upper));
            }
            for (int n : constraintNumbers) {
                String prefix = "constraint." + n + ".";
                String m = metricName(prefix + "metric", null);
                String op = problems.get(() -> config.getString(prefix + "operator"), ">=");
                double value = problems.get(() -> config.getDouble(prefix + "value"), 0.0);
                if (!OPERATORS.contains(op.trim())) {
                    problems.add("config key '" + prefix + "operator' = \"" + op + "\" is not one of " + OPERATORS);
                }
                if (m != null) {
                    constraints.put(n, new Constraint(n, m, op.trim(), value));
                }
            }
            String defaultAlgorithm = names.size() > 1 ? "nelder_mead" : "brent";
            String named = problems.get(() -> config.getString("algorithm", defaultAlgorithm), null);
            algorithm = named == null ? null
                    : allowed("algorithm", named, originalAlgorithm(named.trim().toLowerCase(Locale.ROOT), names.size()), ALGORITHMS);
            if (algorithm != null) {
                boolean rootFinder = List.of("brent", "secant", "newton", "bisection").contains(algorithm);
                if (rootFinder && names.size() > 1) {
                    problems.add("config key 'algorithm' = \"" + algorithm + "\" tunes one parameter; " + names.size()
                            + " are listed (use nelder_mead or bobyqa)");
                }
                if (List.of("secant", "newton", "bisection").contains(algorithm) && !"npv_target".equals(objective)) {
                    problems.add("config key 'algorithm' = \"" + algorithm + "\" finds roots: it needs objective 'npv_target', not '"
                            + objective + "' (use brent, nelder_mead or bobyqa)");
                }
                if (rootFinder && "npv_target".equals(objective) && !constraints.isEmpty()) {
                    problems.add("constraints need a search that can trade them off: use algorithm nelder_mead or bobyqa, not '"
                            + algorithm + "'");
                }
                if (algorithm.equals("bobyqa") && names.size() < 2) {
                    problems.add("config key 'algorithm' = \"bobyqa\" needs at least 2 parameters; 1 is listed (use brent or nelder_mead)");
                }
            }
        }

        private String choice(String key, String defaultValue, List<String> allowed) {
            String v = problems.get(() -> config.getString(key, defaultValue), null);
            return v == null ? null : allowed(key, v, v.trim().toLowerCase(Locale.ROOT), allowed);
        }

        /** {@code normalised} when allowed, else null after a problem showing the value as given. */
        private String allowed(String key, String given, String normalised, List<String> allowed) {
            if (!allowed.contains(normalised)) {
                problems.add("config key '" + key + "' = \"" + given + "\" is not one of " + allowed);
                return null;
            }
            return normalised;
        }

        private String metricName(String key, String defaultValue) {
            String v = problems.get(() -> defaultValue == null ? config.getString(key) : config.getString(key, defaultValue), null);
            if (v != null && !ValuationResult.METRICS.contains(v.trim())) {
                problems.add("config key '" + key + "' = \"" + v + "\" is not a valuation metric; known: " + ValuationResult.METRICS);
                return null;
            }
            return v == null ? null : v.trim();
        }

        private int positiveInt(String key, int defaultValue) {
            int v = problems.get(() -> config.getInt(key, defaultValue), defaultValue);
            if (v < 1) {
                problems.add("config key '" + key + "' = " + v + " must be at least 1");
            }
            return v;
        }
    }
}
