package dev.backtrack.replay;

import static dev.backtrack.replay.ReplayFixtures.readAll;
import static dev.backtrack.replay.ReplayFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.browse.Cancellation;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.kafka.WriteGuard;
import dev.backtrack.testing.ProduceQuota;
import dev.backtrack.testing.RecordingWriteGuard;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An idempotent replay whose acknowledgements time out: an idempotent producer cannot know whether such a record
 * reached the log, so the verify step reads the target back and tells the records written all the same from those
 * that were not.
 */
@Timeout(180)
class ReplayTimeoutTest {
    private final String bootstrap = TestServers.bootstrap();

    @Test
    void theVerifyFindsRecordsWrittenWithoutAnAcknowledgementInTimeAndCountsThemAsWritten() throws Exception {
        int records = 2_000;
        String source = TestTopics.create(bootstrap, "slow-src", 2);
        long base = System.currentTimeMillis() - 60_000;
        List<ProducerRecord<byte[], byte[]>> produced = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            produced.add(record(source, i % 2, base + i, "k" + i, "{\"n\":" + i + "}", "app.kind", "order"));
        }
        ReplayFixtures.produce(bootstrap, produced);
        String target = TestTopics.create(bootstrap, "slow-dst", 2);
        // a produce quota of 1 000 bytes/s for the replay's client id: the broker writes what the first requests carry
        // but holds their answers back, so the producers time them out; the batches behind them are never sent
        String clientId = "replay-throttled-" + System.nanoTime();
        ReplayReport report;
        RecordingWriteGuard audit = new RecordingWriteGuard();
        try (ProduceQuota quota = ProduceQuota.of(bootstrap, clientId, 1_000)) {
            ReplayRunner throttled = new ReplayRunner(audit, SendListener.NONE, Map.of("client.id", clientId,
                    "linger.ms", 0, "batch.size", 1024, "request.timeout.ms", 1_000, "delivery.timeout.ms", 1_500));
            ReplayPlan plan = ReplayPlan.of(ReplayFixtures.source(bootstrap, source, ReplayRange.ALL), ReplayFixtures.target(bootstrap, target))
                    .withVerify(true);
            report = throttled.run(plan, Cancellation.none());
        }
        List<RawRecord> onTarget = readAll(bootstrap, target);
        Set<String> sourcesOnTarget = onTarget.stream()
                .map(r -> new String(r.lastHeader(HeaderPolicy.SOURCE_HEADER).value(), StandardCharsets.UTF_8)).collect(Collectors.toSet());
        long acknowledged = report.targets().stream().mapToLong(ReplayReport.TargetPartitionReport::written).sum();
        System.out.println("throttled replay: " + report.sent() + " sent, " + acknowledged + " acknowledged, "
                + report.landedWithoutAcknowledgement() + " written without an acknowledgement, " + report.failed() + " not written; "
                + onTarget.size() + " on the target; " + report.warnings());
        // the premise: some records timed out and were not written, others timed out and were written all the same
        assertThat(report.failed()).as("timed out and not written").isPositive();
        assertThat(report.landedWithoutAcknowledgement()).as("timed out and written all the same").isPositive();
        assertThat(onTarget).hasSize((int) sourcesOnTarget.size());
        assertThat(report.written()).isEqualTo(onTarget.size()).isEqualTo(acknowledged + report.landedWithoutAcknowledgement());
        assertThat(report.written() + report.failed()).isEqualTo(records);
        // what was acknowledged is on the target as the sender counted it
        assertThat(report.verified()).isTrue();
        assertThat(report.targets()).allSatisfy(t -> assertThat(t.verifiedCount()).isEqualTo(t.written()));
        assertThat(report.failures()).isNotEmpty().allSatisfy(f -> assertThat(sourcesOnTarget).doesNotContain(f.source().coordinates()));
        assertThat(report.warnings()).contains((report.failed() + report.landedWithoutAcknowledgement())
                + " record(s) failed for want of an acknowledgement in time; reading the target back found "
                + report.landedWithoutAcknowledgement() + " of them written all the same (counted as written) and " + report.failed()
                + " not written");
        // the audit entry, written once verified, carries the same figures and the verification
        ReplayReport done = report;
        assertThat(audit.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.outcome()).isEqualTo(WriteGuard.WRITTEN);
            assertThat(entry.topic()).isEqualTo(target);
            assertThat(entry.details()).containsEntry("written", done.written()).containsEntry("failed", done.failed())
                    .containsEntry("landedWithoutAcknowledgement", done.landedWithoutAcknowledgement()).containsEntry("verified", true)
                    .containsEntry("verifiedChecksum", done.verifiedChecksum());
        });
    }
}
