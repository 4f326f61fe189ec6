package io.livecalc.orchestrator.dag.internal;

import io.livecalc.api.BufferType;
import io.livecalc.api.ConfigProblem;
import io.livecalc.api.EngineConfig;
import io.livecalc.api.EngineInfo;
import io.livecalc.api.PortSpec;
import io.livecalc.orchestrator.DagProblem;
import io.livecalc.orchestrator.dag.DataKind;
import io.livecalc.orchestrator.dag.DataSourceSpec;
import io.livecalc.orchestrator.dag.EngineSpec;
import io.livecalc.orchestrator.dag.FileFormat;
import io.livecalc.orchestrator.dag.InputBinding;
import io.livecalc.orchestrator.dag.OutputSpec;
import io.livecalc.orchestrator.dag.Wire;
import io.livecalc.orchestrator.run.ChunkSizing;
import io.livecalc.orchestrator.run.ParquetSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Checks a pipeline definition and resolves its wiring. Collects every problem (never stops at the first)
 * so that one report lists them all; nothing runs until the list is empty.
 */
public final class PipelineValidator {

    private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    private final EngineCatalog catalog;
    private final Function<DataSourceSpec, Optional<DataKind>> kindOfFile;
    private final Predicate<DataSourceSpec> emptyFile;
    private final Path baseDirectory;
    private final List<DagProblem> problems = new ArrayList<>();
    private boolean outputMayBeDataset;

    /**
     * @param kindOfFile    what a data source file holds, from its columns
     * @param emptyFile     whether a data source file holds no records
     * @param baseDirectory where relative paths in engine configurations resolve (the DAG file's folder)
     */
    public PipelineValidator(EngineCatalog catalog, Function<DataSourceSpec, Optional<DataKind>> kindOfFile,
                      Predicate<DataSourceSpec> emptyFile, Path baseDirectory) {
        this.catalog = catalog;
        this.kindOfFile = kindOfFile;
        this.emptyFile = emptyFile;
        this.baseDirectory = baseDirectory;
    }

    /**
     * Whether the output may already be a folder: a stage executor (Spark) writes per-pair results as a dataset
     * of part files, and a new run replaces the previous dataset folder; a local run writes one file.
     */
    public PipelineValidator outputMayBeDataset(boolean allowed) {
        this.outputMayBeDataset = allowed;
        return this;
    }

    public record Result(Map<String, DataSourceSpec> sources, List<EngineSpec> order, Map<String, EngineInfo> infos,
                  Map<String, Map<String, Wire>> wiring, OutputSpec output, List<DagProblem> problems) {
    }

    public Result validate(List<DataSourceSpec> declaredSources, List<EngineSpec> engines, String enginesLocation, OutputSpec output) {
        Map<String, DataSourceSpec> sources = checkSources(declaredSources);
        Map<String, EngineSpec> byId = checkEngineIds(engines, enginesLocation, sources.keySet());
        Map<String, EngineInfo> infos = describeEngines(byId.values());
        Map<String, Map<String, Wire>> wiring = new LinkedHashMap<>();
        for (EngineSpec e : byId.values()) {
            EngineInfo info = infos.get(e.id());
            if (info != null) {
                checkConfig(e);
                checkOutputs(e, info);
                wiring.put(e.id(), wire(e, info, sources, byId, infos));
            }
        }
        List<EngineSpec> order = topologicalOrder(byId, wiring);
        byId.values().forEach(e -> checkEngineParameters(e, wiring));
        OutputSpec resolvedOutput = output == null ? null : resolveOutput(output, byId, infos, wiring);
        if (problems.isEmpty()) { // the last check: it makes an engine of each type to ask, which a refused definition must not
            checkSizing(byId.values(), infos, wiring, resolvedOutput);
        }
        if (output != null) {
            checkOutputPath(output);
        }
        return new Result(sources, order, infos, wiring, resolvedOutput, List.copyOf(problems));
    }

    private void problem(String location, String message) {
        problems.add(new DagProblem(location, message));
    }

