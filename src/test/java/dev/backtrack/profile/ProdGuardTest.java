package dev.backtrack.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.BacktrackException;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.WriteAction;
import dev.backtrack.kafka.WriteGuard;
import dev.backtrack.kafka.WriteRefusedException;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine refuses writes to prod until unlocked by typing the profile name, and audits every write. */
class ProdGuardTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private ProfileContext context;

    @BeforeEach
    void installContext() {
        context = new ProfileContext(dir.resolve("config"), dir.resolve("data"), InMemorySecretStore::new);
        ProfileConnections.install(context);
    }

    @AfterEach
    void restoreDefault() {
        ProfileConnections.install(null);
    }

    private List<JsonNode> audit() throws Exception {
        Path file = context.audit().file();
        List<JsonNode> lines = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    @Test
    void producerToProdIsRefusedUntilUnlockedByTypingTheNameAndWritesAreAudited() throws Exception {
        String bootstrap = TestServers.bootstrap();
        String topic = TestTopics.create(bootstrap, "guarded", 1);
        context.store().add(Profile.plaintext("prod-eu", bootstrap, Environment.PROD));

        ConnectionSettings settings = ProfileConnections.resolve("prod-eu");
        WriteGuard guard = ProfileConnections.writeGuard();
        assertThat(settings.writeProtected()).isTrue();
        KafkaClients clients = new KafkaClients(settings, guard);

        assertThatThrownBy(() -> clients.producer(WriteAction.REPLAY, topic, Map.of()))
                .isInstanceOf(WriteRefusedException.class)
                .hasMessage("profile 'prod-eu' is protected: replay to '" + topic
                        + "' is refused until you unlock writing for this run by typing the profile name");
        assertThat(audit()).singleElement().satisfies(entry -> {
            assertThat(entry.get("outcome").asText()).isEqualTo("refused");
            assertThat(entry.get("action").asText()).isEqualTo("REPLAY");
            assertThat(entry.get("profile").asText()).isEqualTo("prod-eu");
        });

        assertThatThrownBy(() -> ProfileConnections.unlock("prod-eu", "prod-EU")).isInstanceOf(BacktrackException.class)
                .hasMessageContaining("stays locked");
        assertThatThrownBy(() -> clients.producer(WriteAction.PRODUCE, topic, Map.of())).isInstanceOf(WriteRefusedException.class);
        assertThatThrownBy(() -> ProfileConnections.unlock("nope", "nope")).hasMessage("no profile named 'nope' (see 'backtrack profile list')");

        ProfileConnections.unlock("prod-eu", "prod-eu");
        try (KafkaProducer<byte[], byte[]> producer = clients.producer(WriteAction.PRODUCE, topic, Map.of())) {
            producer.send(new ProducerRecord<>(topic, "k".getBytes(StandardCharsets.UTF_8), "payload-never-audited".getBytes(StandardCharsets.UTF_8)))
                    .get(60, TimeUnit.SECONDS);
        }
        guard.recordWrite(settings, WriteAction.PRODUCE, topic, Map.of("records", 1, "value", "payload-never-audited".getBytes(StandardCharsets.UTF_8)));

        try (KafkaConsumer<byte[], byte[]> consumer = clients.consumer(IsolationLevel.READ_COMMITTED)) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (read.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
            assertThat(read).hasSize(1);
        }
        List<JsonNode> entries = audit();
        assertThat(entries).extracting(e -> e.get("outcome").asText()).containsExactly("refused", "refused", "written");
        JsonNode written = entries.get(2);
        assertThat(written.get("outcome").asText()).isEqualTo("written");
        assertThat(written.get("topic").asText()).isEqualTo(topic);
        assertThat(written.get("details").get("records").asLong()).isEqualTo(1);
        assertThat(written.get("details").get("value").asText()).isEqualTo("21 bytes");
        assertThat(written.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(Files.readString(context.audit().file())).doesNotContain("payload-never-audited");

        // a new run (a new guard) starts locked again
        ProdGuard fresh = new ProdGuard(context.audit());
        assertThatThrownBy(() -> new KafkaClients(settings, fresh).producer(WriteAction.REDRIVE, topic, Map.of()))
                .isInstanceOf(WriteRefusedException.class);
    }

    @Test
    void readOnlyDevProfilesAreGuardedAndOrdinaryDevProfilesAreNot() {
        context.store().add(new Profile("ro", null, Environment.DEV, "h:1", null, null, null, null, null, null, true));
        context.store().add(Profile.plaintext("dev", "h:1", Environment.DEV));
        WriteGuard guard = ProfileConnections.writeGuard();

        assertThatThrownBy(() -> guard.checkWrite(ProfileConnections.resolve("ro"), WriteAction.DELETE, "t"))
                .isInstanceOf(WriteRefusedException.class).hasMessageContaining("delete to 't' is refused");
        guard.checkWrite(ProfileConnections.resolve("dev"), WriteAction.DELETE, "t");
        ProfileConnections.unlock("ro", "ro");
        guard.checkWrite(ProfileConnections.resolve("ro"), WriteAction.RESET_OFFSETS, "t");
    }
}
