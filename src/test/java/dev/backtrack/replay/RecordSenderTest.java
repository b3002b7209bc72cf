package dev.backtrack.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.browse.Cancellation;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.kafka.WriteAction;
import dev.backtrack.kafka.WriteGuard;
import dev.backtrack.kafka.WriteRefusedException;
import dev.backtrack.testing.ProduceQuota;
import dev.backtrack.testing.RecordingWriteGuard;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(180)
class RecordSenderTest {
    private final String bootstrap = TestServers.bootstrap();

    private static OutgoingRecord out(String topic, int partition, int i, long ts) {
        return new OutgoingRecord(topic, partition, ("k" + i).getBytes(), ("v" + i).getBytes(),
                List.of(new RawHeader("h", ("x" + i).getBytes()), new RawHeader("h", null)), ts, new SourceRef("c", "src", partition, i, ts));
    }

    @Test
    void sendsInOrderAndTheChecksumMatchesWhatTheTargetHolds() {
        String topic = TestTopics.create(bootstrap, "sender", 2);
        KafkaClients clients = new KafkaClients(ConnectionSettings.plaintext(bootstrap));
        List<SendProgress> progress = new CopyOnWriteArrayList<>();
        SendResult result;
        try (RecordSender sender = new RecordSender(clients, WriteAction.PRODUCE, topic, SendOptions.defaults(), Cancellation.none(), progress::add)) {
            for (int i = 0; i < 3000; i++) {
                assertThat(sender.send(out(topic, i % 2, i, System.currentTimeMillis()))).isTrue();
            }
            result = sender.finish(Map.of());
        }
        assertThat(result.sent()).isEqualTo(3000);
        assertThat(result.written()).isEqualTo(3000);
        assertThat(result.failed()).isZero();
        List<RawRecord> back = ReplayFixtures.readAll(bootstrap, topic);
        assertThat(back).hasSize(3000);
        // order per partition: values ascend
        for (int p = 0; p < 2; p++) {
            int partition = p;
            List<Integer> values = back.stream().filter(r -> r.partition() == partition)
                    .map(r -> Integer.parseInt(new String(r.value()).substring(1))).toList();
            assertThat(values).isSorted();
        }
        RecordChecksum sum = new RecordChecksum();
        back.forEach(r -> sum.add(RecordChecksum.hash(r.key(), r.value(), r.headers(), r.timestamp())));
        assertThat(sum.sumHex()).isEqualTo(result.checksum());
        TargetStats p0 = result.targets().get(new TargetPartition(topic, 0));
        RecordChecksum rolling = new RecordChecksum();
        back.stream().filter(r -> r.partition() == 0).forEach(r -> rolling.add(RecordChecksum.hash(r.key(), r.value(), r.headers(), r.timestamp())));
        assertThat(p0.rolling()).isEqualTo(rolling.rolling());
        assertThat(p0.firstOffset()).isZero();
        assertThat(p0.lastOffset()).isEqualTo(1499);
    }

