package io.livecalc.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import java.util.Locale;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.fieldnames.LogstashFieldNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code --log-level} and {@code --log-file}: JSON log lines (one object per line) to stderr and/or a file. */
final class Logging {

    private Logging() {
    }

    static void configure(String level, Path file) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (level != null) {
            Level parsed = Level.toLevel(level.toUpperCase(Locale.ROOT), null);
            if (parsed == null) {
                throw new IllegalArgumentException("--log-level must be one of ERROR, WARN, INFO, DEBUG, TRACE; got '" + level + "'");
            }
            root.setLevel(parsed);
        }
        if (file != null) {
            LogstashEncoder encoder = new LogstashEncoder();
            encoder.setContext(context);
            LogstashFieldNames names = new LogstashFieldNames();
            names.setTimestamp("ts");
            names.setVersion("[ignore]");
            names.setLevelValue("[ignore]");
            names.setLogger("logger");
            names.setThread("thread");
            encoder.setFieldNames(names);
            encoder.setCustomFields("{\"app\":\"livecalc\"}");
            encoder.start();
            FileAppender<ILoggingEvent> appender = new FileAppender<>();
            appender.setContext(context);
            appender.setName("FILE");
            appender.setFile(file.toAbsolutePath().toString());
            appender.setAppend(true);
            appender.setEncoder(encoder);
            appender.start();
            root.addAppender(appender);
        }
    }
}
