package dev.backtrack.ui.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.history.FieldChange;
import dev.backtrack.history.KeyHistoryFinder;
import dev.backtrack.history.KeyVersion;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import dev.backtrack.ui.common.UiExecutor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The key history view-model against the real test broker, run synchronously with {@link UiExecutor#direct()}. */
class KeyHistoryViewModelTest {
    private static final long BASE = Instant.now().minus(Duration.ofMinutes(30)).toEpochMilli();
    private static KafkaClients clients;
    private static String topic;
    private static String cdcTopic;
    private static final List<RecordMetadata> order7 = new ArrayList<>();

    @BeforeAll
    static void data() {
        clients = new KafkaClients(ConnectionSettings.plaintext(TestServers.bootstrap()));
        topic = TestTopics.create(TestServers.bootstrap(), "ui-history", 3);
        cdcTopic = TestTopics.create(TestServers.bootstrap(), "ui-history-cdc", 2);
        try (TestProducer p = new TestProducer()) {
            p.send(topic, null, BASE, "order-8", "{\"id\":8,\"status\":\"NEW\"}");
            order7.add(p.send(topic, null, BASE + 1000, "order-7", "{\"id\":7,\"status\":\"NEW\",\"total\":10}"));
            order7.add(p.send(topic, null, BASE + 2000, "order-7", "{\"id\":7,\"status\":\"PAID\",\"total\":10,\"paidBy\":\"card\"}"));
            order7.add(p.send(topic, null, BASE + 3000, "order-7", "{\"id\":7,\"status\":\"SHIPPED\",\"total\":10}"));
            order7.add(p.send(topic, null, BASE + 4000, "order-7", null));
            // the same key written to two partitions by a producer that chose partitions itself
            p.send(topic, 0, BASE + 5000, "split", "{\"v\":1}");
            p.send(topic, 1, BASE + 6000, "split", "{\"v\":2}");
            p.send(topic, 2, BASE + 7000, "split", "{\"v\":3}");
            String row1 = "{\"id\":1,\"name\":\"Ada\"}";
            String row2 = "{\"id\":1,\"name\":\"Ada L.\"}";
            p.send(cdcTopic, null, BASE + 1000, "{\"id\":1}", "{\"before\":null,\"after\":" + row1 + ",\"op\":\"c\",\"ts_ms\":1}");
            p.send(cdcTopic, null, BASE + 2000, "{\"id\":1}", "{\"before\":" + row1 + ",\"after\":" + row2 + ",\"op\":\"u\",\"ts_ms\":2}");
            p.send(cdcTopic, null, BASE + 3000, "{\"id\":1}", "{\"before\":" + row2 + ",\"after\":null,\"op\":\"d\",\"ts_ms\":3}");
        }
    }

    private static KeyHistoryViewModel vm(String t, UiExecutor ui) {
        return new KeyHistoryViewModel(t, new KeyHistoryFinder(clients), ui);
    }

    @Test
    void searchListsTheVersionsWithDiffsAndSelectsTheLatest() {
        KeyHistoryViewModel vm = vm(topic, UiExecutor.direct());
        vm.keyProperty().set("order-7");
        vm.search();
        assertThat(vm.errorProperty().get()).isNull();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.progressProperty().get()).isEqualTo(1.0);
        assertThat(vm.versions()).extracting(v -> v.record().raw().offset())
                .containsExactlyElementsOf(order7.stream().map(RecordMetadata::offset).toList());
        assertThat(vm.versions()).extracting(KeyVersion::kind).containsExactly(KeyVersion.Kind.VALUE, KeyVersion.Kind.VALUE,
                KeyVersion.Kind.VALUE, KeyVersion.Kind.TOMBSTONE);
        assertThat(vm.versions().get(1).diff()).extracting(FieldChange::describe)
                .containsExactly("~ status: \"NEW\" → \"PAID\"", "+ paidBy: \"card\"");
        assertThat(vm.versions().get(2).diff()).extracting(FieldChange::describe)
                .containsExactly("~ status: \"PAID\" → \"SHIPPED\"", "- paidBy: \"card\"");
        assertThat(vm.selectedProperty().get()).isSameAs(vm.versions().get(3));
        assertThat(vm.previousOf(vm.versions().get(1))).isSameAs(vm.versions().get(0));
        assertThat(vm.previousOf(vm.versions().get(0))).isNull();
        assertThat(vm.statusProperty().get()).startsWith("4 versions (1 deletion)");
        assertThat(vm.partitionNoteProperty().get()).isNull();
        assertThat(vm.notes()).anyMatch(n -> n.startsWith("searched only partition " + order7.get(0).partition()));
    }

    @Test
    void stateAsOfIsRightAtTheBoundaries() {
        KeyHistoryViewModel vm = vm(topic, UiExecutor.direct());
        vm.keyProperty().set("order-7");
        vm.search();
        vm.stateAsOf(Instant.ofEpochMilli(BASE + 2000));
        assertThat(vm.asOfProperty().get().state().get("status").asText()).isEqualTo("PAID");
        assertThat(vm.selectedProperty().get()).isSameAs(vm.versions().get(1));
        vm.stateAsOf(Instant.ofEpochMilli(BASE + 1999));
        assertThat(vm.asOfProperty().get().state().get("status").asText()).isEqualTo("NEW");
        vm.stateAsOf(Instant.ofEpochMilli(BASE + 999));
        assertThat(vm.asOfProperty().get().exists()).isFalse();
        assertThat(vm.asOfProperty().get().explanation()).contains("did not exist yet");
        vm.stateAsOf(Instant.ofEpochMilli(BASE + 60_000));
        assertThat(vm.asOfProperty().get().exists()).isFalse();
        assertThat(vm.asOfProperty().get().explanation()).startsWith("deleted").contains("tombstone");
        vm.stateAsOf(null);
        assertThat(vm.asOfProperty().get()).isNull();
    }

    @Test
    void aKeyInSeveralPartitionsIsSaidSoWhenAllPartitionsAreSearched() {
        KeyHistoryViewModel vm = vm(topic, UiExecutor.direct());
        vm.keyProperty().set("split");
        vm.allPartitionsProperty().set(true);
        vm.search();
        assertThat(vm.versions()).hasSize(3);
        assertThat(vm.versions()).extracting(v -> v.record().raw().partition()).containsExactly(0, 1, 2);
        assertThat(vm.partitionNoteProperty().get()).startsWith("This key lives in 3 partitions [0, 1, 2]");
    }

    @Test
    void theTimeWindowLimitsTheVersions() {
        KeyHistoryViewModel vm = vm(topic, UiExecutor.direct());
        vm.keyProperty().set("order-7");
        vm.fromProperty().set(Instant.ofEpochMilli(BASE + 1500));
        vm.toProperty().set(Instant.ofEpochMilli(BASE + 3000));
        vm.search();
        assertThat(vm.versions()).extracting(v -> v.record().raw().offset()).containsExactly(order7.get(1).offset(), order7.get(2).offset());
        vm.stateAsOf(Instant.ofEpochMilli(BASE + 1000));
        assertThat(vm.asOfProperty().get().explanation()).contains("before the searched window");
    }

    @Test
    void debeziumRowsShowTheOpAndTheEventsOwnDiff() {
        KeyHistoryViewModel vm = vm(cdcTopic, UiExecutor.direct());
        vm.keyProperty().set("{\"id\":1}");
        vm.search();
        assertThat(vm.versions()).extracting(VersionLabels::badge).containsExactly("c · create", "u · update", "d · delete");
        assertThat(vm.versions().get(1).diff()).extracting(FieldChange::describe).containsExactly("~ name: \"Ada\" → \"Ada L.\"");
        assertThat(vm.versions().get(2).deleted()).isTrue();
        assertThat(VersionLabels.badgeStyle(vm.versions().get(2))).isEqualTo("version-deleted");
    }

    @Test
    void badInputIsOneSentenceAndNothingRuns() {
        KeyHistoryViewModel vm = vm(topic, UiExecutor.direct());
        vm.search();
        assertThat(vm.errorProperty().get()).startsWith("type a key");
        vm.keyProperty().set("hex:zz");
        vm.search();
        assertThat(vm.errorProperty().get()).contains("not valid hex");
        vm.keyProperty().set("order-7");
        vm.fromProperty().set(Instant.ofEpochMilli(BASE + 5000));
        vm.toProperty().set(Instant.ofEpochMilli(BASE));
        vm.search();
        assertThat(vm.errorProperty().get()).contains("ends").contains("before it starts");
        assertThat(vm.versions()).isEmpty();
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void cancelStopsTheSearchAndTheHistorySaysItIsIncomplete() {
        List<Runnable> queued = new ArrayList<>();
        UiExecutor deferred = new UiExecutor() {
            @Override
            public void background(Runnable work) {
                queued.add(work);
            }

            @Override
            public void onFx(Runnable update) {
                update.run();
            }
        };
        KeyHistoryViewModel vm = vm(topic, deferred);
        vm.keyProperty().set("order-7");
        vm.search();
        assertThat(vm.busyProperty().get()).isTrue();
        vm.cancel();
        queued.forEach(Runnable::run);
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.historyProperty().get().cancelled()).isTrue();
        assertThat(vm.statusProperty().get()).contains("cancelled: incomplete");
        assertThat(vm.notes()).contains("the search was cancelled: the history is incomplete");
    }
}
