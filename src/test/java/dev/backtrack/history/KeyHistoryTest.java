package dev.backtrack.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.browse.Cancellation;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KeyHistoryTest {
    private static final long BASE = Instant.now().minus(Duration.ofMinutes(20)).toEpochMilli();
    private static KafkaClients clients;
    private static String topic;
    private static RecordMetadata v1;
    private static RecordMetadata v2;
    private static RecordMetadata v3;
    private static RecordMetadata tombstone;
    private static RecordMetadata v4;

    @BeforeAll
    static void data() {
        clients = new KafkaClients(ConnectionSettings.plaintext(TestServers.bootstrap()));
        topic = TestTopics.create(TestServers.bootstrap(), "history", 4);
        try (Produce p = new Produce()) {
            for (int i = 0; i < 40; i++) {
                p.send(topic, null, BASE + i * 100L, "order-" + (100 + i), "{\"id\":" + (100 + i) + ",\"status\":\"NEW\"}");
            }
            v1 = p.send(topic, null, BASE + 10_000, "order-42", "{\"id\":42,\"status\":\"NEW\",\"items\":[{\"sku\":\"a\",\"qty\":1}]}");
            p.send(topic, null, BASE + 10_500, "order-43", "{\"id\":43,\"status\":\"NEW\"}");
            v2 = p.send(topic, null, BASE + 11_000, "order-42", "{\"id\":42,\"status\":\"PAID\",\"items\":[{\"sku\":\"a\",\"qty\":2}],\"paidAt\":\"14:00\"}");
            v3 = p.send(topic, null, BASE + 12_000, "order-42", "{\"id\":42,\"status\":\"SHIPPED\",\"items\":[{\"sku\":\"a\",\"qty\":2}]}");
            tombstone = p.send(topic, null, BASE + 13_000, "order-42", (String) null);
            v4 = p.send(topic, null, BASE + 14_000, "order-42", "{\"id\":42,\"status\":\"NEW\"}");
            p.send(topic, null, BASE + 15_000, "order-420", "{\"id\":420}");
        }
    }

    private static KeyHistory history(String key, TimeWindow window, boolean all) {
        return new KeyHistoryFinder(clients).find(topic, KeySpec.parse(key), window, all, ScanProgress.NONE, Cancellation.none());
    }

    @Test
    void listsExactlyTheKeysVersionsWithStructuralDiffs() {
        AtomicLong lastScanned = new AtomicLong();
        AtomicLong lastTotal = new AtomicLong();
        KeyHistory h = new KeyHistoryFinder(clients).find(topic, KeySpec.parse("order-42"), TimeWindow.ALL, false,
                (scanned, total, matches) -> {
                    lastScanned.set(scanned);
                    lastTotal.set(total);
                }, Cancellation.none());
        assertThat(h.versions()).extracting(v -> v.record().raw().offset())
                .containsExactly(v1.offset(), v2.offset(), v3.offset(), tombstone.offset(), v4.offset());
        assertThat(h.scannedPartitions()).containsExactly(v1.partition());
        assertThat(h.expectedPartition()).isEqualTo(v1.partition());
        assertThat(h.foundIn()).containsExactly(v1.partition());
        assertThat(lastScanned.get()).isEqualTo(lastTotal.get()).isPositive();

        List<List<String>> diffs = h.versions().stream().map(v -> v.diff().stream().map(FieldChange::describe).toList()).toList();
        assertThat(diffs.get(0)).containsExactly("+ id: 42", "+ status: \"NEW\"", "+ items: [{\"sku\":\"a\",\"qty\":1}]");
        assertThat(diffs.get(1)).containsExactly("~ status: \"NEW\" → \"PAID\"", "~ items[0].qty: 1 → 2", "+ paidAt: \"14:00\"");
        assertThat(diffs.get(2)).containsExactly("~ status: \"PAID\" → \"SHIPPED\"", "- paidAt: \"14:00\"");
        assertThat(diffs.get(3)).containsExactly("- (value): {\"id\":42,\"status\":\"SHIPPED\",\"items\":[{\"sku\":\"a\",\"qty\":2}]}");
        assertThat(diffs.get(4)).containsExactly("+ id: 42", "+ status: \"NEW\"");
        assertThat(h.versions().get(3).kind()).isEqualTo(KeyVersion.Kind.TOMBSTONE);
        assertThat(h.versions().get(3).deleted()).isTrue();
        assertThat(h.versions()).filteredOn(v -> !v.deleted()).allSatisfy(v -> assertThat(v.kind()).isEqualTo(KeyVersion.Kind.VALUE));
        assertThat(h.notes()).anyMatch(n -> n.startsWith("searched only partition " + v1.partition()));
    }

    @Test
    void stateAsOfAtTheBoundaries() {
        KeyHistory h = history("order-42", TimeWindow.ALL, false);
        // exactly at a record's timestamp: that record
        AsOf atV2 = h.stateAsOf(Instant.ofEpochMilli(BASE + 11_000));
        assertThat(atV2.version().record().raw().offset()).isEqualTo(v2.offset());
        assertThat(atV2.state().get("status").asText()).isEqualTo("PAID");
        // one millisecond before: the previous version
        assertThat(h.stateAsOf(Instant.ofEpochMilli(BASE + 10_999)).state().get("status").asText()).isEqualTo("NEW");
        // before the first version: no state
        AsOf before = h.stateAsOf(Instant.ofEpochMilli(BASE + 9_999));
        assertThat(before.exists()).isFalse();
        assertThat(before.version()).isNull();
        assertThat(before.explanation()).contains("did not exist yet, or its history was compacted away");
        // between the tombstone and the re-creation: deleted
        AsOf deleted = h.stateAsOf(Instant.ofEpochMilli(BASE + 13_500));
        assertThat(deleted.exists()).isFalse();
        assertThat(deleted.version().record().raw().offset()).isEqualTo(tombstone.offset());
        assertThat(deleted.explanation()).startsWith("deleted at").contains("tombstone");
        // after the last: the last
        AsOf after = h.stateAsOf(Instant.now());
        assertThat(after.version().record().raw().offset()).isEqualTo(v4.offset());
        assertThat(after.explanation()).contains("the latest version found");
        // a window that starts later cannot answer for earlier instants
        KeyHistory windowed = history("order-42", new TimeWindow(Instant.ofEpochMilli(BASE + 11_500), null), false);
        assertThat(windowed.versions()).hasSize(3);
        assertThat(windowed.stateAsOf(Instant.ofEpochMilli(BASE + 11_000)).explanation()).contains("before the searched window");
    }

    @Test
    void timeWindowBoundsTheVersions() {
        KeyHistory h = history("order-42", new TimeWindow(Instant.ofEpochMilli(BASE + 11_000), Instant.ofEpochMilli(BASE + 13_000)), false);
        assertThat(h.versions()).extracting(v -> v.record().raw().offset()).containsExactly(v2.offset(), v3.offset(), tombstone.offset());
        // the first version in a window is diffed against nothing
        assertThat(h.versions().get(0).diff()).extracting(FieldChange::kind).containsOnly(FieldChange.Kind.ADDED);
    }

    @Test
    void aKeyWrittenToAnotherPartitionIsFoundOnlyWhenAllPartitionsAreSearched() {
        String t = TestTopics.create(TestServers.bootstrap(), "stray", 3);
        int home = KeyHistoryFinder.defaultPartition(Produce.utf8("{\"customer\":7}"), 3);
        int stray = (home + 1) % 3;
        try (Produce p = new Produce()) {
            p.send(t, null, BASE, "{\"customer\":7}", "{\"v\":1}");
            p.send(t, stray, BASE + 1000, "{ \"customer\" : 7 }", "{\"v\":2}");
            p.send(t, null, BASE + 2000, "{\"customer\":8}", "{\"v\":3}");
        }
        KeyHistoryFinder finder = new KeyHistoryFinder(clients);
        KeyHistory homeOnly = finder.find(t, KeySpec.parse("{\"customer\": 7}"), TimeWindow.ALL, false, ScanProgress.NONE, Cancellation.none());
        assertThat(homeOnly.versions()).hasSize(1);
        KeyHistory all = finder.find(t, KeySpec.parse("{\"customer\": 7}"), TimeWindow.ALL, true, ScanProgress.NONE, Cancellation.none());
        assertThat(all.versions()).extracting(v -> v.state().get("v").asInt()).containsExactly(1, 2);
        assertThat(all.foundIn()).containsExactlyInAnyOrder(home, stray);
        assertThat(all.notes()).anyMatch(n -> n.startsWith("key found in 2 partitions"));
        assertThat(all.versions().get(1).diff()).extracting(FieldChange::describe).containsExactly("~ v: 1 → 2");
    }

    @Test
    void bytesKeysAndLostHistoryAreReported() throws Exception {
        String t = TestTopics.create(TestServers.bootstrap(), "compacted", 1, Map.of("cleanup.policy", "compact,delete"));
        byte[] key = {0, (byte) 0xff, 0x10};
        try (Produce p = new Produce()) {
            p.send(t, null, BASE, key, Produce.utf8("{\"n\":1}"));
            p.send(t, null, BASE + 1, key, Produce.utf8("{\"n\":2}"));
            p.send(t, null, BASE + 2, key, Produce.utf8("{\"n\":3}"));
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestServers.bootstrap()))) {
            admin.deleteRecords(Map.of(new TopicPartition(t, 0), RecordsToDelete.beforeOffset(1))).all().get();
        }
        KeyHistory h = new KeyHistoryFinder(clients).find(t, KeySpec.parse("hex:00ff10"), TimeWindow.ALL, false, ScanProgress.NONE, Cancellation.none());
        assertThat(h.versions()).extracting(v -> v.state().get("n").asInt()).containsExactly(2, 3);
        assertThat(h.notes()).anyMatch(n -> n.startsWith("the topic is compacted"));
        assertThat(h.notes()).anyMatch(n -> n.startsWith("partition 0 starts at offset 1: older records were deleted"));
        assertThat(KeySpec.parse("base64:AP8Q").matches(key)).isTrue();
        assertThat(h.stateAsOf(Instant.ofEpochMilli(BASE)).explanation()).contains("history was compacted away");
    }

    @Test
    void aCancelledSearchSaysSo() {
        Cancellation cancel = new Cancellation();
        cancel.cancel();
        KeyHistory h = new KeyHistoryFinder(clients).find(topic, KeySpec.parse("order-42"), TimeWindow.ALL, true, ScanProgress.NONE, cancel);
        assertThat(h.cancelled()).isTrue();
        assertThat(h.notes()).contains("the search was cancelled: the history is incomplete");
    }
}
