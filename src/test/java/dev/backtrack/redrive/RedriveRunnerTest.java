package dev.backtrack.redrive;

import static dev.backtrack.redrive.DeadLetterFixtures.bytes;
import static dev.backtrack.redrive.DeadLetterFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.browse.Cancellation;
import dev.backtrack.browse.PartitionRange;
import dev.backtrack.browse.RangeReader;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.kafka.WriteRefusedException;
import dev.backtrack.replay.JobStep;
import dev.backtrack.replay.SendListener;
import dev.backtrack.testing.ProduceQuota;
import dev.backtrack.testing.RecordingWriteGuard;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.header.Header;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Redrive on the real broker: target, header policy, journal, redrive limit, partial validation failure, prod guard. */
class RedriveRunnerTest {
    @TempDir
    Path dataDir;

    private final KafkaClients clients = DeadLetterFixtures.clients();

    private static List<RawRecord> readAll(KafkaClients clients, String topic, int partitions) {
        List<RawRecord> out = new ArrayList<>();
        List<PartitionRange> ranges = new ArrayList<>();
        try (var consumer = clients.consumer(IsolationLevel.READ_UNCOMMITTED)) {
            for (int p = 0; p < partitions; p++) {
                var tp = new org.apache.kafka.common.TopicPartition(topic, p);
                ranges.add(new PartitionRange(p, 0, consumer.endOffsets(List.of(tp)).get(tp)));
            }
        }
        new RangeReader(clients, IsolationLevel.READ_UNCOMMITTED).read(topic, ranges, b -> out.addAll(b), Cancellation.none());
        return out;
    }

