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
}
