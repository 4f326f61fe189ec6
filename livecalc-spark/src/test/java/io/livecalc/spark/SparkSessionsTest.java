package io.livecalc.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.livecalc.api.ConfigurationException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the driver gives a cluster's executors, and how it refuses a master it cannot reach. */
class SparkSessionsTest {

    @TempDir
    Path dir;

    @Test
    void executorsGetTheDriversModuleAndNativeAccessOptionsOnlyInOneForm() {
        List<String> jvm = List.of("-Xmx1g", "--add-modules", "jdk.incubator.vector", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--enable-native-access=ALL-UNNAMED", "-Dlivecalc.testdata.dir=/x", "--sun-misc-unsafe-memory-access=allow",
                "-XX:+AutoCreateSharedArchive", "-Dio.netty.tryReflectionSetAccessible=true", "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED");
        assertEquals(List.of("--add-modules=jdk.incubator.vector", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Dio.netty.tryReflectionSetAccessible=true",
                "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED"), SparkSessions.moduleOptions(jvm));
    }

    @Test
    void aClusterMasterGetsTheJobJarThisJdkAndTheModuleOptionsSparkDoesNotAddItself() throws IOException {
        Path jar = Files.createFile(dir.resolve("livecalc-spark-job.jar"));
        System.setProperty(SparkSessions.JOB_JAR_PROPERTY, jar.toString());
        try {
            Map<String, String> s = SparkSessions.clusterSettings("spark://127.0.0.1:7077").stream()
                    .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
            assertEquals(jar.toUri().toString(), s.get("spark.jars"));
            assertEquals(System.getProperty("java.home"), s.get("spark.executorEnv.JAVA_HOME"));
            // This test JVM runs with the build's flags (pom: jvm.flags and Spark's --add-opens): the executors get each
            // of them, from Spark's own defaults (JavaModuleOptions) or from extraJavaOptions, never twice.
            List<String> driver = SparkSessions.moduleOptions(ManagementFactory.getRuntimeMXBean().getInputArguments());
            assertTrue(driver.contains("--add-modules=jdk.incubator.vector"), driver.toString());
            List<String> spark = List.of(JavaModuleOptions.defaultModuleOptionArray());
            String extra = s.get("spark.executor.extraJavaOptions");
            List<String> executor = new ArrayList<>(spark);
            if (!extra.isEmpty()) {
                executor.addAll(List.of(extra.split(" ")));
            }
            assertTrue(executor.containsAll(driver), executor + " lacks some of " + driver);
            // Spark 4.2 already adds every flag the build uses (vector module, native access, java.nio opens, unsafe access).
            assertEquals("", extra);
        } finally {
            System.clearProperty(SparkSessions.JOB_JAR_PROPERTY);
        }
    }

    @Test
    void aJobJarPropertyNamingNoFileIsABadInput() {
        System.setProperty(SparkSessions.JOB_JAR_PROPERTY, dir.resolve("missing.jar").toString());
        try {
            ConfigurationException e = assertThrows(ConfigurationException.class, SparkSessions::jobJar);
            assertEquals(SparkSessions.JOB_JAR_PROPERTY + " names " + dir.resolve("missing.jar") + ", which is not a file", e.getMessage());
        } finally {
            System.clearProperty(SparkSessions.JOB_JAR_PROPERTY);
        }
    }

    @Test
    void aMasterNobodyListensOnIsRefusedNamingItsUrl() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "spark://127.0.0.1:" + port;
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> SparkSessions.requireReachable(url));
        assertEquals("cannot reach the Spark master " + url + ": 127.0.0.1:" + port + " (Connection refused). Start the cluster (for one on "
                + "this machine: livecalc-spark/scripts/local-cluster.sh start) or correct the master URL (--spark or the DAG's execution.master)",
                e.getMessage());
    }

    @Test
    void aMasterThatListensIsAccepted() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            SparkSessions.requireReachable("spark://127.0.0.1:" + s.getLocalPort());
        }
    }
}
