package io.livecalc.cli;

import io.livecalc.api.EngineInfo;
import io.livecalc.api.PortSpec;
import io.livecalc.orchestrator.DagValidationException;
import io.livecalc.orchestrator.EngineFactory;
import io.livecalc.orchestrator.Pipeline;
import io.livecalc.orchestrator.PipelineBuilder;
import io.livecalc.orchestrator.dag.EngineSpec;
import io.livecalc.orchestrator.dag.Wire;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code livecalc validate}, {@code livecalc graph} and {@code livecalc engines}. */
final class DagCommands {

    private DagCommands() {
    }

    @Command(name = "validate", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            description = "Checks a DAG file without running it and lists every problem with its JSON location (exit 2): the"
                    + " checks `run` makes before any engine starts (keys, types, ranges, files, ports).")
    static final class Validate implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DAG", description = "The DAG JSON file.")
        Path dag;

        @Option(names = "--print", description = "Print the DAG as this project's format first: for the original demo's"
                + " dialect (nodes, bus:// ports, ...) its translation.")
        boolean print;

        @Option(names = "--plan", description = "Print the run plan too: the engines in order, what feeds each input, the"
                + " buffers each writes and where the output file comes from.")
        boolean plan;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                PipelineBuilder builder = PipelineBuilder.fromJson(dag);
                if (print) {
                    builder.definitionJson().ifPresent(out::println);
                    out.flush();
                }
                Pipeline p = builder.build();
                out.println(dag + ": valid; engines in order: " + p.engines().stream().map(EngineSpec::id).toList()
                        + p.output().map(o -> "; output " + o.from() + " -> " + o.path()).orElse(""));
                if (plan) {
                    p.plan().forEach(out::println);
                }
                out.flush();
                return 0;
            } catch (DagValidationException e) {
                PrintWriter err = spec.commandLine().getErr();
                err.println(e.getMessage());
                err.flush();
                return LiveCalcCommand.EXIT_BAD_INPUT;
            }
        }
    }

    @Command(name = "graph", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            description = "Prints a DAG as a Mermaid flowchart or a Graphviz dot graph.")
    static final class Graph implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DAG", description = "The DAG JSON file.")
        Path dag;

        @Option(names = "--format", paramLabel = "FORMAT", description = "mermaid (default) or dot.")
        String format = "mermaid";

        @Override
        public Integer call() {
            Pipeline p = Pipeline.fromJson(dag);
            String f = format.toLowerCase(Locale.ROOT);
            if (!f.equals("mermaid") && !f.equals("dot")) {
                throw new IllegalArgumentException("--format must be mermaid or dot, got '" + format + "'");
            }
            PrintWriter out = spec.commandLine().getOut();
            out.print(f.equals("mermaid") ? mermaid(p) : dot(p));
            out.flush();
            return 0;
        }

        static String mermaid(Pipeline p) {
            StringBuilder sb = new StringBuilder("flowchart LR\n");
            p.dataSources().values().forEach(s -> sb.append("  ").append(s.id()).append("[(\"").append(s.id()).append("<br/>")
                    .append(s.path().getFileName()).append("\")]\n"));
            for (EngineSpec e : p.engines()) {
                sb.append("  ").append(e.id()).append("[\"").append(e.id()).append("<br/>").append(e.type()).append("\"]\n");
            }
            for (EngineSpec e : p.engines()) {
                for (Wire w : p.inputsOf(e.id()).values()) {
                    String from = w.engine() != null ? w.engine() : w.sourceId();
                    sb.append("  ").append(from).append(" -->|").append(w.engine() != null ? w.enginePort() + " -> " : "")
                            .append(w.port()).append("| ").append(e.id()).append('\n');
                }
            }
            p.output().ifPresent(o -> sb.append("  output[/\"").append(o.path().getFileName()).append("\"/]\n  ")
                    .append(o.from(), 0, o.from().indexOf('.')).append(" -->|").append(o.from().substring(o.from().indexOf('.') + 1))
                    .append("| output\n"));
            return sb.toString();
        }

        static String dot(Pipeline p) {
            StringBuilder sb = new StringBuilder("digraph livecalc {\n  rankdir=LR;\n");
            p.dataSources().values().forEach(s -> sb.append("  \"").append(s.id()).append("\" [shape=cylinder, label=\"")
                    .append(s.id()).append("\\n").append(s.path().getFileName()).append("\"];\n"));
            for (EngineSpec e : p.engines()) {
                sb.append("  \"").append(e.id()).append("\" [shape=box, label=\"").append(e.id()).append("\\n").append(e.type()).append("\"];\n");
            }
            for (EngineSpec e : p.engines()) {
                for (Wire w : p.inputsOf(e.id()).values()) {
                    String from = w.engine() != null ? w.engine() : w.sourceId();
                    sb.append("  \"").append(from).append("\" -> \"").append(e.id()).append("\" [label=\"")
                            .append(w.engine() != null ? w.enginePort() + " -> " : "").append(w.port()).append("\"];\n");
                }
            }
            p.output().ifPresent(o -> sb.append("  \"output\" [shape=note, label=\"").append(o.path().getFileName()).append("\"];\n  \"")
                    .append(o.from(), 0, o.from().indexOf('.')).append("\" -> \"output\" [label=\"")
                    .append(o.from().substring(o.from().indexOf('.') + 1)).append("\"];\n"));
            return sb.append("}\n").toString();
        }
    }

    @Command(name = "engines", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            description = "Lists the registered engine types with their aliases and ports.")
    static final class Engines implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (EngineFactory.EngineType t : EngineFactory.load().list()) {
                EngineInfo info = t.info();
                out.println(t.type() + (t.aliases().isEmpty() ? "" : " (aliases: " + String.join(", ", t.aliases()) + ")")
                        + ": " + info.name() + " " + info.version());
                for (PortSpec p : info.inputPorts()) {
                    out.println("    in  " + port(p));
                }
                for (PortSpec p : info.outputPorts()) {
                    out.println("    out " + port(p));
                }
            }
            out.flush();
            return 0;
        }

        private static String port(PortSpec p) {
            return String.format(Locale.ROOT, "%-16s %-15s %-9s %s", p.name(), p.bufferType().name(), p.required() ? "required" : "optional",
                    p.description());
        }
    }
}
