package dev.backtrack.redrive;

import static dev.backtrack.redrive.DeadLetterFixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.cli.Main;
import dev.backtrack.testing.RestoresDirProperties;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The dlt and produce commands end to end: JSON on stdout, one-line errors, --yes required off a terminal. */
@ExtendWith(RestoresDirProperties.class)
class DltCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dataDir;
    private static String original;
    private static String dlt;

    record Run(int exit, String out, String err) {
    }

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeAll
    static void setUp() throws Exception {
        System.setProperty(RedriveJournal.DATA_DIR_PROPERTY, dataDir.toString());
        original = TestTopics.create(TestServers.bootstrap(), "cli-orders", 2);
        dlt = DeadLetterParserTest.createTopic(original + "-dlt", 1);
        try (KafkaProducer<byte[], byte[]> p = DeadLetterFixtures.producer()) {
            for (int i = 0; i < 6; i++) {
                String exception = i < 4 ? "com.example.NotFound" : "com.example.Timeout";
                DeadLetterFixtures.send(p, dlt, 0, bytes("k" + i), bytes("{\"id\":" + i + ",\"status\":\"FAILED\"}"),
                        DeadLetterFixtures.springDlt(original, i % 2, i, 1L, "g", exception, null, "item " + (100 + i) + " failed"));
            }
        }
    }

    @Test
    void listShowAndRedrive() throws Exception {
        String bootstrap = TestServers.bootstrap();
        Run list = cli("dlt", "list", dlt, "--bootstrap", bootstrap);
        assertThat(list.exit()).isZero();
        List<String> lines = list.out().lines().toList();
        assertThat(lines).hasSize(6);
        assertThat(JSON.readTree(lines.getFirst()).at("/origin/topic").asText()).isEqualTo(original);

        Run groups = cli("dlt", "list", dlt, "--bootstrap", bootstrap, "--group-by", "exception");
        List<JsonNode> groupNodes = groups.out().lines().map(DltCliTest::json).toList();
        assertThat(groupNodes).extracting(n -> n.get("count").asLong()).containsExactly(4L, 2L);
        assertThat(groupNodes.getFirst().get("group").asText()).isEqualTo("com.example.NotFound: item <n> failed");

        Run show = cli("dlt", "show", dlt, "3", "--bootstrap", bootstrap);
        JsonNode shown = JSON.readTree(show.out());
        assertThat(shown.at("/exception/stackTrace").asText()).contains("Listener.java:42");
        assertThat(shown.at("/value/status").asText()).isEqualTo("FAILED");
        assertThat(shown.at("/openOriginal/offset").asLong()).isEqualTo(3);

        Run refused = cli("dlt", "redrive", dlt, "--bootstrap", bootstrap);
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("backtrack: add --yes to redrive from " + dlt + " (or --dry-run to only preview)\n");

        Run dry = cli("dlt", "redrive", dlt, "--bootstrap", bootstrap, "--group", "com.example.NotFound: item <n> failed",
                "--set", "status=\"RETRY\"", "--dry-run");
        JsonNode dryReport = JSON.readTree(dry.out());
        assertThat(dryReport.get("wouldSend").asLong()).isEqualTo(4);
        assertThat(dryReport.at("/previews/0/changes/0/path").asText()).isEqualTo("/status");

        Run sent = cli("dlt", "redrive", dlt, "--bootstrap", bootstrap, "--group", "com.example.NotFound: item <n> failed",
                "--set", "status=\"RETRY\"", "--yes");
        assertThat(sent.exit()).as(sent.err()).isZero();
        JsonNode report = JSON.readTree(sent.out());
        assertThat(report.get("sent").asLong()).isEqualTo(4);
        assertThat(report.get("landed").asLong()).isEqualTo(4);
        assertThat(report.get("journal").asText()).startsWith(dataDir.toString());

        Run again = cli("dlt", "redrive", dlt, "--bootstrap", bootstrap, "--yes");
        JsonNode second = JSON.readTree(again.out());
        assertThat(second.get("sent").asLong()).isEqualTo(2);
        assertThat(second.get("skippedAlreadySent").asLong()).isEqualTo(4);
    }

    @Test
    void produceNeedsYesOffATerminalAndPrintsWhereTheRecordLanded() throws Exception {
        String topic = TestTopics.create(TestServers.bootstrap(), "cli-produce", 1);
        Run refused = cli("produce", topic, "--bootstrap", TestServers.bootstrap(), "--value", "hi");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("add --yes");
        Run ok = cli("produce", topic, "--bootstrap", TestServers.bootstrap(), "--key", "k", "--value", "{\"a\":1}",
                "--value-format", "json", "--header", "h=v", "--timestamp", "2026-01-02T03:04:05Z", "--yes");
        assertThat(ok.exit()).as(ok.err()).isZero();
        JsonNode result = JSON.readTree(ok.out());
        assertThat(result.get("topic").asText()).isEqualTo(topic);
        assertThat(result.get("offset").asLong()).isZero();
        assertThat(result.get("timestamp").asText()).isEqualTo("2026-01-02T03:04:05Z");
        Run badJson = cli("produce", topic, "--bootstrap", TestServers.bootstrap(), "--value", "{oops", "--value-format", "json", "--yes");
        assertThat(badJson.exit()).isEqualTo(1);
        assertThat(badJson.err()).startsWith("backtrack: $: not valid JSON");
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
