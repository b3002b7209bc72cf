package dev.backtrack.ui.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.history.Correlation;
import dev.backtrack.history.JourneyFinder;
import dev.backtrack.history.JourneyStep;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.kafka.TopicCatalog;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import dev.backtrack.ui.common.UiExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journey view-model against the real test broker: orders → payments → shipments by trace id and by correlation id. */
class JourneyViewModelTest {
    private static final long BASE = Instant.now().minus(Duration.ofHours(3)).toEpochMilli();
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String B3 = "80f198ee56343ba864fe8b2a57d3eff7";
    private static KafkaClients clients;
    private static String orders;
    private static String payments;
    private static String shipments;
    private static RecordMetadata order;
    private static RecordMetadata payment;
    private static RecordMetadata shipment;

    @BeforeAll
    static void data() {
        clients = new KafkaClients(ConnectionSettings.plaintext(TestServers.bootstrap()));
        orders = TestTopics.create(TestServers.bootstrap(), "ui-journey-orders", 3);
        payments = TestTopics.create(TestServers.bootstrap(), "ui-journey-payments", 2);
        shipments = TestTopics.create(TestServers.bootstrap(), "ui-journey-shipments", 1);
        try (TestProducer p = new TestProducer()) {
            for (int i = 0; i < 20; i++) {
                p.send(orders, null, BASE + i * 1000L, "c" + i, "{\"orderId\":" + (100 + i) + "}",
                        "traceparent", "00-" + String.format("%032x", i + 1L) + "-00f067aa0ba902b7-01", "correlation-id", "order-" + (100 + i));
            }
            order = p.send(orders, null, BASE + 30_000, "c42", "{\"orderId\":42}",
                    "traceparent", "00-" + TRACE + "-00f067aa0ba902b7-01", "correlation-id", "order-42");
            payment = p.send(payments, null, BASE + 75_000, "42", "{\"orderId\":42,\"status\":\"CAPTURED\"}",
                    "traceparent", "00-" + TRACE + "-1111111111111111-01", "correlation-id", "order-42");
            p.send(payments, null, BASE + 40_000, "b3-1", "{\"n\":1}", "b3", B3 + "-e457b5a2e4d86bd1-1");
            p.send(shipments, null, BASE + 50_000, "b3-2", "{\"n\":2}", "b3", B3 + "-a2fb4a1d1a96d312-1-e457b5a2e4d86bd1");
            p.send(shipments, null, BASE + 51_000, "b3-3", "{\"n\":3}", "b3", "00000000000000000000000000000001-a2fb4a1d1a96d312-1");
            // the shipment comes two hours later: outside a ± 1 hour window around the order
            shipment = p.send(shipments, null, BASE + 30_000 + 2 * 3_600_000L, "42", "{\"orderId\":42,\"carrier\":\"DHL\"}",
                    "traceparent", "00-" + TRACE + "-2222222222222222-00", "correlation-id", "order-42");
        }
    }

    private static JourneyViewModel vm() {
        JourneyViewModel vm = new JourneyViewModel(new JourneyFinder(clients),
                () -> List.of(orders, payments, shipments, "_schemas"), "test", UiExecutor.direct());
        vm.loadTopics(null);
        vm.correlationProperty().set(new Correlation.TraceId(TRACE));
        vm.anchorProperty().set(Instant.ofEpochMilli(BASE + 30_000));
        return vm;
    }

    private static String coordinates(RecordMetadata m) {
        return m.topic() + "/" + m.partition() + "@" + m.offset();
    }

    @Test
    void theTopicChecklistDefaultsToEveryTopicExceptUnderscoreOnes() {
        JourneyViewModel vm = vm();
        assertThat(vm.topics()).extracting(JourneyViewModel.TopicChoice::name).containsExactly("_schemas", orders, payments, shipments);
        assertThat(vm.selectedTopics()).containsExactly(orders, payments, shipments);
        JourneyViewModel real = new JourneyViewModel(new JourneyFinder(clients),
                () -> new TopicCatalog(clients).topics(false).stream().map(dev.backtrack.kafka.TopicInfo::name).toList(), "test",
                UiExecutor.direct());
        real.loadTopics(null);
        assertThat(real.selectedTopics()).contains(orders, payments, shipments);
    }

