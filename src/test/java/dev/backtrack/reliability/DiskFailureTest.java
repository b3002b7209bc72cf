package dev.backtrack.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.cli.Main;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export and replay checkpoints to a place that cannot be written. CI runs as root, which ignores POSIX
 * permissions, so a read-only directory proves nothing there; these failures hold for root too: {@code /dev/full}
 * (every write fails with ENOSPC, a real "disk full"), a path below a regular file (ENOTDIR) and a file name of
 * 300 bytes (ENAMETOOLONG). Each must end in one clear {@code backtrack:} line with exit 1, and nothing on the
 * Kafka side may change: no record written, no consumer group created, end offsets unchanged.
 */
@Timeout(240)
class DiskFailureTest {
    private final String bootstrap = TestServers.bootstrap();
    private String source;
    private String target;

    @BeforeEach
    void topics() {
        source = TestTopics.create(bootstrap, "disk-src", 2);
        target = TestTopics.create(bootstrap, "disk-dst", 2);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            records.add(Records.record(source, i % 2, System.currentTimeMillis(), "k" + i, "{\"n\":" + i + ",\"pad\":\"" + "y".repeat(200) + "\"}"));
        }
        Records.produce(bootstrap, records);
    }

    @Test
    void exportToAFullDiskFailsClearly() throws Exception {
        assertThat(Files.isWritable(Path.of("/dev/full"))).as("/dev/full exists on Linux").isTrue();
        KafkaSide before = kafkaSide();
        Run run = run("export", source, "--bootstrap", bootstrap, "--output", "/dev/full");
        System.out.println("export to /dev/full: " + run);
        assertFailedClearly(run, "No space left on device");
        assertThat(kafkaSide()).isEqualTo(before);
    }

    @Test
    void exportBelowARegularFileOrWithATooLongNameFailsClearly(@TempDir Path dir) throws Exception {
        Path regular = Files.writeString(dir.resolve("not-a-directory"), "x");
        KafkaSide before = kafkaSide();
        for (Path output : List.of(regular.resolve("export.jsonl"), dir.resolve("e".repeat(300) + ".jsonl"))) {
            Run run = run("export", source, "--bootstrap", bootstrap, "--output", output.toString());
            System.out.println("export to " + output + ": " + run);
            assertFailedClearly(run, output.getFileName().toString().substring(0, 10));
            assertThat(Files.exists(output)).isFalse();
        }
        assertThat(Files.readString(regular)).isEqualTo("x");
        assertThat(kafkaSide()).isEqualTo(before);
    }

    @Test
    void replayWithAnUnwritableCheckpointWritesNothingToKafka(@TempDir Path dir) throws Exception {
        Path regular = Files.writeString(dir.resolve("not-a-directory"), "x");
        KafkaSide before = kafkaSide();
        for (Path checkpoint : List.of(regular.resolve("cp.json"), dir.resolve("c".repeat(300) + ".json"))) {
            for (boolean exactlyOnce : new boolean[] {false, true}) {
                List<String> args = new ArrayList<>(List.of("replay", source, "--to", target, "--bootstrap", bootstrap, "--checkpoint",
                        checkpoint.toString(), "--yes"));
                if (exactlyOnce) {
                    args.add("--exactly-once");
                }
                Run run = run(args.toArray(String[]::new));
                System.out.println("replay with checkpoint " + checkpoint + (exactlyOnce ? " (exactly-once)" : "") + ": " + run);
                assertFailedClearly(run, "checkpoint");
            }
        }
        assertThat(kafkaSide()).isEqualTo(before);
    }

    private static void assertFailedClearly(Run run, String mentions) {
        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(dev.backtrack.testing.StderrLines.oneMessage(run.err())).startsWith("backtrack: ").contains(mentions);
        assertThat(run.out()).isEmpty();
    }

    /** End offsets of both topics and the consumer groups of the cluster. */
    record KafkaSide(Map<String, Long> ends, Set<String> groups) {
    }

    private KafkaSide kafkaSide() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetSpec> specs = new java.util.HashMap<>();
            for (String t : List.of(source, target)) {
                for (int p = 0; p < 2; p++) {
                    specs.put(new TopicPartition(t, p), OffsetSpec.latest());
                }
            }
            Map<String, Long> ends = new TreeMap<>();
            admin.listOffsets(specs).all().get().forEach((tp, info) -> ends.put(tp.toString(), info.offset()));
            Set<String> groups = new java.util.TreeSet<>();
            admin.listConsumerGroups().all().get().stream().map(ConsumerGroupListing::groupId).forEach(groups::add);
            return new KafkaSide(ends, groups);
        }
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
