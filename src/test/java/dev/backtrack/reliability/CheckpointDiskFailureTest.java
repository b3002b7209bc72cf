package dev.backtrack.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.browse.PartitionRange;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.replay.Checkpoint;
import dev.backtrack.replay.ReplayPlan;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay checkpoint on a disk that cannot take it ({@link DiskFailureTest} covers a new {@code --checkpoint}).
 * A {@code --resume} whose checkpoint can be read but not rewritten fails before sending anything. A disk that
 * fills up in the middle of a replay (a 1 MB tmpfs, filled by the test: a real ENOSPC) stops the run with one
 * {@code backtrack:} line and no report (no claim of progress it could not persist), the checkpoint file still holds
 * its last saved point; a resume while the disk is still full or mounted read-only sends nothing, and once there is
 * space again the resume ends with the target equal to the source (exactly-once: count, per-partition checksums, no
 * duplicate). Mounting needs CAP_SYS_ADMIN; without it the tmpfs test is skipped, and the test that replaces the
 * checkpoint directory by a regular file mid-replay (idempotent mode: the resume reports its overlap) still covers
 * a checkpoint failing mid-way.
 */
@Timeout(240)
class CheckpointDiskFailureTest {
    private static final int RECORDS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String bootstrap = TestServers.bootstrap();
    private String source;
    private String target;

    @BeforeEach
    void topics() {
        source = TestTopics.create(bootstrap, "cpdisk-src", 2);
        target = TestTopics.create(bootstrap, "cpdisk-dst", 2);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        long base = System.currentTimeMillis() - 3_600_000;
        for (int i = 0; i < RECORDS; i++) {
            records.add(Records.record(source, i % 2, base + i, "k" + i, "{\"n\":" + i + "}", "trace", "t" + i));
        }
        Records.produce(bootstrap, records);
    }

    @Test
    void resumeWhoseCheckpointCannotBeRewrittenSendsNothing(@TempDir Path dir) throws Exception {
        // readable, but the temporary file next to it ("<name><random>.tmp") exceeds the 255-byte name limit, for root too
        Path checkpoint = dir.resolve("c".repeat(240) + ".json");
        freshCheckpoint().write(dir.resolve("short.json"));
        Files.move(dir.resolve("short.json"), checkpoint);
        assertThat(Checkpoint.read(checkpoint).complete()).isFalse();
        KafkaSide before = kafkaSide();
        for (boolean exactlyOnce : new boolean[] {false, true}) {
            RegistryOutageTest.Run run = RegistryOutageTest.run(replayArgs(exactlyOnce, "--resume", checkpoint.toString()));
            System.out.println("resume with an unwritable checkpoint" + (exactlyOnce ? " (exactly-once)" : "") + ": " + run);
            assertThat(run.exit()).as(run.toString()).isEqualTo(1);
            assertThat(RegistryOutageTest.oneLine(run.err())).startsWith("backtrack: cannot write checkpoint " + checkpoint);
            assertThat(run.out()).isEmpty();
        }
        assertThat(kafkaSide()).isEqualTo(before);
    }

