package dev.backtrack.replay;

import static dev.backtrack.replay.ReplayFixtures.readAll;
import static dev.backtrack.replay.ReplayFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.browse.Cancellation;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.kafka.WriteGuard;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Idempotent mode: a cancelled replay resumes from its checkpoint, loses nothing, and reports its bounded overlap. */
@Timeout(240)
class ReplayResumeTest {
    private final String bootstrap = TestServers.bootstrap();

    @Test
    void idempotentResumeLosesNothingAndReportsTheOverlap(@TempDir Path dir) {
        String source = TestTopics.create(bootstrap, "idem-src", 2);
        long base = System.currentTimeMillis() - 60_000;
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 6000; i++) {
            records.add(record(source, i % 2, base + i, "k" + i, "v" + i));
        }
        ReplayFixtures.produce(bootstrap, records);
        String target = TestTopics.create(bootstrap, "idem-dst", 2);
        Path checkpoint = dir.resolve("cp.json");
        Cancellation cancel = new Cancellation();
        ReplayPlan plan = ReplayPlan.of(ReplayFixtures.source(bootstrap, source, ReplayRange.ALL), ReplayFixtures.target(bootstrap, target))
                .withCheckpointEvery(500).withPace(new Pace.RateLimit(3000)).withCheckpoint(checkpoint);
        ReplayReport first = new ReplayRunner(WriteGuard.REFUSE_PROTECTED, p -> {
            if (p.sent() >= 2500) {
                cancel.cancel();
            }
        }).run(plan, cancel);
        assertThat(first.status()).isEqualTo(ReplayReport.CANCELLED);
        long afterFirst = readAll(bootstrap, target).size();
        long checkpointed = Checkpoint.read(checkpoint).targets().stream().mapToLong(Checkpoint.TargetEntry::count).sum();
        assertThat(afterFirst).isLessThan(6000).isGreaterThanOrEqualTo(checkpointed);

        ReplayReport resumed = new ReplayRunner(WriteGuard.REFUSE_PROTECTED, SendListener.NONE).run(plan, Cancellation.none());
        assertThat(resumed.status()).isEqualTo(ReplayReport.COMPLETED);
        long overlap = resumed.resume().overlap();
        assertThat(overlap).isEqualTo(afterFirst - checkpointed);
        List<RawRecord> out = readAll(bootstrap, target);
        assertThat(out).hasSize((int) (6000 + overlap));
        Map<String, Integer> copies = new HashMap<>();
        out.forEach(r -> copies.merge(new String(r.value()), 1, Integer::sum));
        assertThat(copies).hasSize(6000);
        assertThat(copies.values().stream().filter(n -> n > 1).count()).isEqualTo(overlap);
        assertThat(resumed.warnings()).anySatisfy(w -> assertThat(w).contains("written again"));
    }

    /**
     * Records are mapped on the reader's thread, ahead of sending: the round-robin counter a checkpoint carries must
     * be the one after the records sent, not after those mapped ahead, or a resume would shift every placement.
     */
    @Test
    void roundRobinPlacementContinuesAcrossACancelAndResume(@TempDir Path dir) {
        String source = TestTopics.create(bootstrap, "rr-src", 1);
        long base = System.currentTimeMillis() - 60_000;
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        String padding = ":" + "x".repeat(2000); // 6 MB in all: the reader gets it in several fetches, so several batches
        for (int i = 0; i < 3000; i++) {
            records.add(record(source, 0, base + i, "k" + i, i + padding));
        }
        ReplayFixtures.produce(bootstrap, records);
        String target = TestTopics.create(bootstrap, "rr-dst", 3);
        Path checkpoint = dir.resolve("cp.json");
        Cancellation cancel = new Cancellation();
        ReplayPlan plan = ReplayPlan.of(ReplayFixtures.source(bootstrap, source, ReplayRange.ALL), ReplayFixtures.target(bootstrap, target))
                .withMapping(PartitionMapping.ROUND_ROBIN).withExactlyOnce(200).withPace(new Pace.RateLimit(3000)).withCheckpoint(checkpoint);
        ReplayReport first = new ReplayRunner(WriteGuard.REFUSE_PROTECTED, p -> {
            if (p.sent() >= 1100) {
                cancel.cancel();
            }
        }).run(plan, cancel);
        assertThat(first.status()).isEqualTo(ReplayReport.CANCELLED);
        long checkpointed = Checkpoint.read(checkpoint).targets().stream().mapToLong(Checkpoint.TargetEntry::count).sum();
        assertThat(checkpointed).isBetween(200L, 2800L);
        // every record sent moved the counter once: the checkpoint's counter is the count of records durable
        assertThat(Checkpoint.read(checkpoint).roundRobin()).isEqualTo(checkpointed);

        ReplayReport resumed = new ReplayRunner(WriteGuard.REFUSE_PROTECTED, SendListener.NONE).run(plan, Cancellation.none());
        assertThat(resumed.status()).isEqualTo(ReplayReport.COMPLETED);
        List<RawRecord> out = readAll(bootstrap, target, org.apache.kafka.common.IsolationLevel.READ_COMMITTED);
        assertThat(out).hasSize(3000);
        // source record i is the i-th sent, so round-robin puts it on partition i % 3, before and after the resume
        assertThat(out).allSatisfy(r -> {
            int i = Integer.parseInt(new String(r.value()).substring(0, new String(r.value()).indexOf(':')));
            assertThat(r.partition()).as("record %d", i).isEqualTo(i % 3);
        });
    }
}
