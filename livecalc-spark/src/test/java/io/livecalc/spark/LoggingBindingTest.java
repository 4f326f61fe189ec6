package io.livecalc.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

/** Spark's log4j2 SLF4J binding is excluded: Logback is the one SLF4J provider, so nothing clashes. */
class LoggingBindingTest {

    @Test
    void logbackIsTheOnlySlf4jProvider() {
        List<String> providers = ServiceLoader.load(SLF4JServiceProvider.class).stream().map(p -> p.type().getName()).toList();
        assertEquals(List.of("ch.qos.logback.classic.spi.LogbackServiceProvider"), providers);
        assertTrue(LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext);
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.apache.logging.slf4j.SLF4JServiceProvider"));
    }
}
