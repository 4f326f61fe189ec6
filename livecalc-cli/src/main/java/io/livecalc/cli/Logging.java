package io.livecalc.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.LogbackServiceProvider;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.encoder.EncoderBase;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import ch.qos.logback.core.util.StatusPrinter2;
import java.nio.file.Path;
import java.util.Locale;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.fieldnames.LogstashFieldNames;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The CLI's logging: JSON log lines (one object per line) on stderr (stdout is for results), level
 * {@code -Dlivecalc.log.level} (default WARN); {@code --log-level} and {@code --log-file} on top.
 */
final class Logging {

    private static final byte[] NONE = new byte[0];

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
            FileAppender<ILoggingEvent> appender = new FileAppender<>();
            appender.setContext(context);
            appender.setName("FILE");
            appender.setFile(file.toAbsolutePath().toString());
            appender.setAppend(true);
            appender.setEncoder(new JsonLines(context));
            appender.start();
            root.addAppender(appender);
        }
    }

    /**
     * Logback's configuration for the CLI, found as a service (META-INF/services in this jar only: the libraries
     * never configure logging): set up in code, not by Joran from an XML file, which loaded an XML parser and
     * ~150 classes more on every start (issue 15). {@code -Dlogback.configurationFile=FILE} (e.g. in
     * {@code LIVECALC_JAVA_OPTS}) or a {@code logback-test.xml} on the class path (the Spark tests) still wins; a
     * {@code logback.xml} does not: builds before this one left theirs in {@code target/classes}.
     */
    public static final class Console extends ContextAwareBase implements Configurator {

        public Console() {
        }

        @Override
        public ExecutionStatus configure(LoggerContext context) {
            ClassLoader loader = Logging.class.getClassLoader();
            if (System.getProperty("logback.configurationFile") != null || loader.getResource("logback-test.xml") != null) {
                return ExecutionStatus.INVOKE_NEXT_IF_ANY;
            }
            apply(context);
            return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
        }

        /** JSON lines on stderr at {@code livecalc.log.level}, whatever else is on the class path. */
        static void apply(LoggerContext context) {
            ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
            appender.setContext(context);
            appender.setName("STDERR");
            appender.setTarget("System.err");
            appender.setEncoder(new JsonLines(context));
            appender.start();
            ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            root.setLevel(Level.toLevel(System.getProperty("livecalc.log.level", "WARN").trim(), Level.WARN));
            root.addAppender(appender);
        }
    }

    /**
     * The command's SLF4J provider, named by {@link LiveCalcCommand#main} through {@code slf4j.provider}: Logback's,
     * set up by {@link Console} directly. Through the usual route SLF4J and then Logback each look for their
     * services with a {@code ServiceLoader}, which opens and indexes every jar of the class path, Hadoop's included
     * (about 25 ms of a cold start, issue 15). A Logback configuration asked for ({@code logback.configurationFile})
     * gets Logback's own start-up, as before.
     */
    public static final class Provider implements SLF4JServiceProvider {
        private final LoggerContext context = new LoggerContext();
        private final LogbackMDCAdapter mdc = new LogbackMDCAdapter();
        private final IMarkerFactory markers = new BasicMarkerFactory();

        public Provider() {
        }

        @Override
        public void initialize() {
            context.setName(CoreConstants.DEFAULT_CONTEXT_NAME);
            context.setMDCAdapter(mdc);
            // not Console.configure: its look for a logback-test.xml (a test class path's) is one more search of
            // every jar, and a command started through main runs on the launcher's class path, which has none
            if (System.getProperty("logback.configurationFile") == null) {
                Console.apply(context);
            } else {
                try {
                    new ContextInitializer(context).autoConfig();
                } catch (JoranException e) {
                    System.err.println("livecalc: the Logback configuration failed: " + e.getMessage());
                }
            }
            if (new StatusUtil(context).getHighestLevel(0) >= Status.WARN) {
                StatusPrinter2 printer = new StatusPrinter2();
                printer.printInCaseOfErrorsOrWarnings(context);
            }
            context.start();
        }

        @Override
        public ILoggerFactory getLoggerFactory() {
            return context;
        }

        @Override
        public IMarkerFactory getMarkerFactory() {
            return markers;
        }

        @Override
        public MDCAdapter getMDCAdapter() {
            return mdc;
        }

        @Override
        public String getRequestedApiVersion() {
            return LogbackServiceProvider.REQUESTED_API_VERSION;
        }
    }

    /**
     * Logstash's JSON encoder (field names {@code ts}, {@code logger}, {@code thread}, no version or level value,
     * {@code "app":"livecalc"}), built on the first event: it loads Jackson and ~600 classes, and at the default
     * level most runs log nothing.
     */
    static final class JsonLines extends EncoderBase<ILoggingEvent> {
        private volatile LogstashEncoder json;

        JsonLines(LoggerContext context) {
            setContext(context);
        }

        private LogstashEncoder json() {
            LogstashEncoder e = json;
            if (e == null) {
                synchronized (this) {
                    e = json;
                    if (e == null) {
                        e = new LogstashEncoder();
                        e.setContext(getContext());
                        LogstashFieldNames names = new LogstashFieldNames();
                        names.setTimestamp("ts");
                        names.setVersion("[ignore]");
                        names.setLevelValue("[ignore]");
                        names.setLogger("logger");
                        names.setThread("thread");
                        e.setFieldNames(names);
                        e.setCustomFields("{\"app\":\"livecalc\"}");
                        e.start();
                        json = e;
                    }
                }
            }
            return e;
        }

        @Override
        public byte[] headerBytes() {
            return NONE; // LogstashEncoder's header and footer are empty
        }

        @Override
        public byte[] encode(ILoggingEvent event) {
            return json().encode(event);
        }

        @Override
        public byte[] footerBytes() {
            return NONE;
        }

        @Override
        public void stop() {
            LogstashEncoder e = json;
            if (e != null) {
                e.stop();
            }
            super.stop();
        }
    }
}
