package io.livecalc.cli;

import io.livecalc.api.LivecalcVersion;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code livecalc} command. Exit codes: 0 success, 1 run failure, 2 bad usage or bad input.
 */
@Command(name = "livecalc",
        mixinStandardHelpOptions = true,
        versionProvider = LiveCalcCommand.Version.class,
        usageHelpAutoWidth = true,
        description = "Chains actuarial calculation engines (ESG -> projection -> solver) into a DAG over "
                + "zero-copy off-heap buffers, with Parquet in and out.",
        footer = {"", "Exit codes: 0 success, 1 run failure, 2 bad usage or bad input.",
            "Docs: README.md."})
public final class LiveCalcCommand implements Runnable {

    /** Exit code of a run that failed. */
    public static final int EXIT_FAILURE = 1;
    /** Exit code of bad usage or bad input (picocli's usage-error code). */
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * The subcommands, by name (as their {@code @Command} says), in the order of the usage help. Registered here
     * rather than in the annotation so that a run builds only the one it needs: picocli reflects over every
     * option of every subcommand it is given, and its classes (Java 5 bytecode) are not in the start-up cache.
     */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("run", RunCommand.class);
        m.put("report", ReportCommand.class);
        m.put("validate", DagCommands.Validate.class);
        m.put("graph", DagCommands.Graph.class);
        m.put("engines", DagCommands.Engines.class);
        m.put("project", ProjectCommand.class);
        m.put("generate", GenerateCommand.class);
        m.put("convert", ConvertCommand.class);
        m.put("login", AmCommands.Login.class);
        m.put("logout", AmCommands.Logout.class);
        m.put("am", AmCommands.Am.class);
        m.put("help", CommandLine.HelpCommand.class);
        return Collections.unmodifiableMap(m);
    }

    /** The configured command line with every subcommand, shared by {@link #main} and tests. */
    public static CommandLine commandLine() {
        return commandLine(SUBCOMMANDS.keySet());
    }

    /**
     * The command line for {@code args}: {@code livecalc SUBCOMMAND ...} gets only that subcommand, {@code livecalc
     * --version} none; anything else (usage, help, an unknown or misspelt subcommand) all of them.
     */
    static CommandLine commandLine(String[] args) {
        String first = args.length > 0 ? args[0] : "";
        if (SUBCOMMANDS.containsKey(first) && !first.equals("help")) {
            return commandLine(Set.of(first));
        }
        if (args.length == 1 && (first.equals("--version") || first.equals("-V"))) {
            return commandLine(Set.of());
        }
        return commandLine();
    }

    private static CommandLine commandLine(Set<String> names) {
        CommandLine cl = new CommandLine(new LiveCalcCommand());
        for (Map.Entry<String, Class<?>> e : SUBCOMMANDS.entrySet()) {
            if (names.contains(e.getKey())) {
                cl.addSubcommand(e.getKey(), e.getValue());
            }
        }
        versionEverywhere(cl, cl.getCommandSpec().versionProvider());   // livecalc SUBCOMMAND -V printed nothing
        // after the subcommands: picocli applies a setting to the subcommands present when it is set
        return cl.setExecutionExceptionHandler(new CliFailures());
    }

    public static void main(String[] args) {
        startUpProperties();
        int code = commandLine(args).execute(args);
        if (code != 0 || otherThreadsKeepTheJvm()) {
            System.exit(code);
        }
        // Success ends as any program does, by returning: Runtime.exit logs the exit through a System.Logger, and
        // finding that logger's back end is one more search of every jar of the class path (~30 ms, issue 15).
    }

    /**
     * What a command's JVM is told before anything starts (unless set already), so that no start searches every jar
     * of the class path (~30 ms each, issue 15): picocli's default factory would look for Groovy's Closure class, and
     * SLF4J and then Logback for their services ({@link Logging.Provider} instead, quietly).
     */
    static void startUpProperties() {
        setIfAbsent("picocli.disable.closures", "true");
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", Logging.Provider.class.getName());
            setIfAbsent("slf4j.internal.verbosity", "WARN");   // else SLF4J says on stderr that it was told
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** Whether a thread other than this one would keep the JVM alive after main returns. */
    private static boolean otherThreadsKeepTheJvm() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int n = root.enumerate(threads, true);
        for (int i = 0; i < n; i++) {
            if (threads[i] != Thread.currentThread() && threads[i].isAlive() && !threads[i].isDaemon()) {
                return true;
            }
        }
        return n == threads.length;   // more threads than counted: do not guess
    }

    private static void versionEverywhere(CommandLine cl, CommandLine.IVersionProvider version) {
        cl.getCommandSpec().versionProvider(version);
        cl.getSubcommands().values().forEach(sub -> versionEverywhere(sub, version));
    }

    /** Version, JVM and SIMD availability: the facts a bug report needs. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            boolean vector = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
            return new String[] {
                "livecalc " + LivecalcVersion.current(),
                "JVM: " + Runtime.version() + " (" + System.getProperty("java.vendor") + ") on "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                        + Runtime.getRuntime().availableProcessors() + " CPUs",
                "Vector API: " + (vector ? "jdk.incubator.vector available" : "not enabled (scalar kernels; add --add-modules=jdk.incubator.vector)"),
            };
        }
    }
}
