package dev.backtrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.WriteAction;
import dev.backtrack.profile.AuditLog;
import dev.backtrack.profile.ProfileConnections;
import dev.backtrack.testing.CliRun;
import dev.backtrack.testing.RestoresDirProperties;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code backtrack audit}: the local audit log, filtered, as a table or as its own JSON lines. */
@ExtendWith(RestoresDirProperties.class)
class AuditCommandTest {
    @TempDir
    static Path home;

    @BeforeAll
    static void ownDirectories() {
        System.setProperty("backtrack.config.dir", home.resolve("config").toString());
        System.setProperty("backtrack.data.dir", home.resolve("data").toString());
    }

    private static CliRun run(String... args) {
        return CliRun.run("", args);
    }

    @Test
    void filtersTheLogAndShowsItAsATableOrAsItsOwnLines() throws Exception {
        Path file = ProfileConnections.context().audit().file();
        assertThat(run("audit", "--path").out().strip()).isEqualTo(file.toString());
        CliRun empty = run("audit");
        assertThat(empty.exitCode()).isZero();
        assertThat(empty.err()).contains("no write has been audited yet");

        append("2026-11-27T10:00:00Z", "dev", WriteAction.REPLAY, "orders-replay", "written",
                Map.of("sent", 40L, "written", 40L, "failed", 0L, "verified", true));
        append("2026-11-28T09:00:00Z", "prod", WriteAction.REDRIVE, "orders", "failed",
                Map.of("sent", 10L, "written", 6L, "error", "the source went away"));
        // a line cut short (a crash while appending) is left out with a warning, not a failure
        Files.writeString(file, "{\"time\":\"2026-11-28T1\n", StandardOpenOption.APPEND);
        append("2026-11-29T08:00:00Z", "dev", WriteAction.PRODUCE, "orders", "written", Map.of("records", 1L));

        CliRun table = run("audit");
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.err()).contains("1 line(s) of " + file + " could not be read and are left out (line 3 first)");
        assertThat(table.out().lines().toList()).hasSize(4).satisfies(lines -> {
            assertThat(lines.get(0)).startsWith("TIME (UTC)").contains("PROFILE", "ACTION", "TOPIC", "OUTCOME", "SUMMARY");
            assertThat(lines.get(1)).startsWith("2026-11-27T10:00:00Z").contains("dev", "replay", "orders-replay", "written")
                    .endsWith("sent 40 · written 40 · failed 0 · verified true");
            assertThat(lines.get(2)).contains("prod", "redrive", "failed").endsWith("sent 10 · written 6 · error the source went away");
            assertThat(lines.get(3)).contains("produce").endsWith("records 1");
        });

        CliRun replays = run("audit", "--action", "replay", "--format", "jsonl");
        assertThat(replays.out().lines().toList()).singleElement().satisfies(line -> {
            JsonNode entry = new ObjectMapper().readTree(line);
            assertThat(entry.path("topic").asText()).isEqualTo("orders-replay");
            assertThat(entry.path("details").path("verified").asBoolean()).isTrue();
        });
        assertThat(run("audit", "--outcome", "failed").out().lines().skip(1).toList()).singleElement().satisfies(line ->
                assertThat(line).contains("prod", "redrive"));
        assertThat(run("audit", "--profile", "dev", "--topic", "orders").out().lines().skip(1).toList()).singleElement().satisfies(line ->
                assertThat(line).contains("produce"));
        assertThat(run("audit", "--since", "2026-11-28", "--last", "1").out().lines().skip(1).toList()).singleElement().satisfies(line ->
                assertThat(line).startsWith("2026-11-29T08:00:00Z"));

        CliRun bad = run("audit", "--action", "publish");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("--action must be replay, import, redrive, produce, reset-offsets, create-topic or delete, got 'publish'");
        assertThat(run("audit", "--outcome", "lost").err()).contains("--outcome must be written or failed, got 'lost'");
    }

    @Test
    void aVerifiedReplayIsAuditedWithItsVerification() throws Exception {
        String bootstrap = TestServers.bootstrap();
        String source = TestTopics.create(bootstrap, "audit-src", 2);
        String target = TestTopics.create(bootstrap, "audit-dst", 2);
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 20; i++) {
                p.send(new ProducerRecord<>(source, i % 2, ("k" + i).getBytes(StandardCharsets.UTF_8), ("v" + i).getBytes(StandardCharsets.UTF_8)));
            }
        }
        CliRun replay = run("replay", source, "--to", target, "--bootstrap", bootstrap, "--verify", "--yes");
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(replay.out());

        CliRun audited = run("audit", "--topic", target, "--format", "jsonl");
        assertThat(audited.out().lines().toList()).singleElement().satisfies(line -> {
            JsonNode entry = new ObjectMapper().readTree(line);
            assertThat(entry.path("action").asText()).isEqualTo("REPLAY");
            assertThat(entry.path("outcome").asText()).isEqualTo("written");
            JsonNode details = entry.path("details");
            assertThat(details.path("id").asText()).isEqualTo(report.path("replayId").asText());
            assertThat(details.path("written").asLong()).isEqualTo(20);
            assertThat(details.path("verified").asBoolean()).isTrue();
            assertThat(details.path("verifiedChecksum").asText()).isEqualTo(report.path("verifiedChecksum").asText());
        });
    }

    private static void append(String time, String profile, WriteAction action, String topic, String outcome, Map<String, Object> details) {
        AuditLog at = new AuditLog(ProfileConnections.context().audit().file(), Clock.fixed(Instant.parse(time), ZoneOffset.UTC));
        at.append(ConnectionSettings.plaintext("127.0.0.1:9092").withName(profile), action, topic, outcome, new LinkedHashMap<>(details));
    }
}
