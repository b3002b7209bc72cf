package dev.backtrack.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.browse.Cancellation;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.kafka.WriteGuard;
import dev.backtrack.redrive.DeadLetterHeaders;
import dev.backtrack.redrive.RedriveJournal;
import dev.backtrack.redrive.RedriveOptions;
import dev.backtrack.redrive.RedriveReport;
import dev.backtrack.redrive.RedriveRunner;
import dev.backtrack.redrive.RedriveSelection;
import dev.backtrack.redrive.RegistryPayloadCodec;
import dev.backtrack.redrive.ValueEdit;
import dev.backtrack.replay.Checkpoint;
import dev.backtrack.replay.Pace;
import dev.backtrack.replay.ReplayPlan;
import dev.backtrack.replay.ReplayRange;
import dev.backtrack.replay.ReplayReport;
import dev.backtrack.replay.ReplayRunner;
import dev.backtrack.replay.ReplaySource;
import dev.backtrack.replay.ReplayTarget;
import dev.backtrack.replay.SendOptions;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Idempotent replays and a bulk redrive on the 3-broker cluster (RF 3, min.insync.replicas 2) while the broker
 * leading the target's partition 0 is stopped and started again mid-way, both moments triggered by the job's own
 * acknowledgement count. Nothing is lost, order per partition holds, the reports' counts are right, and any copy
 * written twice is one the report states. (The exactly-once case is {@code ReplayExactlyOnceTest}.)
 */
@Timeout(300)
class BrokerRestartMidJobTest {
    private static final int REPLAY_RECORDS = Integer.getInteger("backtrack.reliability.bounceRecords", 24_000);
    private static final int DEAD_LETTERS = Integer.getInteger("backtrack.reliability.bounceDeadLetters", 20_000);
    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(180);

    private final KafkaClusterTestKit cluster = TestServers.tripleCluster();
    private final String bootstrap = cluster.bootstrapServers();

    @Test
    void idempotentReplayAcrossABrokerRestartLosesNothing() throws Exception {
        String source = sourceWith(REPLAY_RECORDS);
        String target = replicated("bounce-dst", 3);
        List<RawRecord> sourceRecords = Records.readAll(bootstrap, source, IsolationLevel.READ_COMMITTED);
        ReplayReport report;
        try (BrokerBounce bounce = BrokerBounce.leaderOf(cluster, target)) {
            ReplayRunner runner = new ReplayRunner(WriteGuard.REFUSE_PROTECTED, p -> {
                bounce.acknowledged(p.acknowledged());
                bounce.stopWhen(REPLAY_RECORDS / 10);
                bounce.startWhenDownFor(500);
            });
            // paced so the job outlasts the restart: a restarted broker re-registers only once its old session expired (~9 s)
            ReplayPlan plan = plan(source, target).withPace(new Pace.RateLimit(REPLAY_RECORDS / 20)).withVerify(true);
            long t = System.nanoTime();
            report = within(() -> runner.run(plan, Cancellation.none()));
            long ms = (System.nanoTime() - t) / 1_000_000;
            bounce.awaitBack(JOB_TIMEOUT);
            System.out.println("bounce idempotent replay: " + REPLAY_RECORDS + " records in " + ms + " ms; " + bounce.describe()
                    + "; report duplicates=" + report.duplicates());
            assertMidway(bounce, REPLAY_RECORDS);
        }
        assertThat(report.status()).isEqualTo(ReplayReport.COMPLETED);
        assertThat(report.failed()).isZero();
        assertThat(report.read()).isEqualTo(REPLAY_RECORDS);
        assertThat(report.sent()).isEqualTo(REPLAY_RECORDS);
        assertThat(report.written()).isEqualTo(REPLAY_RECORDS);
        assertThat(report.sources()).allSatisfy(s -> assertThat(s.written()).isEqualTo(s.to() - s.from()));
        assertThat(report.resume()).isNull();
        ProvenanceCheck check = ProvenanceCheck.of(sourceRecords, Records.readAll(bootstrap, target, IsolationLevel.READ_UNCOMMITTED));
        check.assertNothingLostInOrderAndFaithful();
        assertThat(report.verified()).as("read back: %s", report.targets()).isTrue();
        // an idempotent producer deduplicates its own retries across the leader change; whatever copy the target
        // holds anyway must be one the report states
        assertThat(check.duplicates()).isEqualTo(report.duplicates());
    }

