package dev.backtrack.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.browse.Cancellation;
import dev.backtrack.browse.TopicTimeline;
import dev.backtrack.cli.Main;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile data end to end through the CLI (the unit-level cases - malformed profile files, CEL compile errors,
 * corrupt payloads - are covered in ProfileStoreTest, CelFilterTest and HostileRecordsTest): a 10 MB record among
 * small ones survives browse, export, import and replay byte for byte; keys that are not UTF-8 and keys and
 * header names full of control characters (NUL, BEL, ESC sequences, CR/LF) keep every JSONL line one valid JSON
 * object, never reach the table output raw, and replay unchanged; an invalid CEL filter is one clear line; a
 * topic with 1 000 partitions browses its first page and samples its timeline within a bounded time.
 */
@Timeout(300)
class HostileDataEndToEndTest {
    // a 10 MB value is shown as 20 MB of hex: above Jackson's default 20 M-character string limit
    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder().maxStringLength(64 * 1024 * 1024).build()).build());
    private final String bootstrap = TestServers.bootstrap();

    @Test
    void tenMegabyteRecordSurvivesBrowseExportImportAndReplay(@TempDir Path dir) throws Exception {
        String source = TestTopics.create(bootstrap, "big-src", 1);
        byte[] big = new byte[10 * 1024 * 1024];
        new java.util.SplittableRandom(42).nextBytes(big);
        List<ProducerRecord<byte[], byte[]>> records = List.of(
                Records.record(source, 0, System.currentTimeMillis(), "before", "{\"n\":1}"),
                new ProducerRecord<>(source, 0, System.currentTimeMillis(), "big".getBytes(StandardCharsets.UTF_8), big),
                Records.record(source, 0, System.currentTimeMillis(), "after", "{\"n\":3}"));
        Records.produce(bootstrap, records);

        Run browse = run("browse", source, "--bootstrap", bootstrap, "--limit", "10");
        assertThat(browse.exit()).as(browse.err()).isZero();
        List<JsonNode> lines = jsonl(browse.out());
        assertThat(lines).extracting(j -> j.path("key").asText()).containsExactly("before", "big", "after");
        assertThat(lines.get(1).path("valueSize").asInt()).isEqualTo(big.length);
        assertThat(lines.get(2).path("value").path("n").asInt()).isEqualTo(3);

        Path archive = dir.resolve("big.jsonl");
        Run export = run("export", source, "--bootstrap", bootstrap, "--output", archive.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        String imported = TestTopics.unique("big-imp");
        Run imp = run("import", archive.toString(), "--to", imported, "--bootstrap", bootstrap, "--create-target", "--verify", "--yes");
        assertThat(imp.exit()).as(imp.err()).isZero();
        String replayed = TestTopics.create(bootstrap, "big-dst", 1);
        Run replay = run("replay", source, "--to", replayed, "--bootstrap", bootstrap, "--verify", "--yes");
        assertThat(replay.exit()).as(replay.err()).isZero();
        List<RawRecord> original = Records.readAll(bootstrap, source, IsolationLevel.READ_COMMITTED);
        for (String copy : List.of(imported, replayed)) {
            List<RawRecord> copied = Records.readAll(bootstrap, copy, IsolationLevel.READ_COMMITTED);
            assertThat(Records.checksums(copied)).as(copy).isEqualTo(Records.checksums(original));
            assertThat(copied.get(1).value()).isEqualTo(big);
        }
    }

    @Test
    void controlCharactersAndNonUtf8KeepEveryLineValidAndReplayUnchanged() throws Exception {
        String source = TestTopics.create(bootstrap, "ctl-src", 1);
        byte[] binaryKey = {(byte) 0xff, (byte) 0xfe, 0x00, 0x1b, '[', '3', '1', 'm', '\n', (byte) 0xc3};
        String evilName = "x\u0000\u0007\u001b[2J\r\nforged: header\u007f\u202e";
        List<org.apache.kafka.common.header.Header> headers = List.of(new RecordHeader(evilName, "\u001b]0;pwned\u0007\n".getBytes(StandardCharsets.UTF_8)),
                new RecordHeader("bin", new byte[] {(byte) 0xc0, (byte) 0x80, 0x00}), new RecordHeader("\r\n", (byte[]) null));
        Records.produce(bootstrap, List.of(
                new ProducerRecord<>(source, 0, System.currentTimeMillis(), binaryKey, "line1\nline2\u001b[0m".getBytes(StandardCharsets.UTF_8), headers),
                new ProducerRecord<>(source, 0, System.currentTimeMillis(), evilName.getBytes(StandardCharsets.UTF_8), "{\"ok\":true}".getBytes(StandardCharsets.UTF_8),
                        headers),
                Records.record(source, 0, System.currentTimeMillis(), "plain", "{\"ok\":1}")));

        Run browse = run("browse", source, "--bootstrap", bootstrap, "--limit", "10");
        assertThat(browse.exit()).as(browse.err()).isZero();
        List<JsonNode> lines = jsonl(browse.out());
        assertThat(lines).hasSize(3);
        // text with control characters is shown as hex, losslessly
        assertThat(lines.get(1).path("key").asText()).isEqualTo(java.util.HexFormat.of().formatHex(evilName.getBytes(StandardCharsets.UTF_8)));
        assertThat(lines.get(0).path("headers").has(evilName)).isTrue();
        assertThat(lines.get(2).path("value").path("ok").asInt()).isEqualTo(1);

        Run table = run("browse", source, "--bootstrap", bootstrap, "--limit", "10", "--format", "table");
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out()).as("no raw control character reaches the terminal").doesNotContain("\u001b").doesNotContain("\u0007")
                .doesNotContain("\u0000");

        String target = TestTopics.create(bootstrap, "ctl-dst", 1);
        Run replay = run("replay", source, "--to", target, "--bootstrap", bootstrap, "--verify", "--yes");
        assertThat(replay.exit()).as(replay.err()).isZero();
        List<RawRecord> copied = Records.readAll(bootstrap, target, IsolationLevel.READ_COMMITTED);
        List<RawRecord> original = Records.readAll(bootstrap, source, IsolationLevel.READ_COMMITTED);
        assertThat(Records.checksums(copied)).isEqualTo(Records.checksums(original));
        assertThat(copied.getFirst().key()).isEqualTo(binaryKey);
        assertThat(Records.withoutProvenance(copied.getFirst().headers())).extracting(RawHeader::key).containsExactly(evilName, "bin", "\r\n");

        Run badCel = run("browse", source, "--bootstrap", bootstrap, "--filter", "value.ok == ");
        assertThat(badCel.exit()).isIn(1, 2);
        assertThat(badCel.err().lines().filter(l -> l.startsWith("backtrack: ")).count()).as(badCel.err()).isEqualTo(1);
        assertThat(badCel.out()).isEmpty();
    }

    @Test
    void thousandPartitionsBrowseFirstPageAndTimeline() throws Exception {
        String topic = TestTopics.create(bootstrap, "wide", 1000);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (int p = 0; p < 1000; p += 7) {
            records.add(Records.record(topic, p, now - 60_000 + p, "p" + p, "{\"p\":" + p + "}"));
        }
        Records.produce(bootstrap, records);

        long start = System.nanoTime();
        Run first = run("browse", topic, "--bootstrap", bootstrap, "--limit", "50");
        Duration browseTook = Duration.ofNanos(System.nanoTime() - start);
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(jsonl(first.out())).hasSize(50);
        Run last = run("browse", topic, "--bootstrap", bootstrap, "--last", "5");
        assertThat(last.exit()).as(last.err()).isZero();
        assertThat(jsonl(last.out())).extracting(j -> j.path("key").asText()).contains("p994");

        start = System.nanoTime();
        TopicTimeline.Timeline timeline;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            timeline = TopicTimeline.sample(admin, topic, 20, Cancellation.none());
        }
        Duration timelineTook = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("1000 partitions: first page in " + browseTook.toMillis() + " ms, timeline in " + timelineTook.toMillis()
                + " ms, estimated " + timeline.estimatedRecords() + " records");
        assertThat(timeline.counts().keySet()).hasSize(1000);
        assertThat(timeline.buckets()).isEqualTo(20);
        long total = 0;
        for (int b = 0; b < timeline.buckets(); b++) {
            total += timeline.total(b);
        }
        assertThat(total).isEqualTo(records.size());
        assertThat(browseTook).isLessThan(Duration.ofSeconds(60));
        assertThat(timelineTook).isLessThan(Duration.ofSeconds(60));
    }

    private static List<JsonNode> jsonl(String out) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.split("\n", -1)) {
            if (!line.isEmpty()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }
}
