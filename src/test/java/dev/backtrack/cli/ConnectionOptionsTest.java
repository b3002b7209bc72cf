package dev.backtrack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.BacktrackException;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.profile.Environment;
import dev.backtrack.profile.InMemorySecretStore;
import dev.backtrack.profile.Profile;
import dev.backtrack.profile.ProfileConnections;
import dev.backtrack.profile.ProfileContext;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The connection mixin: profile resolution, bootstrap, registry override, environment fallback. */
class ConnectionOptionsTest {
    @TempDir
    Path dir;

    @BeforeEach
    void installProfiles() {
        ProfileContext context = new ProfileContext(dir.resolve("config"), dir.resolve("data"), InMemorySecretStore::new);
        ProfileConnections.install(context);
        context.store().add(Profile.plaintext("staging", "kafka-staging:9092", Environment.TEST));
    }

    @AfterEach
    void restore() {
        ProfileConnections.install(null);
        ConnectionOptions.environment = System::getenv;
    }

    private static ConnectionOptions parse(String... args) {
        TopicsCommand command = new TopicsCommand();
        new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
        return command.connection;
    }

    @Test
    void profileBootstrapAndRegistry() {
        ConnectionSettings byProfile = parse("--profile", "staging", "--registry", "http://reg:8081/").settings();
        assertThat(byProfile.bootstrapServers()).isEqualTo("kafka-staging:9092");
        assertThat(byProfile.registry().url()).isEqualTo("http://reg:8081");
        assertThat(parse("--profile", "staging").writeGuard()).isSameAs(ProfileConnections.writeGuard());

        ConnectionSettings plain = parse("--bootstrap", "localhost:9092").settings();
        assertThat(plain.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(plain.registry()).isNull();

        ConnectionOptions.environment = name -> name.equals(ConnectionOptions.BOOTSTRAP_ENV) ? "envhost:9092"
                : name.equals(ConnectionOptions.REGISTRY_ENV) ? "http://envreg" : null;
        ConnectionSettings fromEnv = parse().settings();
        assertThat(fromEnv.bootstrapServers()).isEqualTo("envhost:9092");
        assertThat(fromEnv.registry().url()).isEqualTo("http://envreg");
    }

    @Test
    void clearErrors() {
        assertThatThrownBy(() -> parse("--profile", "nope").settings()).isInstanceOf(BacktrackException.class)
                .hasMessageContaining("nope");
        assertThatThrownBy(() -> parse("--profile", "staging", "--bootstrap", "x:1").settings())
                .isInstanceOf(BacktrackException.class).hasMessage("use either --profile or --bootstrap, not both");
        ConnectionOptions.environment = name -> null;
        assertThatThrownBy(() -> parse().settings()).isInstanceOf(BacktrackException.class)
                .hasMessageStartingWith("no Kafka cluster given");
    }
}
