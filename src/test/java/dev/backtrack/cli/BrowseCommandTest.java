package dev.backtrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.browse.TestData;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs {@code backtrack browse} and {@code backtrack topics} in-process and parses their output back. */
class BrowseCommandTest {
    static String bootstrap;
    static String topic;
    static final ObjectMapper JSON = new ObjectMapper();

    record Run(int exit, String out, String err) {
        List<JsonNode> lines() throws Exception {
            List<JsonNode> nodes = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (!line.isBlank()) {
                    nodes.add(JSON.readTree(line));
                }
            }
            return nodes;
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeAll
    static void setUp() {
        bootstrap = TestServers.bootstrap();
        topic = TestTopics.create(bootstrap, "cli-browse", 2);
        try (KafkaProducer<byte[], byte[]> p = TestData.producer(bootstrap)) {
            for (int i = 0; i < 20; i++) {
                ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, i % 2, 1_767_225_600_000L + i * 1000L,
                        TestData.utf8("key-" + i), TestData.utf8("{\"n\":" + i + ",\"status\":\"" + (i % 5 == 0 ? "FAILED" : "OK") + "\"}"));
                r.headers().add(new RecordHeader("trace", TestData.utf8("t-" + i)));
                r.headers().add(new RecordHeader("bin", new byte[] {(byte) 0xff, 0x00}));
                p.send(r);
            }
            p.send(new ProducerRecord<>(topic, 0, 1_767_225_700_000L, TestData.utf8("bad"), new byte[] {(byte) 0xc3, 0x28}));
            p.send(new ProducerRecord<>(topic, 1, 1_767_225_700_001L, TestData.utf8("gone"), (byte[]) null));
            p.flush();
        }
    }

    @Test
    void jsonlHasOneParsableObjectPerRecord() throws Exception {
        Run run = run("browse", topic, "--bootstrap", bootstrap, "--limit", "0");
        assertThat(run.exit()).as(run.err()).isZero();
        List<JsonNode> lines = run.lines();
        assertThat(lines).as(run.err()).hasSize(22);
        JsonNode first = lines.getFirst();
        assertThat(first.get("topic").asText()).isEqualTo(topic);
        assertThat(first.get("partition").asInt()).isZero();
        assertThat(first.get("offset").asLong()).isZero();
        assertThat(first.get("timestamp").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(first.get("timestampType").asText()).isEqualTo("CreateTime");
        assertThat(first.get("key").asText()).isEqualTo("key-0");
        assertThat(first.get("value").get("status").asText()).isEqualTo("FAILED");
        assertThat(first.get("valueFormat").asText()).isEqualTo("JSON");
        assertThat(first.get("keyFormat").asText()).isEqualTo("TEXT");
        assertThat(first.has("schemaId")).isTrue();
        assertThat(first.get("headers").get("trace").asText()).isEqualTo("t-0");
        assertThat(first.get("headers").get("bin").get("base64").asText()).isEqualTo("/wA=");
        assertThat(first.get("keySize").asInt()).isEqualTo(5);
        assertThat(first.get("valueSize").asInt()).isEqualTo(first.get("value").toString().length());
        assertThat(first.has("error")).isFalse();
        // merged by timestamp across partitions
        List<Long> times = lines.stream().map(l -> java.time.Instant.parse(l.get("timestamp").asText()).toEpochMilli()).toList();
        assertThat(times).isSorted();
        JsonNode tombstone = lines.stream().filter(l -> l.get("key").asText().equals("gone")).findFirst().orElseThrow();
        assertThat(tombstone.get("value").isNull()).isTrue();
        assertThat(tombstone.get("valueSize").asInt()).isZero();
        JsonNode bad = lines.stream().filter(l -> l.get("key").asText().equals("bad")).findFirst().orElseThrow();
        assertThat(bad.get("valueFormat").asText()).isEqualTo("HEX");
        assertThat(bad.get("value").asText()).isEqualTo("c328");
    }

    @Test
    void failedDecodeCarriesAnError() throws Exception {
        Run run = run("browse", topic, "--bootstrap", bootstrap, "-p", "0", "--value-format", "json", "--contains", "bad");
        assertThat(run.exit()).as(run.err()).isZero();
        List<JsonNode> lines = run.lines();
        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst().get("error").asText()).startsWith("value: ");
    }