    @Test
    void severalProducersSplitThePartitionsAndEachPartitionKeepsItsOrder() throws Exception {
        String topic = TestTopics.create(bootstrap, "split", 4);
        KafkaClients clients = new KafkaClients(ConnectionSettings.plaintext(bootstrap));
        SendResult result;
        try (RecordSender sender = new RecordSender(clients, WriteAction.PRODUCE, topic, SendOptions.defaults().withProducers(3),
                Cancellation.none(), SendListener.NONE)) {
            for (int i = 0; i < 6000; i++) {
                assertThat(sender.send(out(topic, i % 4, i, System.currentTimeMillis()))).isTrue();
            }
            result = sender.finish(Map.of());
        }
        assertThat(result.written()).isEqualTo(6000);
        List<RawRecord> back = ReplayFixtures.readAll(bootstrap, topic);
        for (int p = 0; p < 4; p++) {
            int partition = p;
            List<RawRecord> inPartition = back.stream().filter(r -> r.partition() == partition).toList();
            assertThat(inPartition).extracting(r -> Integer.parseInt(new String(r.value()).substring(1)))
                    .hasSize(1500).isSorted().allMatch(i -> i % 4 == partition);
            RecordChecksum rolling = new RecordChecksum();
            inPartition.forEach(r -> rolling.add(RecordChecksum.hash(r.key(), r.value(), r.headers(), r.timestamp())));
            assertThat(result.targets().get(new TargetPartition(topic, partition)).rolling()).isEqualTo(rolling.rolling());
        }
        // partition p is written by producer p % 3: partitions 0 and 3 share one, 1 and 2 have one each
        Map<Integer, Set<Long>> writers = ReplayFixtures.producerIds(bootstrap, topic, 4);
        assertThat(writers.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
        assertThat(writers.get(0)).isEqualTo(writers.get(3));
        assertThat(Set.of(writers.get(0), writers.get(1), writers.get(2))).hasSize(3);
    }

    @Test
    void producersStartedAheadAreUsedAndTheUnusedOnesClosed() throws Exception {
        String topic = TestTopics.create(bootstrap, "ahead", 3);
        KafkaClients clients = new KafkaClients(ConnectionSettings.plaintext(bootstrap));
        Set<String> before = producerThreads();
        SendResult result;
        try (RecordSender sender = new RecordSender(clients, WriteAction.PRODUCE, topic, SendOptions.defaults().withProducers(3),
                Cancellation.none(), SendListener.NONE)) {
            sender.startProducersFor(Set.of(0, 1, 2));
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (producerThreads().size() < before.size() + 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(producerThreads()).hasSize(before.size() + 3);
            for (int i = 0; i < 100; i++) {
                assertThat(sender.send(out(topic, 1, i, System.currentTimeMillis()))).isTrue();
            }
            result = sender.finish(Map.of());
        }
        assertThat(result.written()).isEqualTo(100);
        assertThat(ReplayFixtures.endOffsets(bootstrap, topic)).containsEntry(0, 0L).containsEntry(1, 100L).containsEntry(2, 0L);
        // partition 2's producer started but was never used: it is closed with the others, no thread left behind
        assertThat(producerThreads()).isEqualTo(before);
    }

    private static Set<String> producerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("kafka-producer-network-thread")).collect(Collectors.toSet());
    }

    @Test
    void withSeveralProducersARecordMustNameItsPartition() {
        String topic = TestTopics.create(bootstrap, "split-unnamed", 2);
        KafkaClients clients = new KafkaClients(ConnectionSettings.plaintext(bootstrap));
        try (RecordSender sender = new RecordSender(clients, WriteAction.PRODUCE, topic, SendOptions.defaults().withProducers(2),
                Cancellation.none(), SendListener.NONE)) {
            OutgoingRecord unnamed = new OutgoingRecord(topic, null, "k".getBytes(), "v".getBytes(), List.of(), System.currentTimeMillis(), null);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> sender.send(unnamed)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("name its target partition");
            // the refusal holds nothing back: the same sender goes on with records that name their partition
            assertThat(sender.send(new OutgoingRecord(topic, 1, "k".getBytes(), "v".getBytes(), List.of(), System.currentTimeMillis(), null))).isTrue();
            assertThat(sender.finish(java.util.Map.of()).sent()).isEqualTo(1);
        }
        assertThat(ReplayFixtures.endOffsets(bootstrap, topic)).containsEntry(0, 0L).containsEntry(1, 1L);
    }

    @Test
    void anExactlyOnceJobUsesOneProducerWhateverTheOptionsSay() throws Exception {
        String topic = TestTopics.create(bootstrap, "split-eos", 3);
        KafkaClients clients = new KafkaClients(ConnectionSettings.plaintext(bootstrap));
        SendOptions options = SendOptions.defaults().withProducers(3).withDelivery(new Delivery.ExactlyOnce("split-eos-" + System.nanoTime(), 1000));
        try (RecordSender sender = new RecordSender(clients, WriteAction.PRODUCE, topic, options, Cancellation.none(), SendListener.NONE)) {
            for (int i = 0; i < 30; i++) {
                sender.send(out(topic, i % 3, i, System.currentTimeMillis()));
            }
            assertThat(sender.finish(Map.of()).written()).isEqualTo(30);
        }
        Map<Integer, Set<Long>> writers = ReplayFixtures.producerIds(bootstrap, topic, 3);
        assertThat(writers.get(0)).hasSize(1).isEqualTo(writers.get(1)).isEqualTo(writers.get(2));
    }

