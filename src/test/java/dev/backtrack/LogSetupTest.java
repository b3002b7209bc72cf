package dev.backtrack;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The logging the packaged app starts with: stderr only, warnings, Kafka's clients quiet, Backtrack's level adjustable. */
class LogSetupTest {
    @Test
    void logsWarningsToStderrOnlyAndKeepsKafkaQuiet() {
        LoggerContext context = new LoggerContext();
        LogSetup.apply(context, null);
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(root.getAppender("STDERR")).isInstanceOfSatisfying(ConsoleAppender.class,
                appender -> assertThat(appender.getTarget()).isEqualTo("System.err"));
        assertThat(context.getLogger("org.apache.kafka.clients.NetworkClient").getEffectiveLevel()).isEqualTo(Level.ERROR);
        assertThat(context.getLogger("dev.backtrack.browse.RangeReader").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("io.netty").getEffectiveLevel()).isEqualTo(Level.WARN);
    }

    @Test
    void backtrackLevelCanBeRaisedForDiagnosis() {
        LoggerContext context = new LoggerContext();
        LogSetup.apply(context, "debug");
        assertThat(context.getLogger("dev.backtrack.replay.ReplayRunner").isDebugEnabled()).isTrue();
        assertThat(context.getLogger("org.apache.kafka.clients.NetworkClient").isWarnEnabled()).isFalse();
    }

    @Test
    void logbackFindsIt() {
        assertThat(ServiceLoader.load(Configurator.class).stream().map(ServiceLoader.Provider::type)).contains(LogSetup.class);
    }
}
