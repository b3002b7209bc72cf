package dev.backtrack.replay;

import static dev.backtrack.replay.ReplayFixtures.readAll;
import static dev.backtrack.replay.ReplayFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.browse.Cancellation;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.kafka.WriteGuard;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Exactly-once replays: a broker stopped mid-way, and a cancelled run resumed from an older checkpoint. */
@Timeout(400)
class ReplayExactlyOnceTest {
    private final String bootstrap = TestServers.bootstrap();

    private String sourceWith(int records) {
        String source = TestTopics.create(bootstrap, "eos-src", 3);
        long base = System.currentTimeMillis() - 60_000L;
        List<ProducerRecord<byte[], byte[]>> batch = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            batch.add(record(source, i % 3, base + i, "key-" + i, "value-" + i, "n", String.valueOf(i)));
        }
        ReplayFixtures.produce(bootstrap, batch);
        return source;
    }

    /** Checksum of (key, value, headers without provenance, timestamp) over a topic, order-independent. */
    private static RecordChecksum contentChecksum(List<RawRecord> records) {
        RecordChecksum sum = new RecordChecksum();
        records.forEach(r -> sum.add(RecordChecksum.hash(r.key(), r.value(), ReplayFixtures.withoutProvenance(r.headers()), r.timestamp())));
        return sum;
    }

    private static void assertNoDuplicates(List<RawRecord> target) {
        Set<String> seen = new HashSet<>();
        for (RawRecord r : target) {
            String origin = new String(r.lastHeader(HeaderPolicy.SOURCE_HEADER).value());
            assertThat(seen.add(origin)).as("duplicate of %s", origin).isTrue();
        }
    }

    @Test
    void aBrokerStoppedMidwayStillEndsWithTargetEqualToSource() throws Exception {
        KafkaClusterTestKit triple = TestServers.tripleCluster();
        String tripleBootstrap = triple.bootstrapServers();
        String source = sourceWith(20_000);
        String target = TestTopics.unique("eos-dst");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, tripleBootstrap))) {
            admin.createTopics(List.of(new NewTopic(target, 3, (short) 3).configs(Map.of("min.insync.replicas", "2")))).all().get();
            dev.backtrack.kafka.TopicCreator.awaitLeaders(admin, List.of(target), java.time.Duration.ofSeconds(60));
        }
        AtomicLong sent = new AtomicLong();
        ReplayRunner runner = new ReplayRunner(WriteGuard.REFUSE_PROTECTED, p -> sent.set(p.sent()));
        ReplayPlan plan = ReplayPlan.of(ReplayFixtures.source(bootstrap, source, ReplayRange.ALL),
                new ReplayTarget(ConnectionSettings.plaintext(tripleBootstrap), target, null))
                .withExactlyOnce(2000).withPace(new Pace.RateLimit(2000)).withVerify(true);
        CompletableFuture<ReplayReport> running = CompletableFuture.supplyAsync(() -> runner.run(plan, Cancellation.none()));
        try {
            Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> sent.get() >= 5000 || running.isDone());
            triple.brokers().get(1).shutdown();
            triple.brokers().get(1).awaitShutdown();
            Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> sent.get() >= 12_000 || running.isDone());
        } finally {
            triple.brokers().get(1).startup();
        }
        ReplayReport report = running.get();
        triple.waitForReadyBrokers();
        assertThat(report.status()).isEqualTo(ReplayReport.COMPLETED);
        assertThat(report.written()).isEqualTo(20_000);
        assertThat(report.verified()).isTrue();
        List<RawRecord> sourceRecords = readAll(bootstrap, source);
        List<RawRecord> targetRecords = readAll(tripleBootstrap, target);
        assertThat(targetRecords).hasSize(20_000);
        assertNoDuplicates(targetRecords);
        assertThat(contentChecksum(targetRecords).sum()).isEqualTo(contentChecksum(sourceRecords).sum());
    }

    @Test
    void aCancelledRunResumedFromAnOlderCheckpointHasNoDuplicate(@TempDir Path dir) throws Exception {
        String source = sourceWith(12_000);
        String target = TestTopics.create(bootstrap, "eos-resume", 3);
        Path checkpoint = dir.resolve("replay.checkpoint.json");
        Path older = dir.resolve("older.json");
        Cancellation cancel = new Cancellation();
        SendListener listener = p -> {
            if (!Files.exists(older) && Files.exists(checkpoint) && !Checkpoint.read(checkpoint).targets().isEmpty()) {
                copy(checkpoint, older);
            }
            if (Files.exists(older) && p.sent() >= 7000) {
                cancel.cancel(); // abrupt: the open transaction is cut off mid-way
            }
        };
        ReplayPlan plan = ReplayPlan.of(ReplayFixtures.source(bootstrap, source, ReplayRange.ALL), ReplayFixtures.target(bootstrap, target))
                .withExactlyOnce(1000).withPace(new Pace.RateLimit(4000)).withCheckpoint(checkpoint);
        ReplayReport first = new ReplayRunner(WriteGuard.REFUSE_PROTECTED, listener).run(plan, cancel);
        assertThat(first.status()).isEqualTo(ReplayReport.CANCELLED);
        assertThat(first.written()).isLessThan(12_000);
        long committedFirst = readAll(bootstrap, target).size();
        assertThat(committedFirst).isEqualTo(first.written());
        // a crash between a commit and its checkpoint: the resume only knows an older checkpoint
        copy(older, checkpoint);
        assertThat(Checkpoint.read(checkpoint).targets().stream().mapToLong(Checkpoint.TargetEntry::count).sum()).isLessThan(committedFirst);

        ReplayReport resumed = new ReplayRunner(WriteGuard.REFUSE_PROTECTED, SendListener.NONE).run(plan.withVerify(true), Cancellation.none());
        assertThat(resumed.status()).isEqualTo(ReplayReport.COMPLETED);
        assertThat(resumed.resume()).isNotNull();
        assertThat(resumed.resume().recovered()).isPositive();
        assertThat(resumed.replayId()).isEqualTo(first.replayId());
        assertThat(resumed.written()).isEqualTo(12_000);
        assertThat(resumed.verified()).isTrue();
        List<RawRecord> targetRecords = readAll(bootstrap, target);
        assertThat(targetRecords).hasSize(12_000);
        assertNoDuplicates(targetRecords);
        assertThat(contentChecksum(targetRecords).sum()).isEqualTo(contentChecksum(readAll(bootstrap, source)).sum());
        assertThat(Checkpoint.read(checkpoint).complete()).isTrue();
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
