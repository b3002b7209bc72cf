package dev.backtrack.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.archive.ArchiveEntry;
import dev.backtrack.archive.ArchiveReader;
import dev.backtrack.cli.Main;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agreement with kcat (librdkafka, C; the Debian package CI installs): records kcat produced (keys, repeated
 * headers, UTF-8, empty and NULL values, broker-stamped CreateTime) look the same in {@code backtrack browse}
 * and {@code backtrack export}; after {@code backtrack replay}, {@code kcat -C -J} on the target shows the same
 * partitions, order, keys, values, headers (plus Backtrack's provenance headers) and timestamps as on the source.
 */
@Timeout(240)
class KcatInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String bootstrap = TestServers.bootstrap();

    /** One kcat envelope (-J), reduced to what must survive: partition, key, payload, headers, ts, tstype. */
    record Seen(int partition, long offset, String key, String payload, List<String> headers, long ts, String tstype) {
    }

    @Test
    void kcatRecordsBrowseExportAndReplayIdentically(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/kcat")), "kcat is not installed (CI installs it with apt)");
        String source = TestTopics.create(bootstrap, "kcat-src", 2);
        kcatProduce(source, 0, List.of("-H", "trace=abc", "-H", "trace=def", "-H", "lang=\u00e9\u4e2d"),
                "k0\t{\"n\":0,\"s\":\"caf\u00e9\"}\nk1\tplain text one\nk2\t\n");
        kcatProduce(source, 1, List.of("-H", "only=1", "-Z"), "k3\t{\"n\":3}\nk4\t\n");
        Map<String, Seen> src = kcatConsume(source, 5);
        assertThat(src.get("k0").headers()).containsExactly("trace", "abc", "trace", "def", "lang", "\u00e9\u4e2d");
        assertThat(src.get("k4").payload()).as("-Z sends an empty value as NULL").isNull();

        // browse: every record as kcat saw it
        Cli browse = cli("browse", source, "--bootstrap", bootstrap, "--order", "partition", "--limit", "100");
        assertThat(browse.exit()).as(browse.err()).isZero();
        List<String> lines = browse.out().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).hasSize(5);
        for (String line : lines) {
            JsonNode b = JSON.readTree(line);
            Seen k = src.get(b.path("key").asText());
            assertThat(b.path("partition").asInt()).isEqualTo(k.partition());
            assertThat(b.path("offset").asLong()).isEqualTo(k.offset());
            assertThat(Instant.parse(b.path("timestamp").asText()).toEpochMilli()).isEqualTo(k.ts());
            assertThat(b.path("timestampType").asText()).isEqualTo("CreateTime");
            assertThat(k.tstype()).isEqualTo("create");
            JsonNode value = b.path("value");
            if (k.payload() == null) {
                assertThat(value.isNull()).isTrue();
            } else if (b.path("valueFormat").asText().equals("JSON")) {
                assertThat(value).isEqualTo(JSON.readTree(k.payload()));
            } else {
                assertThat(value.asText()).isEqualTo(k.payload());
            }
            assertThat(flatten(b.path("headers"))).isEqualTo(k.headers());
        }

        // export: the lossless archive holds kcat's exact bytes
        Path archive = dir.resolve("kcat.jsonl");
        Cli export = cli("export", source, "--bootstrap", bootstrap, "--output", archive.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        List<RawRecord> exported = new ArrayList<>();
        try (ArchiveReader reader = ArchiveReader.open(archive)) {
            ArchiveEntry e;
            while ((e = reader.next()) != null) {
                exported.add(e.raw());
            }
        }
        assertThat(exported).hasSize(5);
        for (RawRecord r : exported) {
            Seen k = src.get(new String(r.key(), StandardCharsets.UTF_8));
            assertThat(seen(r)).isEqualTo(k);
        }

        // replay, then read the target with kcat
        String target = TestTopics.create(bootstrap, "kcat-dst", 2);
        Cli replay = cli("replay", source, "--to", target, "--bootstrap", bootstrap, "--yes");
        assertThat(replay.exit()).as(replay.err()).isZero();
        Map<String, Seen> dst = kcatConsume(target, 5);
        for (Map.Entry<String, Seen> e : src.entrySet()) {
            Seen copy = dst.get(e.getKey());
            assertThat(copy.headers().stream().filter(h -> h.startsWith(Records.PROVENANCE_PREFIX)).count())
                    .as("provenance headers added by replay").isPositive();
            Seen withoutProvenance = new Seen(copy.partition(), copy.offset(), copy.key(), copy.payload(), withoutProvenance(copy.headers()),
                    copy.ts(), copy.tstype());
            assertThat(withoutProvenance).isEqualTo(e.getValue());
        }
    }

    private static Seen seen(RawRecord r) {
        List<String> headers = new ArrayList<>();
        for (RawHeader h : r.headers()) {
            headers.add(h.key());
            headers.add(h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        return new Seen(r.partition(), r.offset(), r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8),
                r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8), headers, r.timestamp(),
                r.timestampType().name.equals("CreateTime") ? "create" : "logappend");
    }

    private static List<String> withoutProvenance(List<String> pairs) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i += 2) {
            if (!pairs.get(i).startsWith(Records.PROVENANCE_PREFIX)) {
                out.add(pairs.get(i));
                out.add(pairs.get(i + 1));
            }
        }
        return out;
    }

    /** Backtrack's header object (name → text, or an array for a repeated name) as kcat's flat name/value list. */
    private static List<String> flatten(JsonNode headers) {
        List<String> out = new ArrayList<>();
        headers.fields().forEachRemaining(e -> {
            List<JsonNode> values = new ArrayList<>();
            if (e.getValue().isArray()) {
                e.getValue().forEach(values::add);
            } else {
                values.add(e.getValue());
            }
            for (JsonNode v : values) {
                out.add(e.getKey());
                out.add(v.isNull() ? null : v.asText());
            }
        });
        return out;
    }

    private void kcatProduce(String topic, int partition, List<String> options, String input) throws Exception {
        List<String> command = new ArrayList<>(List.of("kcat", "-P", "-b", bootstrap, "-t", topic, "-p", String.valueOf(partition), "-K", "\t"));
        command.addAll(options);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
    }

    /** kcat -C -J -e: every record of the topic, by key. */
    private Map<String, Seen> kcatConsume(String topic, int expected) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("kcat", "-C", "-b", bootstrap, "-t", topic, "-J", "-e", "-q", "-o", "beginning").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        Map<String, Seen> byKey = new TreeMap<>();
        for (String line : out.lines().filter(l -> !l.isBlank()).toList()) {
            JsonNode j = JSON.readTree(line);
            List<String> headers = new ArrayList<>();
            j.path("headers").forEach(h -> headers.add(h.isNull() ? null : h.asText()));
            byKey.put(j.path("key").asText(), new Seen(j.path("partition").asInt(), j.path("offset").asLong(), j.path("key").asText(),
                    j.path("payload").isNull() ? null : j.path("payload").asText(), headers, j.path("ts").asLong(), j.path("tstype").asText()));
        }
        assertThat(byKey).as(out).hasSize(expected);
        return byKey;
    }

    record Cli(int exit, String out, String err) {
    }

    private static Cli cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Cli(exit, out.toString(), err.toString());
    }
}