    @Test
    void filterLastTimeRangeAndPartitions() throws Exception {
        Run failed = run("browse", topic, "--bootstrap", bootstrap, "--filter", "value.status == 'FAILED'");
        assertThat(failed.lines()).extracting(l -> l.get("value").get("n").asInt()).containsExactly(0, 5, 10, 15);

        Run last = run("browse", topic, "--bootstrap", bootstrap, "--last", "3");
        assertThat(last.lines()).extracting(l -> l.get("key").asText()).containsExactly("key-19", "bad", "gone");

        Run window = run("browse", topic, "--bootstrap", bootstrap, "--from-time", "2026-01-01T00:00:04Z", "--to-time", "2026-01-01T00:00:08Z");
        assertThat(window.lines()).extracting(l -> l.get("value").get("n").asInt()).containsExactly(4, 5, 6, 7);

        Run range = run("browse", topic, "--bootstrap", bootstrap, "-p", "1", "--from", "2", "--to", "5");
        assertThat(range.lines()).extracting(l -> l.get("offset").asLong()).containsExactly(2L, 3L, 4L);
        assertThat(range.lines()).allMatch(l -> l.get("partition").asInt() == 1);

        Run limited = run("browse", topic, "--bootstrap", bootstrap, "--limit", "7");
        assertThat(limited.lines()).hasSize(7);
        assertThat(limited.err()).isEmpty();

        Run table = run("browse", topic, "--bootstrap", bootstrap, "--format", "table", "--limit", "2");
        assertThat(table.out().lines().toList()).hasSize(3).first().asString().startsWith("P ");
    }

    @Test
    void errorsAreOneLineWithExitCodes() {
        Run missing = run("browse", "no-such-topic-xyz", "--bootstrap", bootstrap);
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err().strip()).isEqualTo("backtrack: topic 'no-such-topic-xyz' does not exist");
        assertThat(missing.out()).isEmpty();

        Run badCel = run("browse", topic, "--bootstrap", bootstrap, "--filter", "value.n ==");
        assertThat(badCel.exit()).isEqualTo(1);
        assertThat(badCel.err()).startsWith("backtrack: invalid filter at 1:");

        Run badTime = run("browse", topic, "--bootstrap", bootstrap, "--from-time", "yesterday");
        assertThat(badTime.err().strip()).isEqualTo("backtrack: --from-time needs an ISO-8601 time such as 2026-11-27T10:00:00Z, got 'yesterday'");

        Run twoStarts = run("browse", topic, "--bootstrap", bootstrap, "--from", "1", "--last", "2");
        assertThat(twoStarts.exit()).isEqualTo(2);
    }

    @Test
    void noClusterGivenIsAClearError() {
        ConnectionOptions.environment = name -> null;
        try {
            Run run = run("topics");
            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err().strip()).isEqualTo("backtrack: no Kafka cluster given: use --bootstrap HOST:PORT or --profile NAME, or set BACKTRACK_BOOTSTRAP");
        } finally {
            ConnectionOptions.environment = System::getenv;
        }
        ConnectionOptions.environment = name -> name.equals(ConnectionOptions.BOOTSTRAP_ENV) ? bootstrap : null;
        try {
            Run run = run("topics", "--format", "json");
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).contains("\"name\" : \"" + topic + "\"");
        } finally {
            ConnectionOptions.environment = System::getenv;
        }
    }

    @Test
    void topicsTable() {
        Run run = run("topics", "--bootstrap", bootstrap);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().lines()).first().asString().startsWith("TOPIC");
        assertThat(run.out()).containsPattern(topic + "\\s+2\\s+1\\s+22");
        assertThat(run.out()).doesNotContain("__consumer_offsets");
    }
}
