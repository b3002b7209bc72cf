package dev.backtrack.sandbox;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes dead letters that point at real records, read back from the broker: {@code orders-dlt} in the
 * Spring Kafka {@code DeadLetterPublishingRecoverer} format (binary big-endian partition/offset/timestamp
 * headers) and {@code sink-dlq} in the Kafka Connect format (all context headers as text).
 */
final class DeadLettersWriter {
    /** A Spring listener failure: top-level exception, root cause, messages, and whether a group id is known. */
    record Failure(String fqcn, String causeFqcn, String message, String causeMessage, boolean listenerFailure) {
        String headerMessage() {
            return message.equals(causeMessage) ? message : message + "; " + causeMessage;
        }
    }

    static final String LISTENER = "Listener method 'public void com.acme.fulfilment.OrderListener.onOrder("
            + "org.apache.kafka.clients.consumer.ConsumerRecord<java.lang.String, com.acme.orders.Order>)' threw exception";
    static final String LISTENER_FAILED = "org.springframework.kafka.listener.ListenerExecutionFailedException";
    static final List<Failure> FAILURES = List.of(
            new Failure(LISTENER_FAILED, "java.lang.IllegalStateException", LISTENER,
                    "Payment provider timed out after 30000 ms", true),
            new Failure(LISTENER_FAILED, "jakarta.validation.ConstraintViolationException", LISTENER,
                    "shippingAddress.postalCode: must match \"[0-9]{4,5}\"", true),
            new Failure(LISTENER_FAILED, "org.springframework.dao.DataIntegrityViolationException", LISTENER,
                    "could not execute statement; duplicate key value violates unique constraint \"orders_pkey\"", true),
            new Failure("org.springframework.kafka.support.serializer.DeserializationException",
                    "org.apache.avro.AvroRuntimeException", "failed to deserialize",
                    "Malformed data. Length is negative: -62", false));
    /** Why the flow's dead-lettered orders failed: the carrier could not take them. */
    static final Failure FLOW_FAILURE = new Failure(LISTENER_FAILED, "java.lang.IllegalStateException", LISTENER,
            "Carrier API returned 503 Service Unavailable", true);
    static final String CONSUMER_GROUP = "order-fulfilment";

    private final DemoRun run;

    DeadLettersWriter(DemoRun run) {
        this.run = run;
    }

