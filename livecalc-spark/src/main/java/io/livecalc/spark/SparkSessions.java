package io.livecalc.spark;

import io.livecalc.api.ConfigurationException;
import io.livecalc.orchestrator.ExecutionEngine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/** Finds or creates the SparkSession a run uses. */
final class SparkSessions {

    /** The job jar's file name (livecalc-spark's build writes it beside livecalc-spark.jar). */
    static final String JOB_JAR = "livecalc-spark-job.jar";
    /** Overrides where the job jar is (system property, else environment variable {@code LIVECALC_SPARK_JOB_JAR}). */
    static final String JOB_JAR_PROPERTY = "livecalc.spark.jobJar";
    /** How long the driver tries to reach a standalone master before it gives up with a clear error. */
    static final int CONNECT_TIMEOUT_MS = 5_000;

    private SparkSessions() {
    }

    /** A session and whether this run created it (and so stops it). */
    record Session(SparkSession spark, boolean owned) {
    }

    /**
     * The active session if there is one (spark-submit, a notebook, a test), else a new one. The master is
     * spark-submit's when running under it ({@code spark.master} is set), else the execution block's, else
     * {@code local[*]}. Local masters bind to the loopback interface and run without the web UI, unless
     * {@code spark.*} system properties say otherwise. A cluster master ({@code spark://...}, {@code yarn},
     * {@code k8s://...}) gets what its executors need (see {@link #clusterSettings}); a standalone master that
     * cannot be reached, or an application the master removes while it starts (its executors cannot start), is a
     * {@link ConfigurationException} naming the master.
     */
    static Session open(ExecutionEngine engine) {
        SparkSession existing = SparkSession.getActiveSession().getOrElse(() -> SparkSession.getDefaultSession().getOrElse(() -> null));
        if (existing != null && !existing.sparkContext().isStopped()) {
            return new Session(existing, false);
        }
        String master = System.getProperty("spark.master");
        boolean submitted = master != null;
        if (master == null) {
            master = engine.master() != null ? engine.master() : "local[*]";
        }
        SparkSession.Builder b = SparkSession.builder().appName("livecalc").master(master);
        if (master.startsWith("local")) {
            loopback(b, "spark.driver.host", "127.0.0.1");
            loopback(b, "spark.driver.bindAddress", "127.0.0.1");
            loopback(b, "spark.ui.enabled", "false");
        } else if (!submitted) {
            if (master.startsWith("spark://")) {
                requireReachable(master);
                if (loopbackMaster(master)) {
                    loopback(b, "spark.driver.host", "127.0.0.1");
                    loopback(b, "spark.driver.bindAddress", "127.0.0.1");
                }
            }
            for (String[] kv : clusterSettings(master)) {
                loopback(b, kv[0], kv[1]);
            }
        }
        try {
            return new Session(b.getOrCreate(), true);
        } catch (RuntimeException e) {
            if (submitted || master.startsWith("local")) {
                throw e;
            }
            // e.g. "Spark context stopped while waiting for backend": the master removed the application at once
            throw new ConfigurationException("the Spark application on " + master + " stopped while it started (" + e.getMessage()
                    + "): the master removes an application whose executors keep failing to start; see their stderr in the workers' "
                    + "work dirs (app-*/N/stderr). Executors need a JDK 25 at spark.executorEnv.JAVA_HOME (now "
                    + System.getProperty("spark.executorEnv.JAVA_HOME", System.getProperty("java.home")) + ")", e);
        }
    }