    private Map<String, DataSourceSpec> checkSources(List<DataSourceSpec> declared) {
        Map<String, DataSourceSpec> sources = new LinkedHashMap<>();
        for (DataSourceSpec s : declared) {
            if (!ID.matcher(s.id()).matches()) {
                problem(s.location(), "invalid data source id '" + s.id() + "': use letters, digits, '_' and '-', starting with a letter");
                continue;
            }
            if (sources.containsKey(s.id())) {
                problem(s.location(), "duplicate data source id '" + s.id() + "'");
                continue;
            }
            if (s.inMemory()) {
                sources.put(s.id(), s); // checked by the builder as it took the data
                continue;
            }
            String noParquet = s.format() == FileFormat.PARQUET ? ParquetSupport.missing("data source '" + s.id() + "':", s.path()) : null;
            if (noParquet != null) {
                problem(s.location(), noParquet);
                sources.put(s.id(), s);
                continue;
            }
            if (!Files.isRegularFile(s.path())) {
                problem(s.location(), "data source '" + s.id() + "': file not found: " + s.path());
                sources.put(s.id(), s);
                continue;
            }
            DataSourceSpec resolved = s;
            if (s.kind() == null) {
                Optional<DataKind> kind = kindOfFile.apply(s);
                if (kind.isEmpty()) {
                    problem(s.location(), "data source '" + s.id() + "': cannot tell whether " + s.path()
                            + " holds policies or scenarios from its columns; add \"kind\": \"policies\" or \"scenarios\"");
                } else {
                    resolved = s.withKind(kind.get());
                }
            }
            if (resolved.kind() != null && emptyFile.test(s)) { // a file of unknown kind is refused already
                problem(s.location(), "data source '" + s.id() + "': " + s.path() + " has no data rows (a header only?): there is"
                        + " nothing to value");
            }
            sources.put(s.id(), resolved);
        }
        return sources;
    }

    private Map<String, EngineSpec> checkEngineIds(List<EngineSpec> engines, String enginesLocation, Set<String> sourceIds) {
        Map<String, EngineSpec> byId = new LinkedHashMap<>();
        if (engines.isEmpty()) {
            problem(enginesLocation, "the pipeline has no engines; add at least one");
        }
        for (EngineSpec e : engines) {
            if (!ID.matcher(e.id()).matches()) {
                problem(e.location(), "invalid engine id '" + e.id() + "': use letters, digits, '_' and '-', starting with a letter"
                        + " (no dots: 'id.output' is how inputs refer to outputs)");
            } else if (byId.containsKey(e.id())) {
                problem(e.location(), "duplicate engine id '" + e.id() + "' (first declared at " + byId.get(e.id()).location() + ")");
            } else if (sourceIds.contains(e.id())) {
                problem(e.location(), "engine id '" + e.id() + "' is also a data source id; references would be ambiguous");
            } else {
                byId.put(e.id(), e);
            }
        }
        return byId;
    }

    private Map<String, EngineInfo> describeEngines(Iterable<EngineSpec> engines) {
        Map<String, EngineInfo> infos = new HashMap<>();
        for (EngineSpec e : engines) {
            Optional<EngineInfo> info = catalog.describe(e.type());
            if (info.isEmpty()) {
                problem(e.location(), "engine '" + e.id() + "': unknown engine type '" + e.type() + "'; registered types: "
                        + new TreeSet<>(catalog.types()) + (catalog.types().contains("projection") ? ""
                        : " (the built-in engines come with the dependency io.livecalc:livecalc-engines)"));
            } else {
                infos.put(e.id(), info.get());
            }
        }
        return infos;
    }

    /** The engine's own checks of its configuration: keys, types, ranges, files (before any engine is created). */
    private void checkConfig(EngineSpec e) {
        List<ConfigProblem> found;
        try {
            found = catalog.checkConfig(e.type(), EngineConfig.of(e.id(), e.config(), baseDirectory));
        } catch (RuntimeException ex) {
            problem(e.location(), "engine '" + e.id() + "' (" + e.type() + "): its configuration could not be checked: " + ex.getMessage());
            return;
        }
        for (ConfigProblem p : found) {
            problem(e.locationOf(p.key()), "engine '" + e.id() + "': " + p.message());
        }
    }

    private void checkOutputs(EngineSpec e, EngineInfo info) {
        Set<String> seen = new HashSet<>();
        for (String o : e.outputs()) {
            if (!seen.add(o)) {
                problem(e.location(), "engine '" + e.id() + "': output '" + o + "' is produced twice (listed twice in \"outputs\")");
            } else if (info.outputPort(o).isEmpty()) {
                problem(e.location(), "engine '" + e.id() + "' (" + e.type() + ") has no output '" + o + "'; its outputs: "
                        + describe(info.outputPorts()));
            }
        }
    }