    @Test
    void diskFillingUpMidReplayStopsWithoutClaimingProgressAndResumesExactly(@TempDir Path dir) throws Exception {
        Path disk = Files.createDirectories(dir.resolve("disk"));
        Assumptions.assumeTrue(command("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", disk.toString()) == 0,
                "mounting a small tmpfs needs CAP_SYS_ADMIN");
        try {
            Path checkpoint = disk.resolve("replay.checkpoint.json");
            CompletableFuture<RegistryOutageTest.Run> first = CompletableFuture.supplyAsync(() ->
                    RegistryOutageTest.run(replayArgs(true, "--checkpoint", checkpoint.toString(), "--rate", "2000")));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .failFast("the replay ended before the disk filled up", first::isDone)
                    // a checkpoint follows each polled batch (up to 2000 records) once --commit-every records were sent
                    .until(() -> durable(checkpoint) >= 2000);
            long atFill = durable(checkpoint);
            long filled = fill(disk);
            RegistryOutageTest.Run stopped = first.get(120, TimeUnit.SECONDS);
            System.out.println("disk full mid-replay (filled " + filled / 1024 + " KB with " + atFill + " records checkpointed): " + stopped);

            assertThat(stopped.exit()).as(stopped.toString()).isEqualTo(1);
            assertThat(stopped.out()).as("no report claims progress").isEmpty();
            assertThat(RegistryOutageTest.oneLine(stopped.err())).startsWith("backtrack: cannot write checkpoint " + checkpoint)
                    .contains("No space left on device")
                    .contains("the replay stopped, and checkpoint " + checkpoint + " still holds its last saved point");
            Checkpoint saved = Checkpoint.read(checkpoint);
            assertThat(saved.complete()).isFalse();
            long durable = saved.targets().stream().mapToLong(Checkpoint.TargetEntry::count).sum();
            List<RawRecord> committed = Records.readAll(bootstrap, target, IsolationLevel.READ_COMMITTED);
            assertThat(durable).isBetween(2000L, (long) RECORDS - 1);
            // the chunk committed before its checkpoint failed is on the target, beyond what the checkpoint counts
            assertThat((long) committed.size()).isGreaterThan(durable);
            try (var leftovers = Files.list(disk)) {
                assertThat(leftovers.map(p -> p.getFileName().toString())).as("no temporary file left behind")
                        .containsExactlyInAnyOrder("replay.checkpoint.json", "filler-65536", "filler-4096", "filler-1");
            }

            Map<String, Long> ends = kafkaSide().ends();
            RegistryOutageTest.Run whileFull = RegistryOutageTest.run(replayArgs(true, "--resume", checkpoint.toString()));
            assertThat(whileFull.exit()).as(whileFull.toString()).isEqualTo(1);
            assertThat(RegistryOutageTest.oneLine(whileFull.err())).startsWith("backtrack: cannot write checkpoint " + checkpoint)
                    .contains("No space left on device");
            assertThat(command("mount", "-o", "remount,ro", disk.toString())).isZero();
            RegistryOutageTest.Run readOnly = RegistryOutageTest.run(replayArgs(true, "--resume", checkpoint.toString()));
            assertThat(readOnly.exit()).as(readOnly.toString()).isEqualTo(1);
            assertThat(RegistryOutageTest.oneLine(readOnly.err())).startsWith("backtrack: cannot write checkpoint " + checkpoint)
                    .contains("Read-only file system");
            assertThat(kafkaSide().ends()).as("nothing sent while the checkpoint cannot be written").isEqualTo(ends);
            assertThat(Checkpoint.read(checkpoint)).isEqualTo(saved);

            assertThat(command("mount", "-o", "remount,rw", disk.toString())).isZero();
            for (int size : new int[] {65536, 4096, 1}) {
                Files.delete(disk.resolve("filler-" + size));
            }
            RegistryOutageTest.Run resumed = RegistryOutageTest.run(replayArgs(true, "--resume", checkpoint.toString()));
            assertThat(resumed.exit()).as(resumed.toString()).isZero();
            JsonNode report = JSON.readTree(resumed.out());
            System.out.println("resumed after freeing the disk: checkpoint had " + durable + ", committed " + committed.size()
                    + ", resume " + report.path("resume"));
            assertThat(report.path("status").asText()).isEqualTo("completed");
            assertThat(report.path("written").asLong()).isEqualTo(RECORDS);
            assertThat(report.path("resume").path("recovered").asLong()).isEqualTo(committed.size() - durable);
            assertThat(Checkpoint.read(checkpoint).complete()).isTrue();
            List<RawRecord> sourceRecords = Records.readAll(bootstrap, source, IsolationLevel.READ_COMMITTED);
            List<RawRecord> out = Records.readAll(bootstrap, target, IsolationLevel.READ_COMMITTED);
            assertThat(out).hasSize(RECORDS);
            assertThat(Records.checksums(out)).isEqualTo(Records.checksums(sourceRecords));
        } finally {
            command("umount", "-l", disk.toString());
        }
    }