    @Test
    void aJourneyByTraceIdFindsEveryStepInTimeOrderWithTheGaps() {
        JourneyViewModel vm = vm();
        vm.spanProperty().set(JourneyViewModel.WindowSpan.HOURS_6);
        vm.search();
        assertThat(vm.errorProperty().get()).isNull();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.steps()).extracting(s -> s.record().raw().coordinates())
                .containsExactly(coordinates(order), coordinates(payment), coordinates(shipment));
        assertThat(vm.steps()).extracting(JourneyStep::sincePrevious)
                .containsExactly(null, Duration.ofSeconds(45), Duration.ofMillis(2 * 3_600_000L - 45_000));
        assertThat(vm.steps().get(2).trace().sampled()).isFalse();
        assertThat(vm.selectedProperty().get()).isSameAs(vm.steps().get(0));
        assertThat(vm.statusProperty().get()).startsWith("3 steps in 3 topics over 2 h");
        assertThat(vm.journeyProperty().get().matchesPerTopic()).containsEntry(orders, 1).containsEntry(payments, 1).containsEntry(shipments, 1);
    }

    @Test
    void stepsOutsideTheWindowAreMissingNotGuessed() {
        JourneyViewModel vm = vm();
        assertThat(vm.spanProperty().get()).isEqualTo(JourneyViewModel.WindowSpan.HOUR_1);
        assertThat(vm.window().from()).isEqualTo(Instant.ofEpochMilli(BASE + 30_000).minus(Duration.ofHours(1)));
        vm.search();
        assertThat(vm.steps()).extracting(s -> s.record().raw().coordinates()).containsExactly(coordinates(order), coordinates(payment));
        vm.selectOnly(List.of(payments, shipments));
        vm.spanProperty().set(JourneyViewModel.WindowSpan.ALL);
        vm.search();
        assertThat(vm.steps()).extracting(s -> s.record().raw().coordinates()).containsExactly(coordinates(payment), coordinates(shipment));
    }

    @Test
    void aRecordWithOnlyACorrelationHeaderIsFollowedByThatHeader() {
        RawRecord noTrace = new RawRecord(orders, 0, 0, BASE, TimestampType.CREATE_TIME, null, null,
                List.of(RawHeader.utf8("Correlation-Id", "order-42")));
        Correlation c = FollowTarget.correlationOf(noTrace).orElseThrow();
        assertThat(c).isEqualTo(new Correlation.HeaderValue("Correlation-Id", "order-42"));
        JourneyViewModel vm = vm();
        vm.correlationProperty().set(new Correlation.HeaderValue("correlation-id", "order-42"));
        vm.spanProperty().set(JourneyViewModel.WindowSpan.ALL);
        vm.search();
        assertThat(vm.steps()).hasSize(3);
    }

    @Test
    void aB3TraceIsFollowedAcrossTopicsWithoutNoiseFromRecordsWithoutB3() {
        RawRecord first = new RawRecord(payments, 0, 0, BASE, TimestampType.CREATE_TIME, null, null,
                List.of(RawHeader.utf8("b3", B3 + "-e457b5a2e4d86bd1-1")));
        JourneyViewModel vm = vm();
        vm.correlationProperty().set(FollowTarget.correlationOf(first).orElseThrow());
        vm.search();
        assertThat(vm.steps()).extracting(s -> s.record().raw().key()).extracting(k -> new String(k, java.nio.charset.StandardCharsets.UTF_8))
                .containsExactly("b3-1", "b3-2");
        assertThat(vm.journeyProperty().get().notes()).isEmpty();
    }

    @Test
    void exportWritesTheStepsAsAnArchive(@TempDir Path dir) throws Exception {
        JourneyViewModel vm = vm();
        vm.spanProperty().set(JourneyViewModel.WindowSpan.ALL);
        vm.export(dir.resolve("none.jsonl"), null);
        assertThat(vm.errorProperty().get()).isEqualTo("there is no journey to export");
        vm.search();
        Path file = dir.resolve("journey.jsonl");
        vm.export(file, null);
        assertThat(vm.statusProperty().get()).isEqualTo("Exported 3 records to journey.jsonl");
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).contains(orders);
        assertThat(lines.get(3)).contains(shipments);
    }

    @Test
    void replayWritesTheStepsToOneTopicWithCountsAndChecksum() {
        JourneyViewModel vm = vm();
        vm.spanProperty().set(JourneyViewModel.WindowSpan.ALL);
        vm.search();
        assertThat(vm.steps()).hasSize(3);
        String target = dev.backtrack.testing.TestTopics.create(TestServers.bootstrap(), "journey-target", 1);
        vm.replay(new dev.backtrack.history.JourneyReplay.Target.OneTopic(target), null);
        assertThat(vm.errorProperty().get()).isEqualTo("replay is not available here");
        vm.enableReplay(clients);
        vm.replay(new dev.backtrack.history.JourneyReplay.Target.OneTopic(target), null);
        assertThat(vm.errorProperty().get()).isNull();
        assertThat(vm.statusProperty().get()).startsWith("Replayed 3 of 3 records · checksum ");
        assertThat(dev.backtrack.browse.TestData.readAll(TestServers.bootstrap(), target, false))
                .extracting(r -> new String(r.value(), java.nio.charset.StandardCharsets.UTF_8))
                .containsExactlyElementsOf(vm.steps().stream().map(st -> new String(st.record().raw().value(),
                        java.nio.charset.StandardCharsets.UTF_8)).toList());
    }

    @Test
    void nothingToFollowOrNoTopicIsOneSentence() {
        JourneyViewModel vm = vm();
        vm.selectOnly(List.of());
        vm.search();
        assertThat(vm.errorProperty().get()).isEqualTo("check at least one topic to search");
        vm.correlationProperty().set(null);
        vm.search();
        assertThat(vm.errorProperty().get()).startsWith("nothing to follow");
        assertThat(vm.steps()).isEmpty();
    }
}
