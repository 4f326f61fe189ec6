package io.livecalc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's first code block, as a reader copies it: compiled and run in a separate JVM, from the repository
 * root, with only what an application depending on livecalc-orchestrator and livecalc-engines has on its
 * class path (no Parquet, Hadoop, Arrow, CLI or Logback).
 */
class ReadmeExampleTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    /** What the BOM's orchestrator + engines bring: the LiveCalc modules, Jackson, Hipparchus, the SLF4J API. */
    private static final Pattern CONSUMER_CLASS_PATH = Pattern.compile(
            ".*/livecalc-(api|buffers|am|engines|orchestrator)(/target/classes|-[0-9][^/]*(?<!-tests)\\.jar)|.*/(jackson-(core|databind|annotations)|hipparchus-(core|optim)|slf4j-api)-[^/]*\\.jar");

    @TempDir
    Path dir;

    @Test
    void theFirstCodeBlockCompilesAndRunsWithOnlyTheConsumersClassPath() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(block.find(), "README has a java block");
        List<String> classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> CONSUMER_CLASS_PATH.matcher(e).matches()).toList();
        assertEquals(5, classPath.stream().filter(e -> e.contains("/livecalc-")).count(), classPath.toString());

        Path src = dir.resolve("ReadmeExample.java");
        Files.writeString(src, """
                import io.livecalc.orchestrator.*;
                import java.nio.file.Path;

                public class ReadmeExample {
                    public static void main(String[] args) {
                %s    }
                }
                """.formatted(block.group(1)));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int compiled = javac.run(null, null, null, "-d", dir.toString(), "-classpath", String.join(File.pathSeparator, classPath),
                src.toString());
        assertEquals(0, compiled, "the block compiles against the consumer's class path");

        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-cp", dir + File.pathSeparator + String.join(File.pathSeparator, classPath), "ReadmeExample"));
        Process p = new ProcessBuilder(cmd).directory(ROOT.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out + err);
        assertTrue(out.contains("converged=true"), out);
        assertTrue(out.contains("parameters={premium_rate=2.7799575891635255}"), out);
    }
}
