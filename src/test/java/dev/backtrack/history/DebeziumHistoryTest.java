package dev.backtrack.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.browse.Cancellation;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DebeziumHistoryTest {
    private static final long BASE = Instant.now().minus(Duration.ofMinutes(10)).toEpochMilli();
    private static final String SOURCE = "{\"connector\":\"postgresql\",\"db\":\"shop\",\"table\":\"customers\"}";
    private static KafkaClients clients;
    private static String topic;

    private static String event(String op, String before, String after, long ts) {
        return "{\"before\":" + before + ",\"after\":" + after + ",\"source\":" + SOURCE + ",\"op\":\"" + op + "\",\"ts_ms\":" + ts + "}";
    }

    /** The JSON converter with schemas.enable=true wraps the event: {"schema":{…},"payload":{…}}. */
    private static String enveloped(String event) {
        return "{\"schema\":{\"type\":\"struct\",\"name\":\"shop.customers.Envelope\"},\"payload\":" + event + "}";
    }

    @BeforeAll
    static void data() {
        clients = new KafkaClients(ConnectionSettings.plaintext(TestServers.bootstrap()));
        topic = TestTopics.create(TestServers.bootstrap(), "dbserver1.shop.customers", 3);
        String row1 = "{\"id\":1001,\"email\":\"sally@example.com\",\"city\":\"Lyon\"}";
        String row2 = "{\"id\":1001,\"email\":\"sally.t@example.com\",\"city\":\"Lyon\"}";
        String row3 = "{\"id\":1001,\"email\":\"sally.t@example.com\",\"city\":\"Ghent\",\"vip\":true}";
        String key = "{\"id\":1001}";
        String keyEnveloped = "{\"schema\":{\"type\":\"struct\"},\"payload\":{\"id\":1001}}";
        try (Produce p = new Produce()) {
            p.send(topic, KeyHistoryFinder.defaultPartition(Produce.utf8(key), 3), BASE, key, event("r", "null", row1, BASE));
            p.send(topic, null, BASE + 500, "{\"id\":1002}", event("c", "null", "{\"id\":1002}", BASE + 500));
            p.send(topic, KeyHistoryFinder.defaultPartition(Produce.utf8(key), 3), BASE + 1000, keyEnveloped, enveloped(event("u", row1, row2, BASE + 1000)));
            p.send(topic, KeyHistoryFinder.defaultPartition(Produce.utf8(key), 3), BASE + 2000, key, event("u", row2, row3, BASE + 2000));
            p.send(topic, KeyHistoryFinder.defaultPartition(Produce.utf8(key), 3), BASE + 3000, key, event("d", row3, "null", BASE + 3000));
            p.send(topic, KeyHistoryFinder.defaultPartition(Produce.utf8(key), 3), BASE + 3001, key, (String) null);
        }
    }

    @Test
    void rowHistoryIsTheSequenceOfAfterImagesWithEachEventsOwnDiff() {
        KeyHistory h = new KeyHistoryFinder(clients).find(topic, KeySpec.parse("{\"id\": 1001}"), TimeWindow.ALL, false,
                ScanProgress.NONE, Cancellation.none());
        assertThat(h.versions()).extracting(KeyVersion::kind).containsExactly(KeyVersion.Kind.CDC_SNAPSHOT, KeyVersion.Kind.CDC_UPDATE,
                KeyVersion.Kind.CDC_UPDATE, KeyVersion.Kind.CDC_DELETE, KeyVersion.Kind.TOMBSTONE);
        assertThat(h.versions()).extracting(v -> v.change() == null ? null : v.change().operation())
                .containsExactly("snapshot", "update", "update", "delete", null);
        List<List<String>> diffs = h.versions().stream().map(v -> v.diff().stream().map(FieldChange::describe).toList()).toList();
        assertThat(diffs.get(0)).containsExactly("+ id: 1001", "+ email: \"sally@example.com\"", "+ city: \"Lyon\"");
        assertThat(diffs.get(1)).containsExactly("~ email: \"sally@example.com\" → \"sally.t@example.com\"");
        assertThat(diffs.get(2)).containsExactly("~ city: \"Lyon\" → \"Ghent\"", "+ vip: true");
        assertThat(diffs.get(3)).containsExactly("- (value): {\"id\":1001,\"email\":\"sally.t@example.com\",\"city\":\"Ghent\",\"vip\":true}");
        assertThat(diffs.get(4)).isEmpty();
        // states are the after-images; deletes have none
        assertThat(h.versions().get(2).state().get("city").asText()).isEqualTo("Ghent");
        assertThat(h.versions().get(3).state()).isNull();
        assertThat(h.versions().get(3).deleted()).isTrue();
        assertThat(h.versions().get(1).change().source().get("table").asText()).isEqualTo("customers");
        assertThat(h.versions().get(1).change().tsMs()).isEqualTo(BASE + 1000);

        assertThat(h.stateAsOf(Instant.ofEpochMilli(BASE + 1500)).state().get("email").asText()).isEqualTo("sally.t@example.com");
        assertThat(h.stateAsOf(Instant.ofEpochMilli(BASE + 3000)).exists()).isFalse();
        assertThat(h.stateAsOf(Instant.ofEpochMilli(BASE + 3000)).explanation()).contains("delete event");
    }

    @Test
    void avroDecodedEventsWithUnionBranchesAreRecognised() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ChangeEvent e = ChangeEvent.recognise(json.readTree("{\"before\":null,\"after\":{\"dbserver1.shop.customers.Value\":{\"id\":7}},"
                + "\"source\":{\"connector\":\"mysql\"},\"op\":\"c\",\"ts_ms\":{\"long\":1700000000000}}")).orElseThrow();
        assertThat(e.operation()).isEqualTo("create");
        assertThat(e.before()).isNull();
        assertThat(e.after().get("id").asInt()).isEqualTo(7);
        assertThat(e.tsMs()).isEqualTo(1_700_000_000_000L);
        // ordinary values that happen to have an "op" field are not change events
        assertThat(ChangeEvent.recognise(json.readTree("{\"op\":\"c\",\"amount\":3}"))).isEmpty();
        assertThat(ChangeEvent.recognise(json.readTree("{\"op\":\"x\",\"before\":null,\"after\":{}}"))).isEmpty();
    }
}