    @Test
    void rateLimitHoldsWithinTenPercent() {
        String topic = TestTopics.create(bootstrap, "rate", 1);
        KafkaClients clients = new KafkaClients(ConnectionSettings.plaintext(bootstrap));
        SendOptions options = SendOptions.defaults().withPace(new Pace.RateLimit(1000));
        SendResult result;
        double seconds;
        try (RecordSender sender = new RecordSender(clients, WriteAction.PRODUCE, topic, options, Cancellation.none(), SendListener.NONE)) {
            // the first send waits for metadata; the rate is measured over the 2000 that follow it
            sender.send(out(topic, 0, -1, System.currentTimeMillis()));
            long start = System.nanoTime();
            for (int i = 0; i < 2000; i++) {
                sender.send(out(topic, 0, i, System.currentTimeMillis()));
            }
            seconds = (System.nanoTime() - start) / 1e9;
            result = sender.finish(Map.of());
        }
        double rate = 2000 / seconds;
        System.out.printf("rate limit 1000/s: 2000 records in %.3f s = %.1f records/s%n", seconds, rate);
        assertThat(result.written()).isEqualTo(2001);
        assertThat(rate).isBetween(900.0, 1100.0);
    }

    @Test
    void originalPacingReplaysTheRecordedGapsSpedUp() {
        String topic = TestTopics.create(bootstrap, "pace", 1);
        KafkaClients clients = new KafkaClients(ConnectionSettings.plaintext(bootstrap));
        long base = System.currentTimeMillis() - 10_000;
        SendOptions options = SendOptions.defaults().withPace(new Pace.Original(4));
        double seconds;
        try (RecordSender sender = new RecordSender(clients, WriteAction.PRODUCE, topic, options, Cancellation.none(), SendListener.NONE)) {
            // an unpaced record (no timestamp, no source) first, so the metadata wait is not part of the paced run
            sender.send(new OutgoingRecord(topic, 0, null, "warm-up".getBytes(), List.of(), null, null));
            long start = System.nanoTime();
            // recorded gaps: 20 x 200 ms = 4 s of original time after the first record, 1 s at x4
            for (int i = 0; i <= 20; i++) {
                sender.send(out(topic, 0, i, base + i * 200L));
            }
            seconds = (System.nanoTime() - start) / 1e9;
            sender.finish(Map.of());
        }
        System.out.printf("original pacing x4: 4 s of recorded time in %.3f s%n", seconds);
        assertThat(seconds).isBetween(0.95, 1.3);
    }

    @Test
    void batchesResentAfterATimeoutCountWithTheTimestampsTheirRecordsCarry() {
        KafkaClients clients = new KafkaClients(ConnectionSettings.plaintext(bootstrap));
        long base = System.currentTimeMillis() - 3_600_000;
        int records = 3_000;
        // a request timeout a little below the broker's answer time makes the producer resend batches the broker had
        // written already; the shortest that still lets every record through depends on the machine
        Map<String, Object> resending = null;
        for (int timeoutMs : new int[] {5, 8, 13, 21, 34}) {
            Map<String, Object> overrides = Map.of("request.timeout.ms", timeoutMs, "linger.ms", 0, "batch.size", 4096);
            long[] probe = probeResends(clients, overrides, base, records);
            System.out.println("resent batches, request timeout " + timeoutMs + " ms: " + probe[0] + " of " + records
                    + " records acknowledged with another timestamp than they carry, " + probe[1] + " failed");
            if (probe[1] == 0 && probe[0] > 0) {
                resending = overrides;
                break;
            }
        }
        // the premise: the broker acknowledges such a resent batch with its largest timestamp, not with each record's
        assertThat(resending).as("a request timeout at which batches are resent and acknowledged with another timestamp").isNotNull();

        String topic = TestTopics.create(bootstrap, "resent", 1);
        SendResult result;
        try (RecordSender sender = new RecordSender(clients, WriteAction.PRODUCE, topic, SendOptions.defaults().withProducerOverrides(resending),
                Cancellation.none(), SendListener.NONE)) {
            for (int i = 0; i < records; i++) {
                sender.send(out(topic, 0, i, base + i));
            }
            result = sender.finish(Map.of());
        }
        assertThat(result.failed()).isZero();
        List<RawRecord> back = ReplayFixtures.readAll(bootstrap, topic);
        assertThat(back).hasSize(records);
        assertThat(result.targets().get(new TargetPartition(topic, 0))).isEqualTo(statsOf(back));
    }

