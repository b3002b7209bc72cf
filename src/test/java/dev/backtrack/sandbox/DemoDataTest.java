package dev.backtrack.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.DynamicMessage;
import dev.backtrack.codec.RegisteredSchema;
import dev.backtrack.codec.SchemaInfo;
import dev.backtrack.codec.SchemaRegistryClient;
import dev.backtrack.codec.WireFormat;
import dev.backtrack.kafka.RegistrySettings;
import dev.backtrack.sandbox.DemoManifest.HostileKind;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo data on small sizes, on the shared in-process cluster and the real registry, is exactly as specified. */
class DemoDataTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String bootstrap;
    private static DemoManifest manifest;

    @BeforeAll
    static void createDemoData() {
        bootstrap = TestServers.bootstrap();
        String prefix = TestTopics.unique("demo") + ".";
        manifest = DemoData.create(bootstrap, TestServers.registryUrl(), DemoSizes.SMALL, prefix, m -> { });
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(DemoTopic topic) {
        return TopicReader.readAll(bootstrap, manifest.topic(topic), IsolationLevel.READ_COMMITTED);
    }

    @Test
    void everyTopicHasItsPartitionsAndExactCount() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            var descriptions = admin.describeTopics(manifest.topics().values()).allTopicNames().get();
            for (DemoTopic topic : DemoTopic.values()) {
                assertThat(descriptions.get(manifest.topic(topic)).partitions()).as(topic.name()).hasSize(topic.partitions());
            }
        }
        DemoSizes s = DemoSizes.SMALL;
        assertThat(manifest.count(DemoTopic.ORDERS)).isEqualTo(s.orders());
        assertThat(manifest.count(DemoTopic.PAYMENTS)).isEqualTo(s.payments());
        assertThat(manifest.count(DemoTopic.SHIPMENTS)).isEqualTo(s.shipments());
        assertThat(manifest.count(DemoTopic.ORDERS_DLT)).isEqualTo(s.deadLetters());
        assertThat(manifest.count(DemoTopic.SINK_DLQ)).isEqualTo(s.sinkDeadLetters());
        assertThat(manifest.count(DemoTopic.HOSTILE)).isEqualTo(HostileKind.values().length);
        for (DemoTopic topic : List.of(DemoTopic.ORDERS, DemoTopic.ORDERS_V2, DemoTopic.PAYMENTS, DemoTopic.SHIPMENTS,
                DemoTopic.ORDERS_DLT, DemoTopic.SINK_DLQ, DemoTopic.HOSTILE, DemoTopic.CDC_CUSTOMERS, DemoTopic.LEDGER)) {
            assertThat((long) read(topic).size()).as(topic.name()).isEqualTo(manifest.count(topic));
        }
    }

    @Test
    void ordersAreFramedAvroWithEveryFieldKindSpreadOverSevenDaysWithABurst() throws Exception {
        var orders = read(DemoTopic.ORDERS);
        var reader = new GenericDatumReader<GenericRecord>(DemoSchemas.orderV1());
        Set<Integer> partitions = new HashSet<>();
        long inBurst = 0;
        for (var r : orders) {
            assertThat(r.value()[0]).isEqualTo((byte) 0);
            assertThat(ByteBuffer.wrap(r.value(), 1, 4).getInt()).isEqualTo(manifest.schemas().ordersV1Id());
            GenericRecord order = reader.read(null, DecoderFactory.get().binaryDecoder(r.value(), 5, r.value().length - 5, null));
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(order.get("customerId").toString());
            assertThat((Long) order.get("createdAt")).isEqualTo(r.timestamp());
            assertThat(r.timestamp()).isBetween(manifest.orders().from().toEpochMilli(), manifest.orders().to().toEpochMilli());
            if (r.timestamp() >= manifest.orders().burstFrom().toEpochMilli() && r.timestamp() < manifest.orders().burstTo().toEpochMilli()) {
                inBurst++;
            }
            partitions.add(r.partition());
        }
        assertThat(partitions).hasSize(6);
        assertThat(inBurst).isEqualTo(manifest.orders().burstRecords()).isGreaterThanOrEqualTo(DemoSizes.SMALL.orders() * 8 / 100);
        assertThat(Duration.between(manifest.orders().from(), manifest.orders().to())).isGreaterThan(Duration.ofDays(6));
        var schema = DemoSchemas.orderV1();
        assertThat(schema.getField("shippingAddress").schema().getType().getName()).isEqualTo("record");
        assertThat(schema.getField("total").schema().getLogicalType().getName()).isEqualTo("decimal");
        assertThat(schema.getField("createdAt").schema().getLogicalType().getName()).isEqualTo("timestamp-millis");
        assertThat(schema.getField("orderUuid").schema().getLogicalType().getName()).isEqualTo("uuid");
    }

    @Test
    void ordersV2HoldsTwoDistinctSchemaIdsOfTheSameSubject() {
        var ids = read(DemoTopic.ORDERS_V2).stream().map(r -> ByteBuffer.wrap(r.value(), 1, 4).getInt())
                .collect(Collectors.groupingBy(i -> i, Collectors.counting()));
        var schemas = manifest.schemas();
        assertThat(schemas.ordersV1Id()).isNotEqualTo(schemas.ordersV2Id());
        assertThat(ids).containsOnlyKeys(schemas.ordersV1Id(), schemas.ordersV2Id());
        assertThat(ids.values()).containsOnly((long) DemoSizes.SMALL.ordersV2PerVersion());
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistrySettings.of(TestServers.registryUrl()));
        assertThat(registry.versions(schemas.ordersSubject())).hasSize(2);
        assertThat(registry.getSchemaById(schemas.ordersV2Id()).schema()).contains("salesChannel");
        assertThat(registry.getSchemaById(schemas.ordersV1Id()).schema()).doesNotContain("salesChannel");
    }

    @Test
    void shipmentsAreProtobufWithANestedMessageType() throws Exception {
        var schemas = manifest.schemas();
        RegisteredSchema registered = new SchemaRegistryClient(RegistrySettings.of(TestServers.registryUrl()))
                .getSchemaById(schemas.shipmentsId());
        assertThat(registered.type()).isEqualTo(SchemaInfo.SchemaType.PROTOBUF);
        assertThat(registered.schema()).contains("message ShipmentEnvelope").contains("message Shipment");
        for (var r : read(DemoTopic.SHIPMENTS)) {
            assertThat(ByteBuffer.wrap(r.value(), 1, 4).getInt()).isEqualTo(schemas.shipmentsId());
            var indexes = WireFormat.readMessageIndexes(r.value(), 5);
            assertThat(indexes.indexes()).containsExactly(1, 0);
            DynamicMessage shipment = DynamicMessage.parseFrom(DemoSchemas.shipment(),
                    Arrays.copyOfRange(r.value(), indexes.end(), r.value().length));
            assertThat(shipment.getField(DemoSchemas.shipment().findFieldByName("order_id")).toString())
                    .isEqualTo(new String(r.key(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void springDeadLettersCarryTheExactBinaryHeadersOfRealOrders() {
        Set<String> exceptions = new HashSet<>();
        for (var fact : manifest.deadLetters()) {
            var dlt = TopicReader.readAt(bootstrap, manifest.topic(DemoTopic.ORDERS_DLT), fact.dltPartition(), fact.dltOffset());
            var original = TopicReader.readAt(bootstrap, manifest.topic(DemoTopic.ORDERS), fact.originalPartition(), fact.originalOffset());
            assertThat(dlt.key()).isEqualTo(original.key());
            assertThat(dlt.value()).isEqualTo(original.value());
            assertThat(dlt.partition()).isEqualTo(original.partition());
            assertThat(header(dlt, "kafka_dlt-original-topic")).isEqualTo(manifest.topic(DemoTopic.ORDERS).getBytes(StandardCharsets.UTF_8));
            assertThat(header(dlt, "kafka_dlt-original-partition")).isEqualTo(ByteBuffer.allocate(4).putInt(original.partition()).array());
            assertThat(header(dlt, "kafka_dlt-original-offset")).isEqualTo(ByteBuffer.allocate(8).putLong(original.offset()).array());
            assertThat(header(dlt, "kafka_dlt-original-timestamp")).isEqualTo(ByteBuffer.allocate(8).putLong(original.timestamp()).array());
            assertThat(text(dlt, "kafka_dlt-original-timestamp-type")).isEqualTo("CreateTime");
            assertThat(text(dlt, "kafka_dlt-exception-fqcn")).isEqualTo(fact.exceptionFqcn());
            assertThat(text(dlt, "kafka_dlt-exception-cause-fqcn")).isEqualTo(fact.causeFqcn());
            assertThat(text(dlt, "kafka_dlt-exception-message")).isNotBlank();
            assertThat(text(dlt, "kafka_dlt-exception-stacktrace")).startsWith(fact.exceptionFqcn() + ": ").contains("Caused by: " + fact.causeFqcn());
            if (fact.exceptionFqcn().endsWith("ListenerExecutionFailedException")) {
                assertThat(text(dlt, "kafka_dlt-original-consumer-group")).isEqualTo("order-fulfilment");
            } else {
                assertThat(dlt.headers().lastHeader("kafka_dlt-original-consumer-group")).isNull();
            }
            exceptions.add(fact.causeFqcn());
        }
        assertThat(exceptions.size()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void connectDeadLettersCarryTextHeadersAndTheOriginalBytes() {
        var records = read(DemoTopic.SINK_DLQ);
        assertThat(records).hasSize(manifest.sinkDeadLetters().size());
        for (var fact : manifest.sinkDeadLetters()) {
            var dlq = records.stream().filter(r -> r.offset() == fact.dlqOffset()).findFirst().orElseThrow();
            var original = TopicReader.readAt(bootstrap, manifest.topic(DemoTopic.PAYMENTS), fact.originalPartition(), fact.originalOffset());
            assertThat(dlq.value()).isEqualTo(original.value());
            assertThat(dlq.key()).isEqualTo(original.key());
            assertThat(dlq.timestamp()).isEqualTo(original.timestamp());
            assertThat(text(dlq, "__connect.errors.topic")).isEqualTo(manifest.topic(DemoTopic.PAYMENTS));
            assertThat(text(dlq, "__connect.errors.partition")).isEqualTo(Integer.toString(original.partition()));
            assertThat(text(dlq, "__connect.errors.offset")).isEqualTo(Long.toString(original.offset()));
            assertThat(text(dlq, "__connect.errors.connector.name")).isEqualTo("jdbc-sink-payments");
            assertThat(text(dlq, "__connect.errors.task.id")).matches("[0-9]+");
            assertThat(text(dlq, "__connect.errors.stage")).isEqualTo(fact.stage());
            assertThat(text(dlq, "__connect.errors.class.name")).isNotBlank();
            assertThat(text(dlq, "__connect.errors.exception.class.name")).isEqualTo(fact.exceptionClass());
            assertThat(text(dlq, "__connect.errors.exception.message")).isNotBlank();
            assertThat(text(dlq, "__connect.errors.exception.stacktrace")).startsWith(fact.exceptionClass());
        }
    }

    @Test
    void ledgerHasAbortedTransactions() {
        var committed = TopicReader.readAll(bootstrap, manifest.topic(DemoTopic.LEDGER), IsolationLevel.READ_COMMITTED);
        var uncommitted = TopicReader.readAll(bootstrap, manifest.topic(DemoTopic.LEDGER), IsolationLevel.READ_UNCOMMITTED);
        assertThat(manifest.ledger().abortedTransactions()).isEqualTo(DemoSizes.SMALL.ledgerAbortedTransactions()).isPositive();
        assertThat(committed).hasSize((int) manifest.ledger().committedRecords());
        assertThat(uncommitted).hasSize((int) (manifest.ledger().committedRecords() + manifest.ledger().abortedRecords()));
        assertThat(uncommitted.size()).isGreaterThan(committed.size());
        assertThat(committed).noneMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains("aborted"));
    }

    @Test
    void compactedCustomersShowOffsetGapsAndKeepTombstones() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            var records = read(DemoTopic.CUSTOMERS);
            assertThat(records.size()).isLessThan((int) manifest.customers().produced());
            boolean gap = false;
            for (int i = 1; i < records.size(); i++) {
                gap |= records.get(i).offset() > records.get(i - 1).offset() + 1;
            }
            assertThat(gap).as("offset gaps after compaction").isTrue();
        });
        var tombstones = read(DemoTopic.CUSTOMERS).stream().filter(r -> r.value() == null)
                .map(r -> new String(r.key(), StandardCharsets.UTF_8)).collect(Collectors.toSet());
        assertThat(tombstones).containsExactlyInAnyOrderElementsOf(manifest.customers().tombstonedKeys());
    }

    @Test
    void hostileRecordsAreWhereTheManifestSays() {
        Map<Long, ConsumerRecord<byte[], byte[]>> byOffset = read(DemoTopic.HOSTILE).stream()
                .collect(Collectors.toMap(ConsumerRecord::offset, r -> r));
        var at = manifest.hostileOffsets();
        assertThat(at).containsOnlyKeys(HostileKind.values());
        assertThat(byOffset.get(at.get(HostileKind.BINARY_KEY)).key()).isEqualTo(HostileWriter.BINARY_KEY);
        assertThat(byOffset.get(at.get(HostileKind.HUGE_VALUE)).value()).hasSize(5 * 1024 * 1024);
        byte[] unknown = byOffset.get(at.get(HostileKind.UNKNOWN_SCHEMA_ID)).value();
        assertThat(unknown[0]).isZero();
        assertThat(ByteBuffer.wrap(unknown, 1, 4).getInt()).isEqualTo(9001);
        byte[] truncated = byOffset.get(at.get(HostileKind.TRUNCATED_AVRO)).value();
        assertThat(ByteBuffer.wrap(truncated, 1, 4).getInt()).isEqualTo(manifest.schemas().ordersV1Id());
        assertThat(byOffset.get(at.get(HostileKind.EMPTY_VALUE)).value()).isEmpty();
        assertThat(byOffset.get(at.get(HostileKind.NULL_VALUE)).value()).isNull();
        var headers = byOffset.get(at.get(HostileKind.BINARY_HEADERS)).headers();
        assertThat(headers.lastHeader("bad-utf8").value()).isEqualTo(new byte[] {(byte) 0xc3, 0x28, (byte) 0xa0, (byte) 0xa1});
        assertThat(headers.lastHeader("null").value()).isNull();
        assertThat(headers.headers("binary")).hasSize(2);
    }

    @Test
    void theFlowCrossesOrdersPaymentsShipmentsOrTheDeadLetterTopicUnderOneTraceId() throws Exception {
        assertThat(manifest.flows()).hasSize(DemoSizes.SMALL.flowOrders());
        assertThat(manifest.flows().stream().filter(DemoManifest.FlowFact::deadLettered).count())
                .isEqualTo(DemoSizes.SMALL.flowDeadLetters()).isPositive();
        for (var flow : manifest.flows()) {
            var steps = flow.steps();
            assertThat(steps).extracting(DemoManifest.FlowStep::topic).containsExactly(DemoTopic.ORDERS, DemoTopic.PAYMENTS,
                    flow.deadLettered() ? DemoTopic.ORDERS_DLT : DemoTopic.SHIPMENTS);
            Set<String> spans = new HashSet<>();
            long previous = 0;
            for (var step : steps) {
                var r = TopicReader.readAt(bootstrap, manifest.topic(step.topic()), step.partition(), step.offset());
                String traceparent = text(r, "traceparent");
                assertThat(traceparent).isEqualTo(step.traceparent()).matches("00-" + flow.traceId() + "-[0-9a-f]{16}-01");
                assertThat(text(r, "correlation-id")).isEqualTo("order-" + flow.orderId());
                assertThat(r.timestamp()).isEqualTo(step.timestamp()).isGreaterThan(previous);
                previous = r.timestamp();
                spans.add(traceparent.substring(36, 52));
                if (step.topic() == DemoTopic.PAYMENTS) {
                    JsonNode payment = JSON.readTree(r.value());
                    assertThat(payment.get("orderId").asLong()).isEqualTo(flow.orderId());
                }
            }
            // the dead letter keeps the original order's headers, so it shares the order's span
            assertThat(spans).hasSize(flow.deadLettered() ? 2 : 3);
        }
    }

    @Test
    void changeDataCaptureTopicHasDebeziumEventsWithADeleteAndItsTombstone() throws Exception {
        var records = read(DemoTopic.CDC_CUSTOMERS);
        assertThat(records).hasSize(manifest.cdc().events());
        Set<String> ops = new HashSet<>();
        for (int i = 0; i < records.size(); i++) {
            var r = records.get(i);
            if (r.value() == null) {
                assertThat(JSON.readTree(r.key()).get("id").asInt()).isEqualTo(manifest.cdc().deletedRowId());
                JsonNode delete = JSON.readTree(records.get(i - 1).value());
                assertThat(delete.get("op").asText()).isEqualTo("d");
                assertThat(delete.get("after").isNull()).isTrue();
                continue;
            }
            JsonNode event = JSON.readTree(r.value());
            ops.add(event.get("op").asText());
            assertThat(event.get("source").get("table").asText()).isEqualTo("customers");
            assertThat(event.has("ts_ms")).isTrue();
        }
        assertThat(ops).containsExactlyInAnyOrder("r", "u", "c", "d");
    }

    @Test
    void manifestSurvivesASaveAndLoad(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("manifest.json");
        manifest.save(file);
        assertThat(Files.size(file)).isPositive();
        assertThat(DemoManifest.load(file)).isEqualTo(manifest);
    }

    private static byte[] header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        assertThat(h).as(name).isNotNull();
        return h.value();
    }

    private static String text(ConsumerRecord<byte[], byte[]> r, String name) {
        return new String(header(r, name), StandardCharsets.UTF_8);
    }
}