    List<DemoManifest.DeadLetterFact> writeOrdersDlt() {
        Random random = DemoRun.random("orders-dlt");
        record Letter(int orderIndex, Failure failure, long timestamp, DemoRun.FlowOrder flow) {
        }
        List<Letter> letters = new ArrayList<>();
        Set<Integer> used = new HashSet<>();
        for (DemoRun.FlowOrder flow : run.flow) {
            used.add(flow.orderIndex);
            if (flow.deadLettered) {
                letters.add(new Letter(flow.orderIndex, FLOW_FAILURE, flow.lastTimestamp, flow));
            }
        }
        long latest = run.now.minus(Duration.ofMinutes(1)).toEpochMilli();
        while (letters.size() < run.sizes.deadLetters()) {
            int index = random.nextInt(run.orderTimestamps.length);
            if (used.add(index)) {
                Failure failure = FAILURES.get(letters.size() % FAILURES.size());
                long ts = Math.min(run.orderTimestamps[index] + 60_000 + random.nextInt(540_000), latest);
                letters.add(new Letter(index, failure, Math.max(ts, run.orderTimestamps[index]), null));
            }
        }
        letters.sort((a, b) -> Long.compare(a.timestamp(), b.timestamp()));
        String ordersTopic = run.topic(DemoTopic.ORDERS);
        List<DemoSends.Position> positions = letters.stream()
                .map(l -> new DemoSends.Position(run.orderPartitions[l.orderIndex()], run.orderOffsets[l.orderIndex()])).toList();
        Map<DemoSends.Position, ConsumerRecord<byte[], byte[]>> originals;
        try (KafkaConsumer<byte[], byte[]> consumer = run.consumer()) {
            originals = DemoSends.readBack(consumer, ordersTopic, positions);
        }
        DemoManifest.DeadLetterFact[] facts = new DemoManifest.DeadLetterFact[letters.size()];
        String topic = run.topic(DemoTopic.ORDERS_DLT);
        try (KafkaProducer<byte[], byte[]> producer = run.producer(DemoTopic.ORDERS_DLT, Map.of())) {
            DemoSends sends = new DemoSends(producer);
            for (int i = 0; i < letters.size(); i++) {
                Letter letter = letters.get(i);
                ConsumerRecord<byte[], byte[]> original = originals.get(positions.get(i));
                RecordHeaders headers = springHeaders(original, letter.failure());
                // DLPR sends to the original's partition when the dead-letter topic has it
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, original.partition(), letter.timestamp(),
                        original.key(), original.value(), headers);
                int slot = i;
                DemoRun.FlowOrder flow = letter.flow();
                String traceparent = flow == null ? null : lastText(original, "traceparent");
                sends.send(record, md -> {
                    facts[slot] = new DemoManifest.DeadLetterFact(md.partition(), md.offset(), original.partition(),
                            original.offset(), original.timestamp(), letter.failure().fqcn(), letter.failure().causeFqcn(),
                            flow != null);
                    if (flow != null) {
                        flow.lastStep = new DemoManifest.FlowStep(DemoTopic.ORDERS_DLT, md.partition(), md.offset(),
                                letter.timestamp(), traceparent);
                    }
                });
            }
            sends.flush("orders-dlt");
        }
        return List.of(facts);
    }

    /** The original headers (e.g. traceparent), then the {@code kafka_dlt-*} headers with Spring's exact encodings. */
    static RecordHeaders springHeaders(ConsumerRecord<byte[], byte[]> original, Failure failure) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : original.headers()) {
            headers.add(h.key(), h.value());
        }
        headers.add("kafka_dlt-original-topic", DemoRun.utf8(original.topic()));
        headers.add("kafka_dlt-original-partition", ByteBuffer.allocate(4).putInt(original.partition()).array());
        headers.add("kafka_dlt-original-offset", ByteBuffer.allocate(8).putLong(original.offset()).array());
        headers.add("kafka_dlt-original-timestamp", ByteBuffer.allocate(8).putLong(original.timestamp()).array());
        headers.add("kafka_dlt-original-timestamp-type", DemoRun.utf8(original.timestampType().toString()));
        if (failure.listenerFailure()) {
            headers.add("kafka_dlt-original-consumer-group", DemoRun.utf8(CONSUMER_GROUP));
        }
        headers.add("kafka_dlt-exception-fqcn", DemoRun.utf8(failure.fqcn()));
        headers.add("kafka_dlt-exception-cause-fqcn", DemoRun.utf8(failure.causeFqcn()));
        headers.add("kafka_dlt-exception-message", DemoRun.utf8(failure.headerMessage()));
        headers.add("kafka_dlt-exception-stacktrace", DemoRun.utf8(StackTraces.spring(failure)));
        return headers;
    }

    private static String lastText(ConsumerRecord<byte[], byte[]> record, String header) {
        Header h = record.headers().lastHeader(header);
        return h == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Connect-style dead letters of real {@code payments} records a JDBC sink could not write. */
    List<DemoManifest.SinkDeadLetterFact> writeSinkDlq(List<FlowTopicsWriter.PaymentRef> payments) {
        Random random = DemoRun.random("sink-dlq");
        List<FlowTopicsWriter.PaymentRef> chosen = new ArrayList<>(payments);
        Collections.shuffle(chosen, random);
        chosen = new ArrayList<>(chosen.subList(0, run.sizes.sinkDeadLetters()));
        chosen.sort((a, b) -> Long.compare(a.timestamp, b.timestamp));
        List<DemoSends.Position> positions = chosen.stream().map(p -> new DemoSends.Position(p.partition, p.offset)).toList();
        Map<DemoSends.Position, ConsumerRecord<byte[], byte[]>> originals;
        try (KafkaConsumer<byte[], byte[]> consumer = run.consumer()) {
            originals = DemoSends.readBack(consumer, run.topic(DemoTopic.PAYMENTS), positions);
        }
        DemoManifest.SinkDeadLetterFact[] facts = new DemoManifest.SinkDeadLetterFact[chosen.size()];
        String topic = run.topic(DemoTopic.SINK_DLQ);
        try (KafkaProducer<byte[], byte[]> producer = run.producer(DemoTopic.SINK_DLQ, Map.of())) {
            DemoSends sends = new DemoSends(producer);
            for (int i = 0; i < positions.size(); i++) {
                ConsumerRecord<byte[], byte[]> original = originals.get(positions.get(i));
                ConnectFailure failure = ConnectFailure.ALL.get(i % ConnectFailure.ALL.size());
                RecordHeaders headers = new RecordHeaders();
                for (Header h : original.headers()) {
                    headers.add(h.key(), h.value());
                }
                headers.add("__connect.errors.topic", DemoRun.utf8(original.topic()));
                headers.add("__connect.errors.partition", DemoRun.utf8(Integer.toString(original.partition())));
                headers.add("__connect.errors.offset", DemoRun.utf8(Long.toString(original.offset())));
                headers.add("__connect.errors.connector.name", DemoRun.utf8("jdbc-sink-payments"));
                headers.add("__connect.errors.task.id", DemoRun.utf8(Integer.toString(i % 2)));
                headers.add("__connect.errors.stage", DemoRun.utf8(failure.stage()));
                headers.add("__connect.errors.class.name", DemoRun.utf8(failure.className()));
                headers.add("__connect.errors.exception.class.name", DemoRun.utf8(failure.exceptionClass()));
                headers.add("__connect.errors.exception.message", DemoRun.utf8(failure.message()));
                headers.add("__connect.errors.exception.stacktrace", DemoRun.utf8(StackTraces.connect(failure)));
                // Connect keeps the original key, value, headers and timestamp; the DLQ has one partition
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, original.timestamp(),
                        original.key(), original.value(), headers);
                int slot = i;
                sends.send(record, md -> facts[slot] = new DemoManifest.SinkDeadLetterFact(md.offset(), original.partition(),
                        original.offset(), failure.stage(), failure.exceptionClass()));
            }
            sends.flush("sink-dlq");
        }
        return List.of(facts);
    }

    /** A Kafka Connect sink failure as the DLQ reporter describes it. */
    record ConnectFailure(String stage, String className, String exceptionClass, String message) {
        static final List<ConnectFailure> ALL = List.of(
                new ConnectFailure("TASK_PUT", "io.confluent.connect.jdbc.sink.JdbcSinkTask",
                        "java.sql.BatchUpdateException",
                        "Batch entry 0 INSERT INTO \"payments\" was aborted: ERROR: value too long for type character varying(8)"),
                new ConnectFailure("VALUE_CONVERTER", "org.apache.kafka.connect.json.JsonConverter",
                        "org.apache.kafka.connect.errors.DataException",
                        "JsonConverter with schemas.enable requires \"schema\" and \"payload\" fields and may not contain additional fields"),
                new ConnectFailure("TRANSFORMATION", "org.apache.kafka.connect.transforms.Cast$Value",
                        "org.apache.kafka.connect.errors.DataException",
                        "Cast transformation does not support casting to/from STRING for field amount"));
    }
}
