package dev.backtrack.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.cli.Main;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history, journey and groups commands end to end: stdout carries JSON lines, stderr the notes. */
class HistoryCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long BASE = Instant.now().minus(Duration.ofMinutes(5)).toEpochMilli();
    private static String bootstrap;
    private static String topic;
    private static String other;

    record Run(int exit, List<JsonNode> lines, String stdout, String stderr) {
    }

    static Run run(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (line.startsWith("{")) {
                lines.add(JSON.readTree(line));
            }
        }
        return new Run(exit, lines, out.toString(), err.toString());
    }

    @BeforeAll
    static void data() {
        bootstrap = TestServers.bootstrap();
        topic = TestTopics.create(bootstrap, "cli-history", 2);
        other = TestTopics.create(bootstrap, "cli-other", 1);
        String tp = "00-11111111111111111111111111111111-2222222222222222-01";
        try (Produce p = new Produce()) {
            p.send(topic, null, BASE, "acct-1", "{\"balance\":10}", "traceparent", tp);
            p.send(topic, null, BASE + 1000, "acct-2", "{\"balance\":99}");
            p.send(topic, null, BASE + 2000, "acct-1", "{\"balance\":15}");
            p.send(other, null, BASE + 2500, "acct-1", "{\"event\":\"audit\"}", "traceparent", tp);
        }
    }

    @Test
    void historyPrintsVersionsWithDiffsAndAnswersAsOf() throws Exception {
        Run r = run("history", topic, "--bootstrap", bootstrap, "--key", "acct-1");
        assertThat(r.exit()).isZero();
        assertThat(r.lines()).hasSize(2);
        assertThat(r.lines().get(1).get("diff").get(0).get("path").asText()).isEqualTo("balance");
        assertThat(r.lines().get(1).get("diff").get(0).get("old").asInt()).isEqualTo(10);
        assertThat(r.lines().get(1).get("diff").get(0).get("new").asInt()).isEqualTo(15);
        assertThat(r.stderr()).contains("2 version(s) of key 'acct-1'");

        Run asOf = run("history", topic, "--bootstrap", bootstrap, "--key", "acct-1", "--as-of", Instant.ofEpochMilli(BASE + 1999).toString());
        assertThat(asOf.lines()).hasSize(1);
        assertThat(asOf.lines().get(0).get("state").get("balance").asInt()).isEqualTo(10);
        assertThat(asOf.lines().get(0).get("exists").asBoolean()).isTrue();

        Run bad = run("history", topic, "--bootstrap", bootstrap, "--key", "hex:zz");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.stderr()).isEqualTo("backtrack: the key 'hex:zz' is not valid hex\n");
    }

    @Test
    void journeyPrintsOneTimelineAndExportsIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("journey.jsonl");
        Run r = run("journey", "--bootstrap", bootstrap, "--topics", topic + "," + other, "--trace-id", "11111111111111111111111111111111",
                "--export", file.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.lines()).extracting(n -> n.get("topic").asText()).containsExactly(topic, other);
        assertThat(r.lines().get(1).get("sincePreviousMs").asLong()).isEqualTo(2500);
        assertThat(r.lines().get(0).get("trace").get("spanId").asText()).isEqualTo("2222222222222222");
        assertThat(Files.readAllLines(file)).hasSize(3);

        Run table = run("journey", "--bootstrap", bootstrap, "--topics", topic + "," + other, "--filter", "value.balance > 50", "--format", "table");
        assertThat(table.stdout().lines().count()).isEqualTo(2);
        assertThat(table.stdout()).contains("{\"balance\":99}");

        Run invalid = run("journey", "--bootstrap", bootstrap, "--topics", topic, "--trace-id", "00000000000000000000000000000000");
        assertThat(invalid.exit()).isEqualTo(1);
        assertThat(invalid.stderr()).contains("all zeros");
    }

    @Test
    void groupsShowAndResetWithDryRunAndYes() throws Exception {
        String group = TestTopics.unique("cli-group");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.assign(List.of(new TopicPartition(other, 0)));
            c.commitSync(Map.of(new TopicPartition(other, 0), new OffsetAndMetadata(1)));
        }
        Run show = run("groups", "show", group, "--bootstrap", bootstrap, "--format", "jsonl");
        assertThat(show.exit()).isZero();
        assertThat(show.lines().get(0).get("partitions").get(0).get("committed").asLong()).isEqualTo(1);
        assertThat(show.lines().get(0).get("totalLag").asLong()).isZero();

        Run dry = run("groups", "reset", group, "--bootstrap", bootstrap, "--topic", other, "--to-earliest", "--dry-run", "--format", "jsonl");
        assertThat(dry.lines()).hasSize(1);
        assertThat(dry.lines().get(0).get("from").asLong()).isEqualTo(1);
        assertThat(dry.lines().get(0).get("to").asLong()).isZero();
        assertThat(dry.lines().get(0).get("applied").asBoolean()).isFalse();

        // stdin is not a terminal here: without --yes nothing is written
        Run refused = run("groups", "reset", group, "--bootstrap", bootstrap, "--topic", other, "--to-earliest");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.stderr()).contains("add --yes");

        Run applied = run("groups", "reset", group, "--bootstrap", bootstrap, "--topic", other, "--to-earliest", "--yes", "--format", "jsonl");
        assertThat(applied.exit()).isZero();
        assertThat(applied.lines().get(0).get("applied").asBoolean()).isTrue();
        Run after = run("groups", "show", group, "--bootstrap", bootstrap, "--format", "jsonl", "--no-time-lag");
        assertThat(after.lines().get(0).get("partitions").get(0).get("committed").asLong()).isZero();
        assertThat(after.lines().get(0).get("totalLag").asLong()).isEqualTo(1);

        Run list = run("groups", "list", "--bootstrap", bootstrap, "--format", "jsonl");
        assertThat(list.lines()).anySatisfy(n -> assertThat(n.get("groupId").asText()).isEqualTo(group));
    }
}