    /**
     * A solver's parameters of other engines ({@code "parameters": "esg.drift"}) must name the engine whose scenario
     * totals it reads, or one upstream of it: the evaluations re-run from there (the run would fail at the first).
     */
    private void checkEngineParameters(EngineSpec e, Map<String, Map<String, Wire>> wiring) {
        Object names = e.config().get("parameters");
        Wire totals = wiring.getOrDefault(e.id(), Map.of()).values().stream()
                .filter(w -> w.engine() != null && w.type().equals(BufferType.SCENARIO_TOTAL)).findFirst().orElse(null);
        if (!(names instanceof String list) || totals == null) {
            return;
        }
        Set<String> upstream = upstream(totals.engine(), id -> wiring.getOrDefault(id, Map.of()));
        for (String name : list.split(",")) {
            String owner = io.livecalc.api.ParameterEvaluator.isEngineKey(name.strip()) ? name.strip().substring(0, name.strip().indexOf('.')) : null;
            if (owner != null && !upstream.contains(owner)) {
                problem(e.locationOf("parameters"), "engine '" + e.id() + "': parameter '" + name.strip() + "' names engine '" + owner
                        + "', which is not '" + totals.engine() + "' or upstream of it; engines upstream: " + upstream);
            }
        }
    }

    /** {@code engineId} and every engine it reads from, directly or not, nearest first. */
    public static Set<String> upstream(String engineId, Function<String, Map<String, Wire>> inputsOf) {
        Set<String> found = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(engineId));
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (found.add(id)) {
                inputsOf.apply(id).values().stream().map(Wire::engine).filter(java.util.Objects::nonNull).forEach(todo::push);
            }
        }
        return found;
    }

    /**
     * Every output buffer the run allocates must be sizable: its port declares the size, or the engine implements
     * {@code outputRecords}. Else the run would stop at that engine; here the problem names the remedies first.
     */
    private void checkSizing(java.util.Collection<EngineSpec> engines, Map<String, EngineInfo> infos, Map<String, Map<String, Wire>> wiring,
                             OutputSpec output) {
        for (EngineSpec e : engines) {
            EngineInfo info = infos.get(e.id());
            if (info == null) {
                continue;
            }
            Set<String> ports = new LinkedHashSet<>();
            info.outputPorts().stream().filter(PortSpec::required).forEach(p -> ports.add(p.name()));
            ports.addAll(e.outputs());
            wiring.values().forEach(w -> w.values().stream().filter(x -> e.id().equals(x.engine())).forEach(x -> ports.add(x.enginePort())));
            if (output != null && output.from() != null && output.from().startsWith(e.id() + ".")) {
                ports.add(output.from().substring(e.id().length() + 1));
            }
            List<String> unsized = ports.stream().filter(p -> info.outputPort(p).map(s -> s.size() == null).orElse(false)).toList();
            if (!unsized.isEmpty() && !catalog.implementsOutputRecords(e.type())) {
                unsized.forEach(p -> problem(e.location(), ChunkSizing.sizingProblem(e.id(), e.type(), p)));
            }
        }
    }

    private Map<String, Wire> wire(EngineSpec e, EngineInfo info, Map<String, DataSourceSpec> sources,
                                   Map<String, EngineSpec> engines, Map<String, EngineInfo> infos) {
        Map<String, Wire> wires = new LinkedHashMap<>();
        Set<String> reported = new HashSet<>(); // ports whose binding already has a problem: no second one for them
        boolean unresolved = false; // a binding without a port failed: it may be the one a required input lacks
        for (InputBinding b : e.inputs()) {
            if (b.port() != null) {
                reported.add(b.port());
            }
            Optional<Wire> from = resolveReference(e, b, sources, engines, infos);
            if (from.isEmpty()) {
                unresolved |= b.port() == null;
                continue;
            }
            BufferType type = from.get().type();
            String port = b.port();
            if (port != null) {
                Optional<PortSpec> spec = info.inputPort(port);
                if (spec.isEmpty()) {
                    problem(b.location(), "engine '" + e.id() + "' (" + e.type() + ") has no input '" + port + "'; its inputs: "
                            + describe(info.inputPorts()));
                    continue;
                }
                if (!spec.get().bufferType().equals(type)) {
                    problem(b.location(), "port type mismatch: '" + b.reference() + "' carries " + type.name() + " records but input '"
                            + port + "' of engine '" + e.id() + "' takes " + spec.get().bufferType().name());
                    continue;
                }
            } else {
                List<PortSpec> candidates = info.inputPorts().stream()
                        .filter(p -> p.bufferType().equals(type) && !wires.containsKey(p.name())).toList();
                if (candidates.isEmpty()) {
                    problem(b.location(), "port type mismatch: '" + b.reference() + "' carries " + type.name()
                            + " records and no free input of engine '" + e.id() + "' (" + e.type() + ") takes them; its inputs: "
                            + describe(info.inputPorts()));
                    continue;
                }
                if (candidates.size() > 1) {
                    problem(b.location(), "engine '" + e.id() + "': '" + b.reference() + "' could feed inputs "
                            + candidates.stream().map(PortSpec::name).toList() + "; name the port: \"inputs\": {\"port\": \"reference\"}");
                    continue;
                }
                port = candidates.get(0).name();
            }
            if (wires.containsKey(port)) {
                problem(b.location(), "engine '" + e.id() + "': input '" + port + "' is connected twice ('"
                        + wires.get(port).reference() + "' and '" + b.reference() + "')");
                continue;
            }
            Wire w = from.get();
            wires.put(port, new Wire(port, w.sourceId(), w.engine(), w.enginePort(), type));
        }
        for (PortSpec p : info.inputPorts()) {
            if (p.required() && !wires.containsKey(p.name()) && !reported.contains(p.name()) && !unresolved) {
                problem(e.location(), "engine '" + e.id() + "' (" + e.type() + "): required input '" + p.name() + "' ("
                        + p.bufferType().name() + ") is not connected");
            }
        }
        return wires;
    }

    private Optional<Wire> resolveReference(EngineSpec e, InputBinding b, Map<String, DataSourceSpec> sources,
                                            Map<String, EngineSpec> engines, Map<String, EngineInfo> infos) {
        String ref = b.reference();
        DataSourceSpec source = sources.get(ref);
        if (source != null) {
            if (source.kind() == null) {
                return Optional.empty(); // already reported on the data source
            }
            return Optional.of(new Wire(null, ref, null, null, source.kind().bufferType()));
        }
        int dot = ref.indexOf('.');
        String engineId = dot < 0 ? ref : ref.substring(0, dot);
        String port = dot < 0 ? null : ref.substring(dot + 1);
        if (!engines.containsKey(engineId)) {
            problem(b.location(), "engine '" + e.id() + "': unknown input '" + ref + "'; data sources: " + sources.keySet()
                    + ", engines: " + engines.keySet());
            return Optional.empty();
        }
        if (engineId.equals(e.id())) {
            problem(b.location(), "engine '" + e.id() + "' reads its own output '" + ref + "' (a cycle of one engine)");
            return Optional.empty();
        }
        EngineInfo producer = infos.get(engineId);
        if (producer == null) {
            return Optional.empty(); // unknown type, reported
        }
        if (port == null) {
            if (producer.outputPorts().size() != 1) {
                problem(b.location(), "engine '" + e.id() + "': '" + ref + "' has several outputs " + describe(producer.outputPorts())
                        + "; write '" + ref + ".<output>'");
                return Optional.empty();
            }
            port = producer.outputPorts().get(0).name();
        }
        Optional<PortSpec> out = producer.outputPort(port);
        if (out.isEmpty()) {
            problem(b.location(), "engine '" + e.id() + "': unknown input '" + ref + "': engine '" + engineId + "' has no output '"
                    + port + "'; its outputs: " + describe(producer.outputPorts()));
            return Optional.empty();
        }
        return Optional.of(new Wire(null, null, engineId, port, out.get().bufferType()));
    }

    private List<EngineSpec> topologicalOrder(Map<String, EngineSpec> engines, Map<String, Map<String, Wire>> wiring) {
        Map<String, Set<String>> upstream = new LinkedHashMap<>();
        for (String id : engines.keySet()) {
            Set<String> deps = new LinkedHashSet<>();
            wiring.getOrDefault(id, Map.of()).values().forEach(w -> {
                if (w.engine() != null) {
                    deps.add(w.engine());
                }
            });
            upstream.put(id, deps);
        }
        List<EngineSpec> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        boolean progress = true;
        while (progress && done.size() < engines.size()) {
            progress = false;
            for (String id : engines.keySet()) {   // declaration order breaks ties: the order is deterministic
                if (!done.contains(id) && done.containsAll(upstream.get(id))) {
                    done.add(id);
                    order.add(engines.get(id));
                    progress = true;
                }
            }
        }
        if (done.size() < engines.size()) {
            List<String> cycle = findCycle(upstream, done);
            problem(engines.get(cycle.get(0)).location(), "cycle: " + String.join(" -> ", cycle)
                    + "; a pipeline must be acyclic (an engine cannot depend on its own output, even indirectly)");
        }
        return order;
    }

    private static List<String> findCycle(Map<String, Set<String>> upstream, Set<String> acyclic) {
        for (String start : upstream.keySet()) {
            if (acyclic.contains(start)) {
                continue;
            }
            Deque<String> path = new ArrayDeque<>();
            Set<String> onPath = new LinkedHashSet<>();
            String node = start;
            while (!onPath.contains(node)) {
                onPath.add(node);
                path.addLast(node);
                String current = node;
                node = upstream.get(current).stream().filter(d -> !acyclic.contains(d)).findFirst().orElse(null);
                if (node == null) {
                    break;
                }
            }
            if (node != null) {
                List<String> cycle = new ArrayList<>();
                boolean in = false;
                for (String n : path) {
                    in |= n.equals(node);
                    if (in) {
                        cycle.add(n);
                    }
                }
                cycle.add(node);
                java.util.Collections.reverse(cycle); // data flows producer -> consumer
                return cycle;
            }
        }
        return List.of(upstream.keySet().iterator().next());
    }

    private OutputSpec resolveOutput(OutputSpec output, Map<String, EngineSpec> engines, Map<String, EngineInfo> infos,
                                     Map<String, Map<String, Wire>> wiring) {
        String noParquet = output.format() == FileFormat.PARQUET ? ParquetSupport.missing("output", output.path()) : null;
        if (noParquet != null) {
            problem(output.location(), noParquet);
        }
        if (output.from() != null) {
            String ref = output.from();
            int dot = ref.indexOf('.');
            String engineId = dot < 0 ? ref : ref.substring(0, dot);
            EngineInfo info = infos.get(engineId);
            if (!engines.containsKey(engineId)) {
                problem(output.location(), "output from unknown engine '" + engineId + "'; engines: " + engines.keySet());
                return output;
            }
            if (info == null) {
                return output;
            }
            String port = dot < 0 ? defaultOutput(engines.get(engineId), info) : ref.substring(dot + 1);
            if (port == null || info.outputPort(port).isEmpty()) {
                problem(output.location(), "output from '" + ref + "': engine '" + engineId + "' has no such output; its outputs: "
                        + describe(info.outputPorts()));
                return output;
            }
            return new OutputSpec(output.format(), output.path(), engineId + "." + port, output.location());
        }
        Set<String> consumed = new HashSet<>();
        wiring.values().forEach(m -> m.values().forEach(w -> {
            if (w.engine() != null) {
                consumed.add(w.engine());
            }
        }));
        List<String> terminal = engines.keySet().stream().filter(id -> !consumed.contains(id) && infos.containsKey(id)).toList();
        if (terminal.size() != 1) {
            if (!terminal.isEmpty()) {
                problem(output.location(), "the DAG has " + terminal.size() + " terminal engines " + terminal
                        + "; say which output to write: \"output\": {\"from\": \"engine.output\", ...}");
            }
            return output;
        }
        EngineSpec e = engines.get(terminal.get(0));
        String port = defaultOutput(e, infos.get(e.id()));
        return new OutputSpec(output.format(), output.path(), e.id() + "." + port, output.location());
    }

    /** The output's folder must exist or be creatable, and writable: found now, not after the engines ran. */
    private void checkOutputPath(OutputSpec output) {
        Path target = output.path().toAbsolutePath();
        if (Files.isDirectory(target)) {
            if (!outputMayBeDataset) {
                problem(output.location(), "output " + target + " is a folder; name the file to write");
            } else if (!Files.isWritable(target.getParent())) {
                problem(output.location(), "output " + target + " cannot be replaced: folder " + target.getParent() + " is not writable");
            }
            return;
        }
        Path existing = target.getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !Files.isDirectory(existing)) {
            problem(output.location(), "output " + target + " cannot be written: " + existing + " is a file, not a folder");
        } else if (existing != null && !Files.isWritable(existing)) {
            problem(output.location(), "output " + target + " cannot be written: folder " + existing + " is not writable");
        }
    }

    /** The first output the engine lists, else its first declared output. */
    private static String defaultOutput(EngineSpec e, EngineInfo info) {
        return e.outputs().isEmpty() ? info.outputPorts().get(0).name() : e.outputs().get(0);
    }

    private static String describe(List<PortSpec> ports) {
        return ports.stream().map(p -> p.name() + " (" + p.bufferType().name() + (p.required() ? "" : ", optional") + ")").toList().toString();
    }
}
