package dev.backtrack.ui.browse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.browse.Position;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import dev.backtrack.ui.common.UiExecutor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The browse view-model against the real broker, run synchronously without the FX toolkit. */
class BrowseViewModelTest {
    // recent enough that time retention (7 days by default) keeps the records
    private static final long T0 = Instant.now().minus(java.time.Duration.ofHours(6)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toEpochMilli();
    private static String topic;
    private static EngineBackend backend;

    @BeforeAll
    static void data() throws Exception {
        topic = TestTopics.create(TestServers.bootstrap(), "ui-vm", 3);
        try (KafkaProducer<byte[], byte[]> p = producer()) {
            for (int i = 0; i < 300; i++) {
                String json = "{\"n\":" + i + "}";
                p.send(new ProducerRecord<>(topic, i % 3, T0 + i * 60_000L, ("k" + i).getBytes(StandardCharsets.UTF_8),
                        json.getBytes(StandardCharsets.UTF_8))).get();
            }
        }
        backend = EngineBackend.connect(ConnectionSettings.plaintext(TestServers.bootstrap()), null);
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.bootstrap()),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Test
    void pagesForwardAndBackwardAndSeeksByTimeAndLastN() {
        BrowseViewModel vm = new BrowseViewModel(backend, UiExecutor.direct());
        vm.open(topic, 3, Position.BEGINNING);
        assertThat(vm.errorProperty().get()).isNull();
        assertThat(vm.rows()).hasSize(200);
        assertThat(vm.hasNextProperty().get()).isTrue();
        vm.nextPage();
        assertThat(vm.rows()).hasSize(100);
        assertThat(vm.rows()).allSatisfy(r -> assertThat(r.timestamp()).isGreaterThanOrEqualTo(T0 + 200 * 60_000L));
        vm.previousPage();
        assertThat(vm.rows()).hasSize(200);

        vm.seek(new Position.AtTimestamp(Instant.ofEpochMilli(T0 + 250 * 60_000L)));
        assertThat(vm.rows()).hasSize(50);
        assertThat(vm.rows().stream().mapToLong(MessageRow::timestamp).min().orElseThrow()).isEqualTo(T0 + 250 * 60_000L);

        vm.seekTimeWindow(Instant.ofEpochMilli(T0 + 10 * 60_000L), Instant.ofEpochMilli(T0 + 20 * 60_000L));
        assertThat(vm.rows()).extracting(MessageRow::valuePreview).hasSize(10).contains("{\"n\":10}").doesNotContain("{\"n\":20}");

        vm.seek(new Position.LastN(10));
        assertThat(vm.rows()).hasSize(10);

        vm.partitionProperty().set(1);
        vm.reload();
        assertThat(vm.rows()).isNotEmpty().allSatisfy(r -> assertThat(r.partition()).isEqualTo(1));
        assertThat(vm.commandLine()).contains("./backtrack browse " + topic).contains("-p 1").contains("--last 10");
    }

    @Test
    void timelineCountsEveryRecordOnce() {
        BrowseViewModel vm = new BrowseViewModel(backend, UiExecutor.direct());
        vm.open(topic, 3, Position.BEGINNING);
        var timeline = vm.timelineProperty().get();
        assertThat(timeline).isNotNull();
        long total = 0;
        for (int i = 0; i < timeline.buckets(); i++) {
            total += timeline.total(i);
        }
        assertThat(total).isEqualTo(300);
        assertThat(timeline.from()).isEqualTo(Instant.ofEpochMilli(T0));
    }

    @Test
    void liveTailShowsNewRecordsAndStops() throws Exception {
        String liveTopic = TestTopics.create(TestServers.bootstrap(), "ui-live", 1);
        BrowseViewModel vm = new BrowseViewModel(backend, UiExecutor.direct());
        vm.open(liveTopic, 1, Position.END);
        vm.startTail();
        await().atMost(Duration.ofSeconds(60)).until(() -> vm.tailingProperty().get());
        String marker = "{\"live\":\"" + System.nanoTime() + "\"}";
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            // the tail starts at the end seen when it started: keep sending until one arrives
            try (KafkaProducer<byte[], byte[]> p = producer()) {
                p.send(new ProducerRecord<>(liveTopic, 0, null, marker.getBytes(StandardCharsets.UTF_8))).get();
            }
            return vm.rows().stream().anyMatch(r -> r.valuePreview().equals(marker));
        });
        vm.stopTail();
        assertThat(vm.tailingProperty().get()).isFalse();
    }
}
