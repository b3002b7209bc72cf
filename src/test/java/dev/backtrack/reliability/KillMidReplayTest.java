package dev.backtrack.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.replay.Checkpoint;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real CLI ({@code backtrack replay ... --checkpoint FILE --yes}) runs in a child JVM, is SIGKILLed once its
 * checkpoint shows progress (no shutdown hook, no flush, an open transaction left behind), and is resumed with
 * {@code --resume FILE}. Exactly-once: the target equals the source exactly (count, per-partition order-sensitive
 * SHA-256, no duplicate). Idempotent: nothing is lost and the overlap the report states is exactly the number of
 * duplicates on the target.
 */
@Timeout(300)
class KillMidReplayTest {
    private static final int RECORDS = Integer.getInteger("backtrack.reliability.killRecords", 12_000);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String bootstrap = TestServers.bootstrap();

    @Test
    void exactlyOnceReplayKilledAndResumedEqualsTheSource(@TempDir Path dir) throws Exception {
        Outcome o = killAndResume(dir, true);
        List<RawRecord> target = Records.readAll(bootstrap, o.target(), IsolationLevel.READ_COMMITTED);
        assertThat(target).hasSize(o.source().size());
        assertThat(Records.checksums(target)).isEqualTo(Records.checksums(o.source()));
        assertThat(duplicates(target)).isZero();
        assertThat(o.report().path("status").asText()).isEqualTo("completed");
        assertThat(o.report().path("failed").asLong()).isZero();
        // what the killed run committed after its last checkpoint was recognised, not written again
        assertThat(o.report().path("resume").path("overlap").asLong()).isZero();
    }

    @Test
    void idempotentReplayKilledAndResumedLosesNothingAndReportsItsOverlap(@TempDir Path dir) throws Exception {
        Outcome o = killAndResume(dir, false);
        List<RawRecord> target = Records.readAll(bootstrap, o.target(), IsolationLevel.READ_UNCOMMITTED);
        long overlap = o.report().path("resume").path("overlap").asLong(-1);
        assertThat(overlap).as("killed with records beyond the checkpoint on the target").isPositive();
        assertThat(target).hasSize(o.source().size() + (int) overlap);
        assertThat(distinctValues(target)).isEqualTo(o.source().size());
        assertThat(duplicates(target)).isEqualTo(overlap);
        assertThat(o.report().path("status").asText()).isEqualTo("completed");
        assertThat(o.report().path("warnings").toString()).contains("written again");
    }

    private record Outcome(String target, List<RawRecord> source, JsonNode report) {
    }

    private Outcome killAndResume(Path dir, boolean exactlyOnce) throws Exception {
        String source = TestTopics.create(bootstrap, "kill-src", 2);
        String target = TestTopics.create(bootstrap, "kill-dst", 2);
        long base = System.currentTimeMillis() - 3_600_000;
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            records.add(Records.record(source, i % 2, base + i, "k" + i, "{\"n\":" + i + "}", "trace", "t" + i));
        }
        Records.produce(bootstrap, records);
        List<RawRecord> sourceRecords = Records.readAll(bootstrap, source, IsolationLevel.READ_COMMITTED);
        assertThat(sourceRecords).hasSize(RECORDS);

        Path checkpoint = dir.resolve("replay.checkpoint.json");
        List<String> args = new ArrayList<>(List.of("replay", source, "--to", target, "--bootstrap", bootstrap,
                "--commit-every", "1000", "--rate", String.valueOf(RECORDS / 6), "--yes"));
        if (exactlyOnce) {
            args.add("--exactly-once");
        }
        List<String> first = new ArrayList<>(args);
        first.addAll(List.of("--checkpoint", checkpoint.toString()));
        long killedAt;
        long aheadAtKill;
        try (ChildCli run = ChildCli.start(dir, "first", first.toArray(String[]::new));
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            // kill between two checkpoints: records beyond the checkpoint are already on the target (idempotent) or in
            // the open transaction (exactly-once), so resume has to deal with them
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                    .failFast("the replay ended before it could be killed", () -> !run.isAlive())
                    .until(() -> durable(checkpoint) >= RECORDS / 4 && ahead(admin, target, durable(checkpoint), exactlyOnce) >= 50);
            run.kill();
            killedAt = durable(checkpoint);
            aheadAtKill = ahead(admin, target, killedAt, exactlyOnce);
            assertThat(run.process().exitValue()).as("killed by SIGKILL").isEqualTo(137);
        }
        assertThat(killedAt).isLessThan(RECORDS);
        assertThat(aheadAtKill).as("records on the target beyond the checkpoint at the kill").isPositive();
        assertThat(Checkpoint.read(checkpoint).complete()).isFalse();

        List<String> second = new ArrayList<>(args);
        second.addAll(List.of("--resume", checkpoint.toString()));
        try (ChildCli resume = ChildCli.start(dir, "resume", second.toArray(String[]::new))) {
            int exit = resume.await(180);
            assertThat(exit).as(resume.err()).isZero();
            JsonNode report = JSON.readTree(resume.out());
            System.out.println("kill-resume " + (exactlyOnce ? "exactly-once" : "idempotent") + ": killed with " + killedAt
                    + " checkpointed of " + RECORDS + " and ~" + aheadAtKill + " more on the target; resume " + report.path("resume"));
            return new Outcome(target, sourceRecords, report);
        }
    }

    /** Records the checkpoint counts as durable on the target; 0 before the first checkpoint. */
    /** Records the checkpoint counts as durable on the target; 0 while it does not exist or is being replaced. */
    static long durable(Path checkpoint) {
        if (!Files.exists(checkpoint)) {
            return 0;
        }
        try {
            return Checkpoint.read(checkpoint).targets().stream().mapToLong(Checkpoint.TargetEntry::count).sum();
        } catch (RuntimeException replacedWhileReading) {
            return 0;
        }
    }

    /**
     * How far the target's log end is beyond the checkpointed count; in exactly-once mode each commit also took one
     * offset per partition for its marker, which is subtracted (an estimate that errs low).
     */
    private static long ahead(Admin admin, String target, long durable, boolean exactlyOnce) throws Exception {
        Map<TopicPartition, OffsetSpec> specs = Map.of(new TopicPartition(target, 0), OffsetSpec.latest(), new TopicPartition(target, 1), OffsetSpec.latest());
        long end = admin.listOffsets(specs).all().get().values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
        long markers = exactlyOnce ? 2 * (durable / 1000 + 1) : 0;
        return end - markers - durable;
    }

    private static long distinctValues(List<RawRecord> records) {
        return records.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).distinct().count();
    }

    private static long duplicates(List<RawRecord> records) {
        Map<String, Integer> copies = new HashMap<>();
        records.forEach(r -> copies.merge(new String(r.value(), StandardCharsets.UTF_8), 1, Integer::sum));
        return copies.values().stream().mapToLong(n -> n - 1).sum();
    }
}