    @Test
    void checkpointDirectoryTurningIntoAFileMidReplayStopsAndResumesWithTheReportedOverlap(@TempDir Path dir) throws Exception {
        // runs without privileges: the directory is renamed away and a regular file takes its name
        Path directory = Files.createDirectories(dir.resolve("checkpoints"));
        Path checkpoint = directory.resolve("replay.checkpoint.json");
        CompletableFuture<RegistryOutageTest.Run> first = CompletableFuture.supplyAsync(() ->
                RegistryOutageTest.run(replayArgs(false, "--checkpoint", checkpoint.toString(), "--rate", "2000")));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .failFast("the replay ended before the directory was replaced", first::isDone)
                .until(() -> durable(checkpoint) >= 2000);
        Path away = dir.resolve("checkpoints-away");
        Files.move(directory, away);
        Files.writeString(directory, "not a directory");
        RegistryOutageTest.Run stopped = first.get(120, TimeUnit.SECONDS);
        System.out.println("checkpoint directory replaced by a file mid-replay: " + stopped);

        assertThat(stopped.exit()).as(stopped.toString()).isEqualTo(1);
        assertThat(stopped.out()).as("no report claims progress").isEmpty();
        assertThat(RegistryOutageTest.oneLine(stopped.err())).startsWith("backtrack: cannot write checkpoint " + checkpoint + ": " + directory)
                .contains("the replay stopped, and checkpoint " + checkpoint + " still holds its last saved point");
        Files.delete(directory);
        Files.move(away, directory);
        Checkpoint saved = Checkpoint.read(checkpoint);
        assertThat(saved.complete()).isFalse();
        long durable = saved.targets().stream().mapToLong(Checkpoint.TargetEntry::count).sum();
        long onTarget = Records.readAll(bootstrap, target, IsolationLevel.READ_UNCOMMITTED).size();
        assertThat(durable).isBetween(2000L, (long) RECORDS - 1);
        assertThat(onTarget).as("the batch flushed before its checkpoint failed").isGreaterThan(durable);

        RegistryOutageTest.Run resumed = RegistryOutageTest.run(replayArgs(false, "--resume", checkpoint.toString()));
        assertThat(resumed.exit()).as(resumed.toString()).isZero();
        JsonNode report = JSON.readTree(resumed.out());
        System.out.println("resumed with the directory back: checkpoint had " + durable + ", target had " + onTarget + ", resume " + report.path("resume"));
        assertThat(report.path("status").asText()).isEqualTo("completed");
        long overlap = report.path("resume").path("overlap").asLong();
        assertThat(overlap).as("idempotent mode writes what followed the checkpoint again, and says so").isEqualTo(onTarget - durable);
        List<RawRecord> out = Records.readAll(bootstrap, target, IsolationLevel.READ_UNCOMMITTED);
        assertThat(out).hasSize(RECORDS + (int) overlap);
        Map<String, Integer> copies = new HashMap<>();
        out.forEach(r -> copies.merge(new String(r.value(), StandardCharsets.UTF_8), 1, Integer::sum));
        assertThat(copies).hasSize(RECORDS);
        assertThat(copies.values().stream().mapToLong(n -> n - 1).sum()).as("duplicates").isEqualTo(overlap);
    }

    private String[] replayArgs(boolean exactlyOnce, String... more) {
        List<String> args = new ArrayList<>(List.of("replay", source, "--to", target, "--bootstrap", bootstrap, "--commit-every", "1000", "--yes"));
        if (exactlyOnce) {
            args.add("--exactly-once");
        }
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** The checkpoint a replay of the whole source writes before it sends anything. */
    private Checkpoint freshCheckpoint() {
        List<PartitionRange> ranges = List.of(new PartitionRange(0, 0, RECORDS / 2), new PartitionRange(1, 0, RECORDS / 2));
        return new Checkpoint(Checkpoint.FORMAT, 1, ReplayPlan.newId(), source, target, false, ranges, Map.of(0, 0L, 1, 0L), 0,
                null, 0, List.of(), Map.of(), Map.of(0, 0L, 1, 0L), false, Instant.now());
    }

    /**
     * Fills the disk: big writes, then smaller ones in new files, down to single bytes (tmpfs with large folios refuses
     * a file's next large page while single pages are still free); returns the bytes written.
     */
    private static long fill(Path disk) {
        long written = 0;
        for (int size : new int[] {64 * 1024, 4096, 1}) {
            byte[] chunk = new byte[size];
            try (OutputStream out = Files.newOutputStream(disk.resolve("filler-" + size))) {
                while (true) {
                    out.write(chunk);
                    written += size;
                }
            } catch (IOException full) {
                assertThat(full.getMessage()).contains("No space left on device");
            }
        }
        return written;
    }

    private static long durable(Path checkpoint) {
        return KillMidReplayTest.durable(checkpoint);
    }

    private static int command(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
            if (exit != 0) {
                System.out.println(String.join(" ", command) + ": exit " + exit + " " + output.strip());
            }
            return exit;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** End offsets of both topics and the consumer groups of the cluster. */
    record KafkaSide(Map<String, Long> ends, Set<String> groups) {
    }

    private KafkaSide kafkaSide() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
            for (String t : List.of(source, target)) {
                for (int p = 0; p < 2; p++) {
                    specs.put(new TopicPartition(t, p), OffsetSpec.latest());
                }
            }
            Map<String, Long> ends = new TreeMap<>();
            admin.listOffsets(specs).all().get().forEach((tp, info) -> ends.put(tp.toString(), info.offset()));
            Set<String> groups = new TreeSet<>();
            admin.listConsumerGroups().all().get().stream().map(ConsumerGroupListing::groupId).forEach(groups::add);
            return new KafkaSide(ends, groups);
        }
    }
}