    @Test
    void idempotentReplayCancelledWhileABrokerIsDownAndResumedAsItComesBack(@TempDir Path dir) throws Exception {
        int records = REPLAY_RECORDS * 3 / 4;
        String source = sourceWith(records);
        String target = replicated("bounce-resume", 3);
        List<RawRecord> sourceRecords = Records.readAll(bootstrap, source, IsolationLevel.READ_COMMITTED);
        Path checkpoint = dir.resolve("replay.checkpoint.json");
        ReplayPlan plan = plan(source, target).withPace(new Pace.RateLimit(records / 18)).withCheckpointEvery(records / 8).withCheckpoint(checkpoint);
        ReplayReport first;
        ReplayReport resumed;
        long checkpointed;
        try (BrokerBounce bounce = BrokerBounce.leaderOf(cluster, target)) {
            Cancellation cancel = new Cancellation();
            ReplayRunner firstRunner = new ReplayRunner(WriteGuard.REFUSE_PROTECTED, p -> {
                bounce.acknowledged(p.acknowledged());
                bounce.stopWhen(records / 10);
                // cut off while the broker is down, with records on the target beyond the last checkpoint
                if (bounce.isDown() && bounce.acknowledgedWhileDown() >= records / 10 && p.sent() - durable(checkpoint) >= 300) {
                    cancel.cancel();
                }
            });
            first = within(() -> firstRunner.run(plan, cancel));
            assertThat(first.status()).isEqualTo(ReplayReport.CANCELLED);
            assertThat(bounce.isDown()).as("still down when the first run ended").isTrue();
            checkpointed = durable(checkpoint);
            System.out.println("bounce idempotent resume: checkpoint after the cancel " + Checkpoint.read(checkpoint).targets());
            long onTarget = first.written();

            // the resume starts with the broker still down; it comes back once the resume is under way
            ReplayRunner resumeRunner = new ReplayRunner(WriteGuard.REFUSE_PROTECTED, p -> {
                bounce.acknowledged(p.acknowledged());
                if (p.acknowledged() >= 300) {
                    bounce.startNow();
                }
            });
            long t = System.nanoTime();
            resumed = within(() -> resumeRunner.run(plan.withVerify(true), Cancellation.none()));
            long ms = (System.nanoTime() - t) / 1_000_000;
            bounce.awaitBack(JOB_TIMEOUT);
            System.out.println("bounce idempotent resume: " + records + " records; first run cancelled with " + onTarget + " on the target, "
                    + checkpointed + " checkpointed; resume " + ms + " ms, " + resumed.resume() + ", duplicates=" + resumed.duplicates()
                    + "; " + bounce.describe());
            assertThat(first.written()).isLessThan(records).isGreaterThan(checkpointed);
            assertThat(bounce.ackAtStarted).as("back while the resume ran").isLessThan(records - checkpointed);
        }
        assertThat(resumed.status()).isEqualTo(ReplayReport.COMPLETED);
        assertThat(resumed.replayId()).isEqualTo(first.replayId());
        assertThat(resumed.failed()).isZero();
        assertThat(resumed.written()).isEqualTo(records);
        assertThat(first.failed()).isZero();
        assertThat(first.written()).as("a cancelled idempotent run flushes what it sent").isEqualTo(first.sent());
        assertThat(resumed.sent()).as("the resume restarts at the checkpoint").isEqualTo(records - checkpointed);
        assertThat(resumed.resume().overlap()).isPositive().isEqualTo(first.written() - checkpointed);
        assertThat(resumed.verified()).as("what the runs wrote reads back intact: %s", resumed.targets()).isTrue();
        assertThat(Checkpoint.read(checkpoint).complete()).isTrue();

        ProvenanceCheck check = ProvenanceCheck.of(sourceRecords, Records.readAll(bootstrap, target, IsolationLevel.READ_UNCOMMITTED));
        check.assertNothingLostInOrderAndFaithful();
        // the cancelled run flushed everything it sent, so the overlap the resume reports is exactly what is there twice
        assertThat(check.duplicates()).isEqualTo(resumed.resume().overlap()).isEqualTo(resumed.duplicates());
    }

