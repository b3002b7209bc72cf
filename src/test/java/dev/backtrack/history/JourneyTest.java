package dev.backtrack.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.archive.ArchiveEntry;
import dev.backtrack.archive.ArchiveReader;
import dev.backtrack.browse.Cancellation;
import dev.backtrack.codec.RecordDecoder;
import dev.backtrack.filter.RecordFilter;
import dev.backtrack.filter.SearchListener;
import dev.backtrack.filter.SearchRequest;
import dev.backtrack.filter.SearchResult;
import dev.backtrack.filter.SearchScan;
import dev.backtrack.filter.SearchScope;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A shop flow: each order goes orders → payments (+200 ms) → shipments (+700 ms), keyed and traced by the
 * order; every fifth order's payment fails and the order lands in the dead-letter topic (Spring headers).
 */
class JourneyTest {
    private static final long BASE = Instant.now().minus(Duration.ofMinutes(15)).toEpochMilli();
    private static final int ORDERS = 30;
    private static KafkaClients clients;
    private static String orders;
    private static String payments;
    private static String shipments;
    private static String dlt;
    private static List<String> topics;

    static String traceId(int order) {
        return String.format("%032x", 0xabc000L + order);
    }

    static String traceparent(int order, int step) {
        return "00-" + traceId(order) + "-" + String.format("%016x", order * 10L + step) + "-01";
    }

    @BeforeAll
    static void flow() {
        String bootstrap = TestServers.bootstrap();
        clients = new KafkaClients(ConnectionSettings.plaintext(bootstrap));
        orders = TestTopics.create(bootstrap, "orders", 3);
        payments = TestTopics.create(bootstrap, "payments", 2);
        shipments = TestTopics.create(bootstrap, "shipments", 3);
        dlt = TestTopics.create(bootstrap, "orders-dlt", 3);
        topics = List.of(orders, payments, shipments, dlt);
        try (Produce p = new Produce()) {
            for (int i = 1; i <= ORDERS; i++) {
                long t = BASE + i * 1000L;
                String key = "order-" + i;
                RecordMetadata order = p.send(orders, null, t, key, "{\"orderId\":" + i + ",\"amount\":" + (i * 3) + "}",
                        "traceparent", traceparent(i, 1), "correlation-id", "c-" + i);
                if (i % 5 == 0) {
                    List<Header> headers = List.of(new RecordHeader("traceparent", Produce.utf8(traceparent(i, 1))),
                            new RecordHeader("kafka_dlt-original-topic", Produce.utf8(orders)),
                            new RecordHeader("kafka_dlt-original-partition", ByteBuffer.allocate(4).putInt(order.partition()).array()),
                            new RecordHeader("kafka_dlt-original-offset", ByteBuffer.allocate(8).putLong(order.offset()).array()),
                            new RecordHeader("kafka_dlt-exception-fqcn", Produce.utf8("com.shop.PaymentDeclinedException")),
                            new RecordHeader("kafka_dlt-exception-message", Produce.utf8("card declined for order " + i)));
                    p.sendAsync(dlt, order.partition(), t + 300, Produce.utf8(key), Produce.utf8("{\"orderId\":" + i + ",\"amount\":" + (i * 3) + "}"), headers);
                } else {
                    p.send(payments, null, t + 200, key, "{\"orderId\":" + i + ",\"paymentId\":\"p-" + i + "\"}",
                            "traceparent", traceparent(i, 2), "correlation-id", "c-" + i);
                    p.send(shipments, null, t + 700, key, "{\"orderId\":" + i + ",\"carrier\":\"DHL\"}",
                            "traceparent", traceparent(i, 3), "correlation-id", "c-" + i);
                }
            }
            p.flush();
        }
    }

    private static Journey journey(Correlation c) {
        return new JourneyFinder(clients).find(topics, c, TimeWindow.ALL, ScanProgress.NONE, Cancellation.none());
    }

