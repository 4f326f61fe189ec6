package io.livecalc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** What replaced the XML logging set-up and databind on one-shot paths gives the same output (issue 15). */
class StartUpLoadsLessTest {

    @Test
    void theLoggingConfiguratorSendsTheJsonLinesOfTheFormerLogbackXmlToStderrAtWarn() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter()); // as slf4j sets it on its own context
        Logging.Console console = new Logging.Console();
        console.setContext(context);
        assertEquals(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, console.configure(context));
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertEquals(Level.WARN, root.getLevel());
        ConsoleAppender<ILoggingEvent> stderr = (ConsoleAppender<ILoggingEvent>) root.getAppender("STDERR");
        assertEquals("System.err", stderr.getTarget());
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), context.getLogger("io.livecalc.x"), Level.WARN,
                "disk {} is full", null, new Object[] {"/tmp"});
        event.setThreadName("main");
        String line = new String(stderr.getEncoder().encode(event), StandardCharsets.UTF_8)
                .replaceFirst("\"ts\":\"[^\"]+\"", "\"ts\":\"T\"");
        assertEquals("{\"ts\":\"T\",\"message\":\"disk /tmp is full\",\"logger\":\"io.livecalc.x\",\"thread\":\"main\","
                + "\"level\":\"WARN\",\"app\":\"livecalc\"}" + System.lineSeparator(), line);
        context.stop();
    }

    @Test
    void theSummaryJsonIsObjectMappersIndentedOutputWithoutDatabind() throws Exception {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("kernel", "simd-512");
        inner.put("mortality_ages", Arrays.asList(18, 120));
        inner.put("none", null);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("model", "basic_term");
        s.put("model_points", 10_000L);
        s.put("total", 14_489_630.534601536);
        s.put("nan", Double.NaN);
        s.put("ok", true);
        s.put("totals", List.of(Map.of("scenario_id", 1), Map.of()));
        s.put("engine", inner);
        String expected = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(s);
        assertEquals(expected, ModelCommand.json(s));
        assertTrue(expected.contains("\"mortality_ages\" : [ 18, 120 ]"), expected);
        s.put("array", new double[] {1.5, 2}); // a type it does not write itself: ObjectMapper's output
        assertEquals(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(s), ModelCommand.json(s));
    }

    @Test
    void theCommandTellsPicocliNotToLookForGroovyOnTheClassPath() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process p = new ProcessBuilder(java, "--add-modules=jdk.incubator.vector", "-Dpicocli.trace=DEBUG", "-cp",
                System.getProperty("java.class.path"), LiveCalcCommand.class.getName(), "--version")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("DefaultFactory: groovy Closures in annotations are disabled and will not be loaded"), out);
        assertTrue(out.contains("livecalc 0.1.0-SNAPSHOT"), out);
    }

    @Test
    void theCommandsLoggingProviderIsLogbackSetUpByTheConsoleConfiguratorWithoutAServiceSearch() {
        Logging.Provider provider = new Logging.Provider();
        provider.initialize();
        LoggerContext context = (LoggerContext) provider.getLoggerFactory();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertEquals(Level.WARN, root.getLevel());
        assertEquals("System.err", ((ConsoleAppender<ILoggingEvent>) root.getAppender("STDERR")).getTarget());
        assertTrue(context.isStarted());
        assertEquals(ch.qos.logback.classic.spi.LogbackServiceProvider.REQUESTED_API_VERSION, provider.getRequestedApiVersion());
        provider.getMDCAdapter().put("k", "v");
        assertEquals("v", provider.getMDCAdapter().get("k"));
        context.stop();
    }

    @Test
    void aRunThroughMainUsesTheCommandsLoggingProvider() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path dag = LauncherTest.ROOT.resolve("examples/dag_config_projection_only.json");
        Process p = new ProcessBuilder(java, "--add-modules=jdk.incubator.vector", "-Dslf4j.internal.verbosity=DEBUG",
                "-cp", System.getProperty("java.class.path"), LiveCalcCommand.class.getName(), "validate", dag.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("io.livecalc.cli.Logging$Provider"), out);
    }
}