    @Test
    void bulkRedriveAcrossABrokerRestartLandsEachDeadLetterExactlyOnce(@TempDir Path dataDir) throws Exception {
        String original = replicated("bounce-orders", 3);
        String dlt = replicated(original + "-dlt", 3);
        writeDeadLetters(dlt, original, DEAD_LETTERS);
        KafkaClients clients = new KafkaClients(ConnectionSettings.plaintext(bootstrap));
        RedriveRunner runner = new RedriveRunner(clients, clients, RegistryPayloadCodec.of(null), dataDir,
                SendOptions.defaults().withPace(new Pace.RateLimit(DEAD_LETTERS / 20)));
        RedriveOptions options = RedriveOptions.defaults()
                .withEdit(new ValueEdit.SetFields(List.of(ValueEdit.Assignment.parse("status=\"RETRY\""))));
        RedriveReport report;
        try (BrokerBounce bounce = BrokerBounce.leaderOf(cluster, original)) {
            long t = System.nanoTime();
            report = within(() -> runner.run(RedriveSelection.all(dlt), options, p -> {
                bounce.acknowledged(p.acknowledged());
                bounce.stopWhen(DEAD_LETTERS / 10);
                bounce.startWhenDownFor(500);
            }, Cancellation.none()));
            long ms = (System.nanoTime() - t) / 1_000_000;
            bounce.awaitBack(JOB_TIMEOUT);
            System.out.println("bounce redrive: " + DEAD_LETTERS + " dead letters in " + ms + " ms; " + bounce.describe());
            assertMidway(bounce, DEAD_LETTERS);
        }
        assertThat(report.selected()).isEqualTo(DEAD_LETTERS);
        assertThat(report.sent()).isEqualTo(DEAD_LETTERS);
        assertThat(report.landed()).isEqualTo(DEAD_LETTERS);
        assertThat(report.failed()).isZero();
        assertThat(report.cancelled()).isFalse();

        Map<String, Integer> copies = new HashMap<>();
        for (RawRecord r : Records.readAll(bootstrap, original, IsolationLevel.READ_UNCOMMITTED)) {
            copies.merge(header(r, DeadLetterHeaders.REDRIVE_SOURCE), 1, Integer::sum);
            assertThat(new String(r.value(), StandardCharsets.UTF_8)).contains("\"status\":\"RETRY\"");
        }
        assertThat(copies).hasSize(DEAD_LETTERS).allSatisfy((source, n) -> assertThat(n).as(source).isEqualTo(1));
        RedriveJournal journal = runner.journal(dlt);
        for (int i = 0; i < DEAD_LETTERS; i++) {
            int partition = i % 3;
            long offset = i / 3;
            assertThat(copies).containsKey(dlt + "/" + partition + "/" + offset);
            assertThat(journal.find(partition, offset)).get().extracting(RedriveJournal.Entry::status).isEqualTo(RedriveJournal.Status.LANDED);
        }

        RedriveReport again = runner.run(RedriveSelection.all(dlt), options, p -> { }, Cancellation.none());
        assertThat(again.sent()).isZero();
        assertThat(again.skippedAlreadySent()).isEqualTo(DEAD_LETTERS);
        assertThat(Records.readAll(bootstrap, original, IsolationLevel.READ_UNCOMMITTED)).hasSize(DEAD_LETTERS);
    }

