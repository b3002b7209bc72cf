package dev.backtrack.replay;

import static dev.backtrack.replay.ReplayFixtures.content;
import static dev.backtrack.replay.ReplayFixtures.readAll;
import static dev.backtrack.replay.ReplayFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.browse.Cancellation;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.kafka.WriteGuard;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Exact ranges: offsets, time windows, last-N, and the gaps of transactions, delete-records and compaction. */
@Timeout(240)
class ReplayRangeTest {
    private final String bootstrap = TestServers.bootstrap();
    private final ReplayRunner runner = new ReplayRunner(WriteGuard.REFUSE_PROTECTED, SendListener.NONE);
    // recent timestamps: records older than the topic's retention.ms would be deleted by the broker under the test
    private final long base = System.currentTimeMillis() - 3_600_000L;

    private List<ReplayFixtures.Content> contents(List<RawRecord> records) {
        return records.stream().map(r -> content(r)).map(c -> new ReplayFixtures.Content(c.key(), c.value(),
                ReplayFixtures.withoutProvenance(c.headers()), c.timestamp())).toList();
    }

    private void produceNumbered(String topic, int partitions, int perPartition, long baseTs) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            for (int i = 0; i < perPartition; i++) {
                records.add(record(topic, p, baseTs + i * 1000L, "k" + i, "p" + p + "-" + i, "n", String.valueOf(i)));
            }
        }
        ReplayFixtures.produce(bootstrap, records);
    }

    @Test
    void anOffsetRangeCopiesExactlyThoseRecordsKeepingEverything() throws Exception {
        String source = TestTopics.create(bootstrap, "rng-src", 2);
        String target = TestTopics.create(bootstrap, "rng-dst", 2);
        produceNumbered(source, 2, 50, base);
        ReplayPlan plan = ReplayPlan.of(ReplayFixtures.source(bootstrap, source, new ReplayRange.Offsets(10L, 20L)),
                ReplayFixtures.target(bootstrap, target)).withVerify(true);
        ReplayReport report = runner.run(plan, Cancellation.none());

        List<RawRecord> expected = readAll(bootstrap, source).stream().filter(r -> r.offset() >= 10 && r.offset() < 20).toList();
        List<RawRecord> actual = readAll(bootstrap, target);
        assertThat(contents(actual)).containsExactlyElementsOf(contents(expected));
        assertThat(actual).extracting(RawRecord::partition).containsExactlyElementsOf(expected.stream().map(RawRecord::partition).toList());
        assertThat(report.written()).isEqualTo(20);
        assertThat(report.verified()).isTrue();
        assertThat(report.verifiedChecksum()).isEqualTo(report.expectedChecksum());
        assertThat(report.sources()).allSatisfy(s -> {
            assertThat(s.from()).isEqualTo(10);
            assertThat(s.to()).isEqualTo(20);
            assertThat(s.written()).isEqualTo(10);
        });
        assertThat(report.targets()).allSatisfy(t -> assertThat(t.match()).isTrue());
        // the replay's producers split the target partitions: each of the two has a writer of its own
        java.util.Map<Integer, java.util.Set<Long>> writers = ReplayFixtures.producerIds(bootstrap, target, 2);
        assertThat(writers.get(0)).hasSize(1).doesNotContainAnyElementsOf(writers.get(1));
        assertThat(writers.get(1)).hasSize(1);
    }

    @Test
    void aTimeWindowIsHalfOpenAndLastNTakesTheNewest() {
        String source = TestTopics.create(bootstrap, "win-src", 1);
        produceNumbered(source, 1, 30, base);
        String windowTarget = TestTopics.create(bootstrap, "win-dst", 1);
        Instant from = Instant.ofEpochMilli(base + 5_000);
        Instant to = Instant.ofEpochMilli(base + 12_000);
        runner.run(ReplayPlan.of(ReplayFixtures.source(bootstrap, source, new ReplayRange.TimeWindow(from, to)),
                ReplayFixtures.target(bootstrap, windowTarget)), Cancellation.none());
        assertThat(readAll(bootstrap, windowTarget)).extracting(r -> new String(r.value()))
                .containsExactly("p0-5", "p0-6", "p0-7", "p0-8", "p0-9", "p0-10", "p0-11");

        String lastTarget = TestTopics.create(bootstrap, "last-dst", 1);
        runner.run(ReplayPlan.of(ReplayFixtures.source(bootstrap, source, new ReplayRange.LastN(3)),
                ReplayFixtures.target(bootstrap, lastTarget)), Cancellation.none());
        assertThat(readAll(bootstrap, lastTarget)).extracting(r -> new String(r.value())).containsExactly("p0-27", "p0-28", "p0-29");
    }

    @Test
    void abortedTransactionsAndTheirMarkersAreSkippedUnderReadCommittedAndLastNWalksBackOverGaps() throws Exception {
        String source = TestTopics.create(bootstrap, "txn-src", 1);
        String target = TestTopics.create(bootstrap, "txn-dst", 1);
        try (KafkaProducer<byte[], byte[]> p = ReplayFixtures.producer(bootstrap, Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, TestTopics.unique("tx")))) {
            p.initTransactions();
            for (int round = 0; round < 4; round++) {
                p.beginTransaction();
                for (int i = 0; i < 5; i++) {
                    p.send(record(source, 0, base + round * 10 + i, "k", "r" + round + "-" + i));
                }
                p.flush(); // aborted records must really occupy offsets
                if (round % 2 == 0) {
                    p.commitTransaction();
                } else {
                    p.abortTransaction();
                }
            }
        }
        ReplayReport report = runner.run(ReplayPlan.of(ReplayFixtures.source(bootstrap, source, ReplayRange.ALL),
                ReplayFixtures.target(bootstrap, target)).withVerify(true), Cancellation.none());
        List<String> committed = readAll(bootstrap, source).stream().map(r -> new String(r.value())).toList();
        assertThat(committed).hasSize(10).allMatch(v -> v.startsWith("r0-") || v.startsWith("r2-"));
        assertThat(readAll(bootstrap, target)).extracting(r -> new String(r.value())).containsExactlyElementsOf(committed);
        assertThat(report.read()).isEqualTo(10);
        assertThat(report.verified()).isTrue();

        String lastTarget = TestTopics.create(bootstrap, "txn-last", 1);
        runner.run(ReplayPlan.of(ReplayFixtures.source(bootstrap, source, new ReplayRange.LastN(7)),
                ReplayFixtures.target(bootstrap, lastTarget)), Cancellation.none());
        assertThat(readAll(bootstrap, lastTarget)).extracting(r -> new String(r.value())).containsExactlyElementsOf(committed.subList(3, 10));
    }

    @Test
    void deletedRecordsMoveTheStartAndCompactionGapsAreCopiedAsTheyAre() throws Exception {
        String deleted = TestTopics.create(bootstrap, "del-src", 1);
        produceNumbered(deleted, 1, 20, base);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.deleteRecords(Map.of(new TopicPartition(deleted, 0), RecordsToDelete.beforeOffset(8))).all().get();
        }
        String deletedTarget = TestTopics.create(bootstrap, "del-dst", 1);
        ReplayReport report = runner.run(ReplayPlan.of(ReplayFixtures.source(bootstrap, deleted, new ReplayRange.Offsets(0L, 12L)),
                ReplayFixtures.target(bootstrap, deletedTarget)), Cancellation.none());
        assertThat(report.sources().get(0).from()).isEqualTo(8);
        assertThat(readAll(bootstrap, deletedTarget)).extracting(r -> new String(r.value())).containsExactly("p0-8", "p0-9", "p0-10", "p0-11");

        String compacted = TestTopics.create(bootstrap, "cmp-src", 1, Map.of("cleanup.policy", "compact", "segment.ms", "100",
                "min.cleanable.dirty.ratio", "0.01", "delete.retention.ms", "100"));
        for (int round = 0; round < 3; round++) {
            List<ProducerRecord<byte[], byte[]>> batch = new ArrayList<>();
            for (int k = 0; k < 10; k++) {
                batch.add(record(compacted, 0, base + round * 100 + k, "key" + k, "v" + round + "-" + k));
            }
            ReplayFixtures.produce(bootstrap, batch);
        }
        // each poll appends a record, which rolls the aged active segment so the cleaner can compact it
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            ReplayFixtures.produce(bootstrap, List.of(record(compacted, 0, System.currentTimeMillis(), "roll", "roll")));
            return readAll(bootstrap, compacted).stream().filter(r -> !"roll".equals(new String(r.key()))).count() <= 10;
        });
        List<RawRecord> survivors = readAll(bootstrap, compacted);
        long last = survivors.get(survivors.size() - 1).offset();
        assertThat(last + 1).as("offsets have gaps").isGreaterThan(survivors.size());
        String compactedTarget = TestTopics.create(bootstrap, "cmp-dst", 1);
        ReplayReport compactedReport = runner.run(ReplayPlan.of(ReplayFixtures.source(bootstrap, compacted, new ReplayRange.Offsets(0L, last + 1)),
                ReplayFixtures.target(bootstrap, compactedTarget)).withVerify(true), Cancellation.none());
        assertThat(contents(readAll(bootstrap, compactedTarget))).containsExactlyElementsOf(contents(survivors));
        assertThat(compactedReport.read()).isEqualTo(survivors.size());
        assertThat(compactedReport.verified()).isTrue();
    }

    @Test
    void isolationReadUncommittedCopiesAbortedRecordsToo() throws Exception {
        String source = TestTopics.create(bootstrap, "unc-src", 1);
        String target = TestTopics.create(bootstrap, "unc-dst", 1);
        try (KafkaProducer<byte[], byte[]> p = ReplayFixtures.producer(bootstrap, Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, TestTopics.unique("tx")))) {
            p.initTransactions();
            p.beginTransaction();
            p.send(record(source, 0, base, "k", "aborted"));
            p.flush(); // written to the log before the abort, so it is there for read_uncommitted
            p.abortTransaction();
        }
        ReplaySource.Topic uncommitted = new ReplaySource.Topic(dev.backtrack.kafka.ConnectionSettings.plaintext(bootstrap), source, List.of(),
                ReplayRange.ALL, IsolationLevel.READ_UNCOMMITTED);
        ReplayReport report = runner.run(ReplayPlan.of(uncommitted, ReplayFixtures.target(bootstrap, target)), Cancellation.none());
        assertThat(report.read()).isEqualTo(1);
        assertThat(readAll(bootstrap, target)).extracting(r -> new String(r.value())).containsExactly("aborted");
    }
}