    /** Sends with a plain producer; returns how many records were acknowledged with another timestamp than sent, and how many failed. */
    private long[] probeResends(KafkaClients clients, Map<String, Object> overrides, long base, int records) {
        String probe = TestTopics.create(bootstrap, "resent-probe", 1);
        AtomicLong otherTimestamp = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Map<String, Object> props = new HashMap<>(overrides);
        props.put("delivery.timeout.ms", 10_000);
        try (var producer = clients.producer(WriteAction.PRODUCE, probe, props)) {
            for (int i = 0; i < records; i++) {
                long ts = base + i;
                producer.send(new ProducerRecord<>(probe, 0, ts, null, ("v" + i).getBytes()), (m, e) -> {
                    if (e != null) {
                        failed.incrementAndGet();
                    } else if (m.timestamp() != ts) {
                        otherTimestamp.incrementAndGet();
                    }
                });
            }
            producer.flush();
        }
        return new long[] {otherTimestamp.get(), failed.get()};
    }

    @Test
    void onALogAppendTimeTopicTheChecksumCoversTheBrokersTimestamps() {
        KafkaClients clients = new KafkaClients(ConnectionSettings.plaintext(bootstrap));
        long old = System.currentTimeMillis() - 86_400_000;
        for (boolean declared : new boolean[] {false, true}) {
            String topic = TestTopics.create(bootstrap, "append-time", 1, Map.of("message.timestamp.type", "LogAppendTime"));
            SendResult result;
            try (RecordSender sender = new RecordSender(clients, WriteAction.PRODUCE, topic, SendOptions.defaults(), Cancellation.none(), SendListener.NONE)) {
                if (declared) {
                    sender.timestampType(topic, "LogAppendTime");
                }
                for (int i = 0; i < 500; i++) {
                    sender.send(out(topic, 0, i, old + i));
                }
                result = sender.finish(Map.of());
            }
            List<RawRecord> back = ReplayFixtures.readAll(bootstrap, topic);
            assertThat(back).hasSize(500).allSatisfy(r -> assertThat(r.timestamp()).isGreaterThan(old + 3_600_000));
            assertThat(result.targets().get(new TargetPartition(topic, 0))).as("declared: %s", declared).isEqualTo(statsOf(back));
        }
    }

    /** The figures a sender should report for one partition read back in offset order. */
    private static TargetStats statsOf(List<RawRecord> partition) {
        TargetStats stats = TargetStats.EMPTY;
        for (RawRecord r : partition) {
            stats = stats.plus(r.offset(), RecordChecksum.hash(r.key(), r.value(), r.headers(), r.timestamp()));
        }
        return stats;
    }

