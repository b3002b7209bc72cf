package dev.backtrack.browse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.codec.RecordDecoder;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exact reads over gaps. The compacted topic is really compacted by the broker's cleaner (small segment.ms,
 * min.cleanable.dirty.ratio=0.01; a tick record rolls segments until the cleaner removed old versions). The
 * low-watermark gap comes from delete-records.
 */
class CompactedTopicTest {
    static String bootstrap;
    static KafkaClients clients;
    static Browser browser;

    @BeforeAll
    static void setUp() {
        bootstrap = TestServers.bootstrap();
        clients = new KafkaClients(ConnectionSettings.plaintext(bootstrap));
        browser = new Browser(clients, new RecordDecoder((dev.backtrack.kafka.RegistrySettings) null));
    }

    private static List<Long> offsets(Page page) {
        return page.records().stream().map(r -> r.raw().offset()).toList();
    }

    private static List<Long> readAllPages(BrowseRequest request) {
        List<Long> out = new ArrayList<>();
        Page page = browser.read(request, Cancellation.none());
        out.addAll(offsets(page));
        while (page.hasNext()) {
            page = browser.next(page, Cancellation.none());
            out.addAll(offsets(page));
        }
        return out;
    }

    @Test
    void exactRangesOnACompactedTopic() {
        String topic = TestTopics.create(bootstrap, "compacted", 1, Map.of("cleanup.policy", "compact", "segment.ms", "100",
                "min.cleanable.dirty.ratio", "0.01", "delete.retention.ms", "100", "min.compaction.lag.ms", "0"));
        try (KafkaProducer<byte[], byte[]> p = TestData.producer(bootstrap)) {
            for (int round = 0; round < 20; round++) {
                for (int k = 0; k < 10; k++) {
                    TestData.send(p, topic, 0, null, "key-" + k, "v" + round);
                }
            }
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
                TestData.send(p, topic, 0, null, "tick", "t"); // rolls the active segment so the cleaner can work on it
                List<RawRecord> all = TestData.readAll(bootstrap, topic, false);
                return !all.isEmpty() && all.getFirst().offset() > 0 && all.size() < all.getLast().offset() / 2;
            });
        }
        List<RawRecord> truth = TestData.readAll(bootstrap, topic, false);
        List<Long> truthOffsets = truth.stream().map(RawRecord::offset).toList();

        // the log start stays 0 after compaction; the engine starts at the first real record
        try (KafkaConsumer<byte[], byte[]> c = clients.consumer(IsolationLevel.READ_UNCOMMITTED)) {
            assertThat(c.beginningOffsets(List.of(new TopicPartition(topic, 0))).get(new TopicPartition(topic, 0))).isZero();
        }
        SeekPlan plan = browser.plan(BrowseRequest.of(topic).withEnd(EndBound.CURRENT_END));
        assertThat(plan.range(0).from()).isEqualTo(truthOffsets.getFirst());

        assertThat(readAllPages(BrowseRequest.of(topic).withPageSize(7).withEnd(EndBound.CURRENT_END)))
                .containsExactlyElementsOf(truthOffsets);

        // a range whose both ends fall into gaps
        long a = firstGapAfter(truthOffsets, 0);
        long b = firstGapAfter(truthOffsets, truthOffsets.get(truthOffsets.size() / 2));
        List<Long> expected = truthOffsets.stream().filter(o -> o >= a && o < b).toList();
        assertThat(readAllPages(BrowseRequest.of(topic).withPosition(new Position.AtOffset(a)).withEnd(new EndBound.BeforeOffset(b))
                .withPageSize(3))).containsExactlyElementsOf(expected);

        // last-N steps back over the gaps
        Page last = browser.read(BrowseRequest.of(topic).withPosition(new Position.LastN(6)), Cancellation.none());
        assertThat(offsets(last)).containsExactlyElementsOf(truthOffsets.subList(truthOffsets.size() - 6, truthOffsets.size()));
        // backwards from the end page by page gives the same records
        Page tail = browser.read(BrowseRequest.of(topic).withPosition(new Position.LastN(4)).withPageSize(4), Cancellation.none());
        List<Long> backwards = new ArrayList<>(offsets(tail));
        while (tail.hasPrevious()) {
            tail = browser.previous(tail, Cancellation.none());
            backwards.addAll(0, offsets(tail));
        }
        assertThat(backwards).containsExactlyElementsOf(truthOffsets);
    }

    private static long firstGapAfter(List<Long> offsets, long from) {
        for (long o = from; ; o++) {
            if (!offsets.contains(o)) {
                return o;
            }
        }
    }

    @Test
    void deletedRecordsMoveTheStartAndOldOffsetsAreClamped() throws Exception {
        String topic = TestTopics.create(bootstrap, "deleted", 1);
        try (KafkaProducer<byte[], byte[]> p = TestData.producer(bootstrap)) {
            for (int i = 0; i < 30; i++) {
                TestData.send(p, topic, 0, null, "k", "v" + i);
            }
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(12))).all().get();
        }
        Page page = browser.read(BrowseRequest.of(topic).withPosition(new Position.AtOffset(3)).withPageSize(100), Cancellation.none());
        assertThat(offsets(page)).hasSize(18).first().isEqualTo(12L);
        assertThat(page.warnings()).anyMatch(w -> w.contains("offset 3 is before the first record (12)"));
        Page last = browser.read(BrowseRequest.of(topic).withPosition(new Position.LastN(50)).withPageSize(100), Cancellation.none());
        assertThat(offsets(last)).hasSize(18).first().isEqualTo(12L);
    }
}