    @Test
    void journeyByTraceIdFindsEveryStepAcrossTheTopicsInTimeOrder() {
        Journey ok = journey(new Correlation.TraceId(traceId(7)));
        assertThat(ok.steps()).extracting(JourneyStep::topic).containsExactly(orders, payments, shipments);
        assertThat(ok.steps()).extracting(s -> s.sincePrevious() == null ? null : s.sincePrevious().toMillis()).containsExactly(null, 200L, 500L);
        assertThat(ok.steps()).extracting(s -> s.trace().spanId()).containsExactly("0000000000000047", "0000000000000048", "0000000000000049");
        assertThat(ok.steps()).allSatisfy(s -> assertThat(s.trace().sampled()).isTrue());
        assertThat(ok.steps()).extracting(s -> s.record().value().json().get("orderId").asInt()).containsOnly(7);
        assertThat(ok.deadLetters()).isEmpty();
        assertThat(ok.span()).isEqualTo(Duration.ofMillis(700));
        assertThat(ok.matchesPerTopic()).containsEntry(orders, 1).containsEntry(payments, 1).containsEntry(shipments, 1).containsEntry(dlt, 0);
        assertThat(ok.recordsScanned()).isEqualTo(ORDERS + 2L * (ORDERS - ORDERS / 5) + ORDERS / 5);

        Journey failed = journey(new Correlation.TraceId(traceId(10)));
        assertThat(failed.steps()).extracting(JourneyStep::topic).containsExactly(orders, dlt);
        JourneyStep letter = failed.steps().get(1);
        assertThat(letter.isDeadLetter()).isTrue();
        assertThat(letter.deadLetter().exceptionClass()).isEqualTo("com.shop.PaymentDeclinedException");
        assertThat(letter.deadLetter().exceptionMessage()).isEqualTo("card declined for order 10");
        assertThat(letter.deadLetter().originalTopic()).hasValue(orders);
        assertThat(letter.sincePrevious()).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void journeyByHeaderAndByKeyAndByARecordsOwnTrace() {
        assertThat(journey(Correlation.HeaderValue.parse("correlation-id=c-12")).steps()).extracting(JourneyStep::topic)
                .containsExactly(orders, payments, shipments);
        Journey byKey = journey(new Correlation.Key(KeySpec.parse("order-15")));
        assertThat(byKey.steps()).extracting(JourneyStep::topic).containsExactly(orders, dlt);
        // "follow this trace" from the dead letter's record
        RawRecord letter = byKey.steps().get(1).record().raw();
        assertThat(journey(Correlation.traceOf(letter)).steps()).extracting(s -> s.record().raw().coordinates())
                .containsExactlyElementsOf(byKey.steps().stream().map(s -> s.record().raw().coordinates()).toList());
    }

    @Test
    void journeyByCelEqualsTheUnionOfPerTopicSearches() {
        String expression = "value.orderId == 4 || value.orderId == 20 || value.paymentId == 'p-9'";
        Journey j = journey(new Correlation.Expression(expression));
        // the oracle: the browse search (filter.SearchScan), run topic by topic
        Set<String> union = new HashSet<>();
        SearchScan search = new SearchScan(clients, new RecordDecoder((dev.backtrack.kafka.RegistrySettings) null));
        for (String topic : topics) {
            SearchResult result = search.run(SearchRequest.of(topic, new SearchScope.WholeTopic(), RecordFilter.cel(expression)),
                    SearchListener.NONE, Cancellation.none());
            assertThat(result.complete()).isTrue();
            result.matches().forEach(r -> union.add(r.raw().coordinates()));
        }
        assertThat(union).hasSize(3 + 2 + 1);
        assertThat(j.steps()).extracting(s -> s.record().raw().coordinates()).containsExactlyInAnyOrderElementsOf(union);
        assertThat(j.steps()).isSortedAccordingTo((a, b) -> a.time().compareTo(b.time()));
        // records without a paymentId make the expression fail on them: they are counted and reported, not matched
        assertThat(j.notes()).anyMatch(n -> n.contains("could not be evaluated by the expression"));
    }

    @Test
    void aJourneyIsExportedAsALosslessArchive() throws Exception {
        Journey j = journey(new Correlation.TraceId(traceId(20)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(JourneyExport.write(j, "test-cluster", out, true)).isEqualTo(2);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text.lines().count()).isEqualTo(3);
        List<RawRecord> back = new ArrayList<>();
        try (ArchiveReader reader = new ArchiveReader(new java.io.ByteArrayInputStream(out.toByteArray()))) {
            for (ArchiveEntry e = reader.next(); e != null; e = reader.next()) {
                back.add(e.raw());
            }
        }
        assertThat(back).containsExactlyElementsOf(j.steps().stream().map(s -> s.record().raw()).toList());
    }

    @Test
    void aTimeWindowLimitsTheJourney() {
        long t = BASE + 7 * 1000L;
        Journey j = new JourneyFinder(clients).find(topics, new Correlation.TraceId(traceId(7)),
                new TimeWindow(Instant.ofEpochMilli(t + 200), Instant.ofEpochMilli(t + 200)), ScanProgress.NONE, Cancellation.none());
        assertThat(j.steps()).extracting(JourneyStep::topic).containsExactly(payments);
    }

    @Test
    void aJourneyReplaysToOneTopicExactlyAndPlansEachRecordToItsOwnTopic() {
        Journey ok = journey(new Correlation.TraceId(traceId(7)));
        assertThat(ok.steps()).hasSize(3);
        String target = TestTopics.create(TestServers.bootstrap(), "journey-replay", 2);

        JourneyReplay.Result result = JourneyReplay.run(ok, "test", clients, new JourneyReplay.Target.OneTopic(target),
                Cancellation.none(), dev.backtrack.replay.SendListener.NONE);
        assertThat(result.send().written()).isEqualTo(3);
        assertThat(result.send().failed()).isZero();
        List<RawRecord> landed = dev.backtrack.browse.TestData.readAll(TestServers.bootstrap(), target, false);
        assertThat(landed).hasSize(3);
        for (JourneyStep step : ok.steps()) {
            RawRecord source = step.record().raw();
            RawRecord copy = landed.stream().filter(r -> r.timestamp() == source.timestamp()).findFirst().orElseThrow();
            assertThat(copy.key()).isEqualTo(source.key());
            assertThat(copy.value()).isEqualTo(source.value());
            assertThat(copy.headers().subList(0, source.headers().size())).usingRecursiveFieldByFieldElementComparator()
                    .isEqualTo(source.headers());
            assertThat(new String(copy.lastHeader("backtrack.replay.source").value(), StandardCharsets.UTF_8))
                    .isEqualTo("test/" + source.topic() + "/" + source.partition() + "/" + source.offset());
            assertThat(new String(copy.lastHeader("backtrack.replay.id").value(), StandardCharsets.UTF_8)).isEqualTo(result.replayId());
        }

        List<dev.backtrack.replay.OutgoingRecord> own = JourneyReplay.plan(ok, "test", new JourneyReplay.Target.OwnTopics(), "id-1");
        assertThat(own).extracting(r -> r.topic() + "/" + r.partition())
                .containsExactlyElementsOf(ok.steps().stream().map(st -> st.topic() + "/" + st.record().raw().partition()).toList());
        assertThat(own).extracting(dev.backtrack.replay.OutgoingRecord::timestamp)
                .containsExactlyElementsOf(ok.steps().stream().map(st -> st.record().raw().timestamp()).toList());
    }
}