    private static String header(RawRecord r, String name) {
        RawHeader h = r.lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private RedriveRunner runner() {
        return new RedriveRunner(clients, RegistryPayloadCodec.of(AvroFixtures.registry()), dataDir);
    }

    @Test
    void redriveLandsOnTheOriginalTopicWithHeadersPerPolicyAndIsJournaled() throws Exception {
        String original = TestTopics.create(TestServers.bootstrap(), "orders", 3);
        String dlt = DeadLetterParserTest.createTopic(original + "-dlt", 1);
        long ts = System.currentTimeMillis() - 60_000;
        try (KafkaProducer<byte[], byte[]> p = DeadLetterFixtures.producer()) {
            for (int i = 0; i < 10; i++) {
                List<Header> headers = new ArrayList<>();
                headers.add(utf8("traceparent", "00-trace-" + i));
                headers.addAll(DeadLetterFixtures.springDlt(original, i % 3, 100 + i, ts + i, "billing", "java.lang.IllegalStateException", null, "boom " + i));
                headers.add(new org.apache.kafka.common.header.internals.RecordHeader("springDeserializerExceptionValue", new byte[] {1, 2}));
                DeadLetterFixtures.send(p, dlt, 0, bytes("key-" + i), bytes("{\"n\":" + i + "}"), headers);
            }
        }
        RedriveReport report = runner().run(RedriveSelection.all(dlt), RedriveOptions.defaults(), SendListener.NONE, Cancellation.none());
        assertThat(report.selected()).isEqualTo(10);
        assertThat(report.sent()).isEqualTo(10);
        assertThat(report.landed()).isEqualTo(10);
        assertThat(report.failed()).isZero();
        assertThat(report.checksum()).isNotNull();

        List<RawRecord> landed = readAll(clients, original, 3);
        assertThat(landed).hasSize(10);
        RedriveJournal journal = runner().journal(dlt);
        for (RawRecord r : landed) {
            String source = header(r, DeadLetterHeaders.REDRIVE_SOURCE);
            int i = Integer.parseInt(source.substring(source.lastIndexOf('/') + 1));
            assertThat(source).isEqualTo(dlt + "/0/" + i);
            assertThat(r.key()).isEqualTo(bytes("key-" + i));
            assertThat(r.value()).isEqualTo(bytes("{\"n\":" + i + "}"));
            assertThat(r.headers()).extracting(RawHeader::key).containsExactly("traceparent",
                    DeadLetterHeaders.REDRIVE_SOURCE, DeadLetterHeaders.REDRIVE_ID, DeadLetterHeaders.REDRIVE_COUNT);
            assertThat(header(r, "traceparent")).isEqualTo("00-trace-" + i);
            assertThat(header(r, DeadLetterHeaders.REDRIVE_COUNT)).isEqualTo("1");
            RedriveJournal.Entry entry = journal.find(0, i).orElseThrow();
            assertThat(entry.status()).isEqualTo(RedriveJournal.Status.LANDED);
            assertThat(entry.redriveId()).isEqualTo(header(r, DeadLetterHeaders.REDRIVE_ID));
            assertThat(entry.targetTopic()).isEqualTo(original);
            assertThat(entry.targetPartition()).isEqualTo(r.partition());
            assertThat(entry.targetOffset()).isEqualTo(r.offset());
            // the timestamp is "now", not the original one
            assertThat(r.timestamp()).isGreaterThan(ts + 30_000);
        }

        // a second redrive of the same selection sends nothing
        RedriveReport again = runner().run(RedriveSelection.all(dlt), RedriveOptions.defaults(), SendListener.NONE, Cancellation.none());
        assertThat(again.sent()).isZero();
        assertThat(again.skippedAlreadySent()).isEqualTo(10);
        assertThat(again.problems().getFirst().reason()).contains("redriven before").contains("--force-resend");
        assertThat(readAll(clients, original, 3)).hasSize(10);

        // unless forced
        RedriveReport forced = runner().run(RedriveSelection.all(dlt), RedriveOptions.defaults().withForceResend(true),
                SendListener.NONE, Cancellation.none());
        assertThat(forced.sent()).isEqualTo(10);
        assertThat(forced.landed()).isEqualTo(10);
        assertThat(readAll(clients, original, 3)).hasSize(20);
    }

    @Test
    void deadLettersThatLandedWithoutAnAcknowledgementInTimeAreJournaledAsLanded() throws Exception {
        String original = TestTopics.create(TestServers.bootstrap(), "throttled", 1);
        String dlt = DeadLetterParserTest.createTopic(original + "-dlt", 1);
        int letters = 2_000;
        try (KafkaProducer<byte[], byte[]> p = DeadLetterFixtures.producer()) {
            for (int i = 0; i < letters; i++) {
                DeadLetterFixtures.send(p, dlt, 0, bytes("key-" + i), bytes("{\"n\":" + i + "}"),
                        DeadLetterFixtures.springDlt(original, 0, i, System.currentTimeMillis(), "billing", "java.lang.IllegalStateException", null, "boom"));
            }
        }
        // a produce quota of 1 000 bytes/s for the redrive's client id: the broker writes what the first requests carry
        // but holds their answers back, so the producer times them out; the batches behind them are never sent
        String clientId = "redrive-throttled-" + System.nanoTime();
        RedriveReport report;
        List<JobStep> steps = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        try (ProduceQuota quota = ProduceQuota.of(TestServers.bootstrap(), clientId, 1_000)) {
            RedriveRunner throttled = new RedriveRunner(clients, clients, RegistryPayloadCodec.of(null), dataDir, dev.backtrack.replay.SendOptions
                    .defaults().withProducerOverrides(Map.of("client.id", clientId, "linger.ms", 0, "batch.size", 1024,
                            "request.timeout.ms", 1_000, "delivery.timeout.ms", 1_500)));
            report = throttled.run(RedriveSelection.all(dlt), RedriveOptions.defaults(), SendListener.of(progress -> { }, steps::add),
                    Cancellation.none());
        }
        // some letters were not acknowledged, so the runner read the target back to find them
        assertThat(steps).containsExactly(JobStep.ACKNOWLEDGING, JobStep.VERIFYING);
        List<RawRecord> onTarget = readAll(clients, original, 1);
        RedriveJournal journal = runner().journal(dlt);
        long journaledLanded = 0;
        for (int i = 0; i < letters; i++) {
            if (journal.find(0, i).orElseThrow().status() == RedriveJournal.Status.LANDED) {
                journaledLanded++;
            }
        }
        System.out.println("throttled redrive: " + report.sent() + " sent, " + report.landed() + " landed, " + report.failed()
                + " failed; " + onTarget.size() + " on the target");
        assertThat(report.failed()).as("some timed out").isPositive();
        assertThat(report.landed() + report.failed()).isEqualTo(letters);
        // every copy on the target is journaled as landed, where it is, and nothing else is
        assertThat(report.landed()).isEqualTo(onTarget.size()).isEqualTo(journaledLanded);
        for (RawRecord r : onTarget) {
            String source = header(r, DeadLetterHeaders.REDRIVE_SOURCE);
            RedriveJournal.Entry entry = journal.find(0, Long.parseLong(source.substring(source.lastIndexOf('/') + 1))).orElseThrow();
            assertThat(entry.status()).as(source).isEqualTo(RedriveJournal.Status.LANDED);
            assertThat(entry.targetOffset()).isEqualTo(r.offset());
        }
    }

    @Test
    void keptHeadersOriginalPartitionAndOriginalTimestamp() throws Exception {
        String original = TestTopics.create(TestServers.bootstrap(), "keep", 3);
        String dlt = DeadLetterParserTest.createTopic(original + ".DLT", 1);
        long ts = System.currentTimeMillis() - 86_400_000L;
        try (KafkaProducer<byte[], byte[]> p = DeadLetterFixtures.producer()) {
            DeadLetterFixtures.send(p, dlt, 0, bytes("a"), bytes("1"), DeadLetterFixtures.springDlt(original, 2, 5, ts, "g", "E", null, "m"));
            DeadLetterFixtures.send(p, dlt, 0, bytes("b"), bytes("2"), DeadLetterFixtures.springDlt(original, 7, 6, ts, "g", "E", null, "m"));
        }
        RedriveOptions options = RedriveOptions.defaults().withKeepDeadLetterHeaders(true)
                .withPartitioning(RedriveOptions.Partitioning.ORIGINAL).withTimestamps(RedriveOptions.Timestamps.KEEP);
        RedriveReport report = runner().run(RedriveSelection.all(dlt), options, SendListener.NONE, Cancellation.none());
        assertThat(report.sent()).isEqualTo(1);
        assertThat(report.failed()).isEqualTo(1);
        assertThat(report.problems()).singleElement().satisfies(item -> {
            assertThat(item.offset()).isEqualTo(1);
            assertThat(item.reason()).isEqualTo("original partition 7 does not exist in " + original + " (it has 3 partitions now)");
        });
        RawRecord landed = readAll(clients, original, 3).getFirst();
        assertThat(landed.partition()).isEqualTo(2);
        assertThat(landed.timestamp()).isEqualTo(ts);
        assertThat(header(landed, "kafka_dlt-original-topic")).isEqualTo(original);
        assertThat(header(landed, DeadLetterHeaders.REDRIVE_COUNT)).isEqualTo("1");
    }

    @Test
    void originalTimestampsTheBrokerWouldRejectAreRefusedUpFront() throws Exception {
        String original = TestTopics.create(TestServers.bootstrap(), "limits", 1, Map.of("message.timestamp.before.max.ms", "60000"));
        String dlt = DeadLetterParserTest.createTopic(original + "-dlq", 1);
        try (KafkaProducer<byte[], byte[]> p = DeadLetterFixtures.producer()) {
            DeadLetterFixtures.send(p, dlt, 0, bytes("a"), bytes("1"), DeadLetterFixtures.springDlt(original, 0, 5,
                    System.currentTimeMillis() - 3_600_000L, "g", "E", null, "m"));
        }
        RedriveReport report = runner().run(RedriveSelection.all(dlt), RedriveOptions.defaults().withTimestamps(RedriveOptions.Timestamps.KEEP),
                SendListener.NONE, Cancellation.none());
        assertThat(report.sent()).isZero();
        assertThat(report.failed()).isEqualTo(1);
        assertThat(report.problems().getFirst().reason()).contains("message.timestamp.before.max.ms=60000");
    }

    @Test
    void aRecordAtTheRedriveLimitIsRefusedAndTheCountGoesUp() throws Exception {
        String original = TestTopics.create(TestServers.bootstrap(), "poison", 1);
        String dlt = DeadLetterParserTest.createTopic(original + "-dlt", 1);
        try (KafkaProducer<byte[], byte[]> p = DeadLetterFixtures.producer()) {
            List<Header> five = new ArrayList<>(DeadLetterFixtures.springDlt(original, 0, 1, 1L, "g", "E", null, "m"));
            five.add(utf8(DeadLetterHeaders.REDRIVE_COUNT, "5"));
            DeadLetterFixtures.send(p, dlt, 0, bytes("a"), bytes("1"), five);
            List<Header> two = new ArrayList<>(DeadLetterFixtures.springDlt(original, 0, 2, 1L, "g", "E", null, "m"));
            two.add(utf8(DeadLetterHeaders.REDRIVE_COUNT, "2"));
            two.add(utf8(DeadLetterHeaders.REDRIVE_SOURCE, "older/0/1"));
            DeadLetterFixtures.send(p, dlt, 0, bytes("b"), bytes("2"), two);
        }
        RedriveReport report = runner().run(RedriveSelection.all(dlt), RedriveOptions.defaults(), SendListener.NONE, Cancellation.none());
        assertThat(report.sent()).isEqualTo(1);
        assertThat(report.skippedOverMax()).isEqualTo(1);
        assertThat(report.problems().getFirst().reason()).isEqualTo("it already came back 5 times (maximum 5), so it is not sent again");
        RawRecord landed = readAll(clients, original, 1).getFirst();
        assertThat(header(landed, DeadLetterHeaders.REDRIVE_COUNT)).isEqualTo("3");
        assertThat(landed.headers().stream().filter(h -> h.key().equals(DeadLetterHeaders.REDRIVE_SOURCE)).count()).isEqualTo(1);
        assertThat(header(landed, DeadLetterHeaders.REDRIVE_SOURCE)).isEqualTo(dlt + "/0/1");
        // a higher limit lets the poison record through once more
        RedriveReport raised = runner().run(RedriveSelection.all(dlt), RedriveOptions.defaults().withMaxRedrives(6),
                SendListener.NONE, Cancellation.none());
        assertThat(raised.sent()).isEqualTo(1);
        assertThat(raised.skippedAlreadySent()).isEqualTo(1);
    }

    @Test
    void aValueThatFailsValidationIsReportedAndNotSentWhileTheRestGoes() throws Exception {
        int schemaId = AvroFixtures.register();
        String original = TestTopics.create(TestServers.bootstrap(), "payments", 2);
        String dlt = DeadLetterParserTest.createTopic(original + "-dlt", 1);
        try (KafkaProducer<byte[], byte[]> p = DeadLetterFixtures.producer()) {
            for (int i = 0; i < 5; i++) {
                byte[] value = AvroFixtures.frame(schemaId, AvroFixtures.payment(i, "c" + i, i * 1.5, "FAILED", i == 3 ? null : "note" + i));
                DeadLetterFixtures.send(p, dlt, 0, bytes("k" + i), value, DeadLetterFixtures.springDlt(original, 0, i, 1L, "g", "E", null, "m"));
            }
        }
        // status := note; note is null on record 3, and status is a non-null string in the schema
        ValueEdit edit = CelValueEdit.compile("{\"id\": value.id, \"customer\": value.customer, \"amount\": value.amount, "
                + "\"status\": value.note, \"note\": value.note}");
        RedriveReport dry = runner().run(RedriveSelection.all(dlt), RedriveOptions.defaults().withEdit(edit).withDryRun(true),
                SendListener.NONE, Cancellation.none());
        assertThat(dry.sent()).isEqualTo(4);
        assertThat(dry.previews()).hasSize(4);
        assertThat(dry.previews().getFirst().changes()).extracting(StructuralDiff.Change::toString).containsExactly("/status: \"FAILED\" -> \"note0\"");
        assertThat(dry.previews().getFirst().valueFormat()).isEqualTo("Avro (schema id " + schemaId + ")");
        assertThat(readAll(clients, original, 2)).isEmpty();
        assertThat(Files.exists(runner().journal(dlt).file())).isFalse();

        RedriveReport report = runner().run(RedriveSelection.all(dlt), RedriveOptions.defaults().withEdit(edit), SendListener.NONE, Cancellation.none());
        assertThat(report.sent()).isEqualTo(4);
        assertThat(report.landed()).isEqualTo(4);
        assertThat(report.failed()).isEqualTo(1);
        assertThat(report.problems()).singleElement().satisfies(item -> {
            assertThat(item.offset()).isEqualTo(3);
            assertThat(item.reason()).startsWith("edit failed: $.status");
        });
        List<RawRecord> landed = readAll(clients, original, 2);
        assertThat(landed).hasSize(4);
        for (RawRecord r : landed) {
            assertThat(AvroFixtures.schemaId(r.value())).isEqualTo(schemaId);
            GenericRecord back = AvroFixtures.read(r.value());
            assertThat(back.get("status").toString()).isEqualTo(back.get("note").toString()).startsWith("note");
        }
        assertThat(runner().journal(dlt).alreadyRedriven(0, 3)).isFalse();
    }

    @Test
    void deadLettersFromAnotherTopicThanTheDeadLetterTopicNamesGoThereAndOnlyThere() throws Exception {
        // the sender started early is for the topic "shipments-dlt" names; it does not exist and nothing came from it
        String guessed = "shipments-" + System.nanoTime();
        String original = TestTopics.create(TestServers.bootstrap(), "payments", 2);
        String dlt = DeadLetterParserTest.createTopic(guessed + "-dlt", 1);
        try (KafkaProducer<byte[], byte[]> p = DeadLetterFixtures.producer()) {
            for (int i = 0; i < 4; i++) {
                DeadLetterFixtures.send(p, dlt, 0, bytes("k" + i), bytes("{\"n\":" + i + "}"),
                        DeadLetterFixtures.springDlt(original, i % 2, i, 1L, "g", "E", null, "m"));
            }
        }
        RecordingWriteGuard guard = new RecordingWriteGuard();
        KafkaClients recording = new KafkaClients(ConnectionSettings.plaintext(TestServers.bootstrap()), guard);
        RedriveReport report = new RedriveRunner(recording, RegistryPayloadCodec.of(null), dataDir)
                .run(RedriveSelection.all(dlt), RedriveOptions.defaults(), SendListener.NONE, Cancellation.none());
        assertThat(report.landed()).isEqualTo(4);
        assertThat(report.failed()).isZero();
        assertThat(readAll(clients, original, 2)).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder("k0", "k1", "k2", "k3");
        assertThat(guard.entries()).extracting(e -> e.topic() + " " + e.outcome() + " sent=" + e.details().get("sent"))
                .containsExactly(original + " written sent=4");
        try (var admin = clients.admin()) {
            assertThat(admin.listTopics().names().get()).doesNotContain(guessed);
        }
    }

    @Test
    void theProdGuardApplies() throws Exception {
        String original = TestTopics.create(TestServers.bootstrap(), "guarded", 1);
        String dlt = DeadLetterParserTest.createTopic(original + "-dlt", 1);
        try (KafkaProducer<byte[], byte[]> p = DeadLetterFixtures.producer()) {
            DeadLetterFixtures.send(p, dlt, 0, bytes("a"), bytes("1"), DeadLetterFixtures.springDlt(original, 0, 1, 1L, "g", "E", null, "m"));
        }
        KafkaClients prod = new KafkaClients(ConnectionSettings.plaintext(TestServers.bootstrap()).withName("prod").withWriteProtected(true));
        RedriveRunner guarded = new RedriveRunner(prod, RegistryPayloadCodec.of(null), dataDir);
        assertThatThrownBy(() -> guarded.run(RedriveSelection.all(dlt), RedriveOptions.defaults(), SendListener.NONE, Cancellation.none()))
                .isInstanceOf(WriteRefusedException.class).hasMessageContaining("'prod' is protected");
        assertThat(readAll(clients, original, 1)).isEmpty();
        assertThat(guarded.journal(dlt).size()).isZero();
        // a dry run writes nothing, so it is allowed
        assertThat(guarded.run(RedriveSelection.all(dlt), RedriveOptions.defaults().withDryRun(true), SendListener.NONE,
                Cancellation.none()).sent()).isEqualTo(1);
    }
}