    /**
     * What the executors of a cluster need when the driver is not started by spark-submit (which sets them
     * itself): LiveCalc's classes as the application jar ({@code spark.jars}, the job jar, shipped by the
     * driver), a JDK 25 ({@code spark.executorEnv.JAVA_HOME}: this JVM's home, so workers need a JDK 25 at
     * the same path unless it is set otherwise) and this JVM's module options ({@code --add-modules},
     * {@code --add-opens}, {@code --enable-native-access}...; but those Spark adds itself) in
     * {@code spark.executor.extraJavaOptions}.
     * Each is applied only when no {@code spark.*} system property sets it.
     */
    static List<String[]> clusterSettings(String master) {
        List<String[]> s = new ArrayList<>();
        Path jar = jobJar().orElseThrow(() -> new ConfigurationException("the executors of " + master + " need LiveCalc's classes, "
                + "but the job jar " + JOB_JAR + " was not found beside livecalc-spark's classes: build it (./mvnw -B -pl livecalc-spark -am "
                + "package -DskipTests), or name it with -D" + JOB_JAR_PROPERTY + "=PATH, or set -Dspark.jars"));
        s.add(new String[] {"spark.jars", jar.toUri().toString()});
        s.add(new String[] {"spark.executorEnv.JAVA_HOME", System.getProperty("java.home")});
        List<String> spark = List.of(org.apache.spark.launcher.JavaModuleOptions.defaultModuleOptionArray());
        s.add(new String[] {"spark.executor.extraJavaOptions", String.join(" ", moduleOptions(
                ManagementFactory.getRuntimeMXBean().getInputArguments()).stream().filter(o -> !spark.contains(o)).toList())});
        return s;
    }

    /** The module and native-access options among a JVM's arguments (the ones code needs to run), in "--opt=value" form. */
    static List<String> moduleOptions(List<String> jvmArguments) {
        List<String> out = new ArrayList<>();
        List<String> withValue = List.of("--add-opens", "--add-exports", "--add-modules", "--add-reads", "--enable-native-access",
                "--sun-misc-unsafe-memory-access");
        for (int i = 0; i < jvmArguments.size(); i++) {
            String a = jvmArguments.get(i);
            if (withValue.contains(a) && i + 1 < jvmArguments.size()) {
                out.add(a + "=" + jvmArguments.get(++i));
            } else if (withValue.stream().anyMatch(o -> a.startsWith(o + "=")) || a.startsWith("-Dio.netty.tryReflectionSetAccessible")) {
                out.add(a);
            }
        }
        return out;
    }

    /**
     * The job jar: {@code -Dlivecalc.spark.jobJar} or {@code LIVECALC_SPARK_JOB_JAR}; else the jar this class was
     * loaded from when it is the job jar; else {@code livecalc-spark-job.jar} beside livecalc-spark's jar or
     * classes folder ({@code target/}).
     */
    static Optional<Path> jobJar() {
        String named = System.getProperty(JOB_JAR_PROPERTY, System.getenv("LIVECALC_SPARK_JOB_JAR"));
        if (named != null && !named.isBlank()) {
            Path p = Path.of(named).toAbsolutePath();
            if (!Files.isRegularFile(p)) {
                throw new ConfigurationException(JOB_JAR_PROPERTY + " names " + p + ", which is not a file");
            }
            return Optional.of(p);
        }
        Path here;
        try {
            here = Path.of(SparkSessions.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
        if (Files.isRegularFile(here) && here.getFileName().toString().equals(JOB_JAR)) {
            return Optional.of(here);
        }
        Path beside = here.getParent() == null ? null : here.getParent().resolve(JOB_JAR);
        return beside != null && Files.isRegularFile(beside) ? Optional.of(beside) : Optional.empty();
    }

    /** Throws a {@link ConfigurationException} naming the master when none of its host:port answers. */
    static void requireReachable(String master) {
        List<String> failures = new ArrayList<>();
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            int port;
            try {
                port = colon < 0 ? 7077 : Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new ConfigurationException("Spark master URL " + master + ": '" + hostPort + "' is not host:port");
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
                return;
            } catch (IOException e) {
                failures.add(host + ":" + port + " (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
            }
        }
        throw new ConfigurationException("cannot reach the Spark master " + master + ": " + String.join(", ", failures)
                + ". Start the cluster (for one on this machine: livecalc-spark/scripts/local-cluster.sh start) or correct the master URL "
                + "(--spark or the DAG's execution.master)");
    }

    private static boolean loopbackMaster(String master) {
        String rest = master.substring("spark://".length()).toLowerCase(Locale.ROOT);
        return rest.startsWith("127.") || rest.startsWith("localhost");
    }

    private static void loopback(SparkSession.Builder b, String key, String value) {
        if (System.getProperty(key) == null) {
            b.config(key, value);
        }
    }
}