    /** Runs a job on its own thread, with a bound. */
    private static <T> T within(Supplier<T> job) throws Exception {
        return CompletableFuture.supplyAsync(job, BrokerBounce.OWN_THREAD).get(JOB_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Both the stop and the start happened while the job was still sending. */
    private static void assertMidway(BrokerBounce bounce, long total) {
        assertThat(bounce.ackAtStopRequest).as("stopped after a part was acknowledged").isPositive().isLessThan(total);
        assertThat(bounce.ackAtStopped).as("down before the job ended").isLessThan(total);
        assertThat(bounce.ackAtStartRequest).as("started again while the job ran").isGreaterThan(bounce.ackAtStopped).isLessThan(total);
        assertThat(bounce.ackAtStarted).as("back before the job ended").isLessThan(total);
    }

    private ReplayPlan plan(String source, String target) {
        return ReplayPlan.of(new ReplaySource.Topic(ConnectionSettings.plaintext(bootstrap), source, List.of(), ReplayRange.ALL,
                IsolationLevel.READ_COMMITTED), new ReplayTarget(ConnectionSettings.plaintext(bootstrap), target, null));
    }

    private String sourceWith(int records) {
        String source = replicated("bounce-src", 3);
        long base = System.currentTimeMillis() - 3_600_000;
        List<ProducerRecord<byte[], byte[]>> batch = new ArrayList<>(records);
        for (int i = 0; i < records; i++) {
            batch.add(Records.record(source, i % 3, base + i, "k" + i, "{\"n\":" + i + "}", "trace", "t" + i));
        }
        Records.produce(bootstrap, batch);
        return source;
    }

    /** A topic with replication factor 3 and min.insync.replicas 2: one broker may be down. */
    private String replicated(String prefix, int partitions) {
        String name = TestTopics.unique(prefix);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 3).configs(Map.of("min.insync.replicas", "2")))).all().get();
            dev.backtrack.kafka.TopicCreator.awaitLeaders(admin, List.of(name), Duration.ofSeconds(60));
        } catch (Exception e) {
            throw new IllegalStateException("could not create topic " + name, e);
        }
        return name;
    }

    /** Spring Kafka DeadLetterPublishingRecoverer headers (numbers as big-endian int/long, texts UTF-8). */
    private void writeDeadLetters(String dlt, String original, int count) {
        long ts = System.currentTimeMillis() - 600_000;
        List<ProducerRecord<byte[], byte[]>> letters = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            List<Header> h = new ArrayList<>();
            h.add(utf8("traceparent", "00-trace-" + i));
            h.add(utf8("kafka_dlt-original-topic", original));
            h.add(new RecordHeader("kafka_dlt-original-partition", ByteBuffer.allocate(4).putInt(i % 3).array()));
            h.add(new RecordHeader("kafka_dlt-original-offset", ByteBuffer.allocate(8).putLong(i).array()));
            h.add(new RecordHeader("kafka_dlt-original-timestamp", ByteBuffer.allocate(8).putLong(ts + i).array()));
            h.add(utf8("kafka_dlt-original-timestamp-type", "CreateTime"));
            h.add(utf8("kafka_dlt-original-consumer-group", "billing"));
            h.add(utf8("kafka_dlt-exception-fqcn", "com.example.ValidationException"));
            h.add(utf8("kafka_dlt-exception-message", "order " + i + " invalid"));
            h.add(utf8("kafka_dlt-exception-stacktrace", "com.example.ValidationException: order " + i + " invalid\n\tat com.example.Listener.onMessage(Listener.java:42)\n"));
            byte[] value = ("{\"id\":" + i + ",\"status\":\"FAILED\",\"customer\":\"c-" + (i % 97) + "\"}").getBytes(StandardCharsets.UTF_8);
            letters.add(new ProducerRecord<>(dlt, i % 3, null, ("k-" + i).getBytes(StandardCharsets.UTF_8), value, h));
        }
        Records.produce(bootstrap, letters);
    }

    private static Header utf8(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String header(RawRecord r, String name) {
        RawHeader h = r.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Records the checkpoint file counts as durable on the target; 0 before the first checkpoint. */
    private static long durable(Path checkpoint) {
        if (!Files.exists(checkpoint)) {
            return 0;
        }
        return Checkpoint.read(checkpoint).targets().stream().mapToLong(Checkpoint.TargetEntry::count).sum();
    }
}