    @Test
    void aRejectedRecordIsAFailureAndTheRestIsWritten() {
        String topic = TestTopics.create(bootstrap, "reject", 1, Map.of("max.message.bytes", "2000"));
        KafkaClients clients = new KafkaClients(ConnectionSettings.plaintext(bootstrap));
        SendResult result;
        try (RecordSender sender = new RecordSender(clients, WriteAction.PRODUCE, topic, SendOptions.defaults(), Cancellation.none(), SendListener.NONE)) {
            sender.send(out(topic, 0, 1, System.currentTimeMillis()));
            sender.send(new OutgoingRecord(topic, 0, null, new byte[10_000], List.of(), System.currentTimeMillis(), new SourceRef("c", "src", 0, 2, System.currentTimeMillis())));
            sender.send(out(topic, 0, 3, System.currentTimeMillis()));
            result = sender.finish(Map.of());
        }
        assertThat(result.failed()).isEqualTo(1);
        assertThat(result.timedOut()).as("rejected, not timed out").isZero();
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.source().offset()).isEqualTo(2);
            assertThat(f.message()).contains("RecordTooLargeException");
        });
        assertThat(ReplayFixtures.readAll(bootstrap, topic)).extracting(r -> new String(r.value())).containsExactly("v1", "v3");
    }

    @Test
    void aRecordWhoseAcknowledgementTimedOutIsCountedApart() throws Exception {
        // a produce quota of 1 000 bytes/s for this sender's client id: after the first answers the broker holds the
        // connection back for seconds, so the batches behind them (~100 KB) expire on the producer's delivery timeout;
        // closing then waits out the throttle (~14 s)
        String clientId = "timed-out-" + System.nanoTime();
        String topic = TestTopics.create(bootstrap, "timed-out", 1);
        KafkaClients clients = new KafkaClients(ConnectionSettings.plaintext(bootstrap));
        SendResult result;
        try (ProduceQuota quota = ProduceQuota.of(bootstrap, clientId, 1_000)) {
            try (RecordSender sender = new RecordSender(clients, WriteAction.PRODUCE, topic, SendOptions.defaults().withProducerOverrides(
                    Map.of("client.id", clientId, "linger.ms", 0, "batch.size", 1024, "request.timeout.ms", 1_000, "delivery.timeout.ms", 1_500)),
                    Cancellation.none(), SendListener.NONE)) {
                for (int i = 0; i < 3000; i++) {
                    sender.send(out(topic, 0, i, System.currentTimeMillis()));
                }
                result = sender.finish(Map.of());
            }
        }
        System.out.println("throttled sender: written " + result.written() + ", failed " + result.failed() + ", timed out " + result.timedOut());
        assertThat(result.timedOut()).isPositive().isEqualTo(result.failed());
        assertThat(result.failures()).allSatisfy(f -> assertThat(f.message()).startsWith("TimeoutException"));
        assertThat(result.written() + result.failed()).isEqualTo(3000);
    }

    @Test
    void aJobThatStopsOnAnErrorIsAuditedOnceWithWhatWasWrittenAndWhy() {
        String topic = TestTopics.create(bootstrap, "audited", 1);
        RecordingWriteGuard guard = new RecordingWriteGuard();
        KafkaClients clients = new KafkaClients(ConnectionSettings.plaintext(bootstrap), guard);
        try (RecordSender idle = new RecordSender(clients, WriteAction.PRODUCE, topic, SendOptions.defaults(), Cancellation.none(), SendListener.NONE)) {
            idle.auditFailure(new IllegalStateException("before anything was sent"), Map.of());
        }
        assertThat(guard.entries()).as("nothing sent, nothing to audit").isEmpty();
        try (RecordSender sender = new RecordSender(clients, WriteAction.PRODUCE, topic, SendOptions.defaults(), Cancellation.none(), SendListener.NONE)) {
            for (int i = 0; i < 5; i++) {
                sender.send(out(topic, 0, i, System.currentTimeMillis()));
            }
            sender.checkpoint();
            sender.auditFailure(new dev.backtrack.BacktrackException("the source went away"), Map.of("job", "test"));
            sender.audit(WriteGuard.WRITTEN, sender.result(false), Map.of());
        }
        assertThat(guard.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.outcome()).isEqualTo(WriteGuard.FAILED);
            assertThat(entry.details()).containsEntry("job", "test").containsEntry("error", "the source went away")
                    .containsEntry("sent", 5L).containsEntry("written", 5L).containsEntry("delivery", "idempotent");
        });
    }

    @Test
    void pauseHoldsSendingAndCancelStopsIt() throws Exception {
        String topic = TestTopics.create(bootstrap, "pause", 1);
        KafkaClients clients = new KafkaClients(ConnectionSettings.plaintext(bootstrap));
        Cancellation cancel = new Cancellation();
        List<Boolean> accepted = new ArrayList<>();
        try (RecordSender sender = new RecordSender(clients, WriteAction.PRODUCE, topic, SendOptions.defaults(), cancel, SendListener.NONE)) {
            accepted.add(sender.send(out(topic, 0, 0, System.currentTimeMillis())));
            sender.pause();
            Thread t = new Thread(() -> accepted.add(sender.send(out(topic, 0, 1, System.currentTimeMillis()))));
            t.start();
            t.join(500);
            assertThat(t.isAlive()).as("a paused sender holds the record").isTrue();
            assertThat(sender.progress().paused()).isTrue();
            cancel.cancel();
            t.join(10_000);
            assertThat(t.isAlive()).isFalse();
            SendResult result = sender.finish(Map.of());
            assertThat(result.cancelled()).isTrue();
            assertThat(result.written()).isEqualTo(1);
        }
        assertThat(accepted).containsExactly(true, false);
    }

    @Test
    void aProtectedTargetIsRefusedBeforeAnythingIsSent() {
        String topic = TestTopics.create(bootstrap, "guarded", 1);
        KafkaClients clients = new KafkaClients(ConnectionSettings.plaintext(bootstrap).withWriteProtected(true), WriteGuard.REFUSE_PROTECTED);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RecordSender(clients, WriteAction.REPLAY, topic, SendOptions.defaults(),
                Cancellation.none(), SendListener.NONE)).isInstanceOf(WriteRefusedException.class);
        assertThat(ReplayFixtures.endOffsets(bootstrap, topic)).containsEntry(0, 0L);
    }
}
