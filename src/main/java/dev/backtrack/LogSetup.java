package dev.backtrack;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Backtrack's logging, set up in code (found by logback through {@code META-INF/services}): stdout carries
 * results only, so every log line goes to stderr, and only warnings by default ({@code -Dbacktrack.log.level}
 * for Backtrack's own loggers; Kafka's clients only errors). Set up in code because reading a logback.xml
 * cost every start ~0.1 s of XML parsing (measured: 275 ms to the first logger instead of 160 ms). A
 * {@code -Dlogback.configurationFile} or a {@code logback-test.xml} on the class path still wins.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null || getClass().getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context, System.getProperty("backtrack.log.level"));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Stderr only; warnings (Backtrack's loggers at {@code backtrackLevel} when given), Kafka's clients errors only. */
    static void apply(LoggerContext context, String backtrackLevel) {
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss} %-5level %logger{20} - %msg%n");
        encoder.start();
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        context.getLogger("org.apache.kafka").setLevel(Level.ERROR);
        context.getLogger("dev.backtrack").setLevel(Level.toLevel(backtrackLevel, Level.WARN));
    }
}
