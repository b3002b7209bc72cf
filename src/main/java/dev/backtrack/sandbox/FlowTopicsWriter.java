package dev.backtrack.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import dev.backtrack.codec.WireFormat;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes {@code payments} (JSON, keyed by order id) and {@code shipments} (Protobuf, nested message type,
 * keyed by order id). The flow's orders get a payment and then a shipment, each step with the order's
 * trace id and a new span id; the dead-lettered ones get no shipment (the dead-letter writer adds their
 * last step).
 */
final class FlowTopicsWriter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] METHODS = {"CARD", "CARD", "PAYPAL", "SEPA", "KLARNA"};
    private static final String[][] CARRIERS = {{"DHL", "DHL Parcel"}, {"UPS", "UPS Standard"}, {"PNL", "PostNL"},
        {"GLS", "GLS Euro Business"}};

    private final DemoRun run;
    /** Non-flow payments in time order with where they landed, for the Connect DLQ to copy. */
    final List<PaymentRef> payments = new ArrayList<>();

    FlowTopicsWriter(DemoRun run) {
        this.run = run;
    }

    static final class PaymentRef {
        final int orderIndex;
        final long timestamp;
        final String status;
        final DemoRun.FlowOrder flow;
        volatile int partition = -1;
        volatile long offset = -1;

        PaymentRef(int orderIndex, long timestamp, String status, DemoRun.FlowOrder flow) {
            this.orderIndex = orderIndex;
            this.timestamp = timestamp;
            this.status = status;
            this.flow = flow;
        }
    }

    void writePayments() {
        Random random = DemoRun.random("payments");
        List<PaymentRef> all = new ArrayList<>();
        Set<Integer> flowIndexes = new HashSet<>();
        for (DemoRun.FlowOrder flow : run.flow) {
            flowIndexes.add(flow.orderIndex);
            flow.paymentTimestamp = run.orderTimestamps[flow.orderIndex] + 20_000 + random.nextInt(70_000);
            all.add(new PaymentRef(flow.orderIndex, flow.paymentTimestamp, "CAPTURED", flow));
        }
        long latest = run.now.minus(Duration.ofMinutes(1)).toEpochMilli();
        List<Integer> eligible = new ArrayList<>();
        for (int i = 0; i < run.orderTimestamps.length; i++) {
            if (!flowIndexes.contains(i)) {
                eligible.add(i);
            }
        }
        Collections.shuffle(eligible, random);
        int remaining = run.sizes.payments() - run.flow.size();
        for (int k = 0; remaining > 0; k++) {
            int order = eligible.get(k);
            long ts = Math.min(run.orderTimestamps[order] + 30_000 + random.nextInt(1_800_000), latest);
            if (remaining >= 2 && random.nextInt(5) == 0) {
                all.add(new PaymentRef(order, ts, "AUTHORIZED", null));
                all.add(new PaymentRef(order, ts + 60_000 + random.nextInt(540_000), "CAPTURED", null));
                remaining -= 2;
            } else {
                all.add(new PaymentRef(order, ts, "CAPTURED", null));
                remaining--;
            }
        }
        all.sort(Comparator.comparingLong(p -> p.timestamp));
        String topic = run.topic(DemoTopic.PAYMENTS);
        try (KafkaProducer<byte[], byte[]> producer = run.producer(DemoTopic.PAYMENTS, Map.of())) {
            DemoSends sends = new DemoSends(producer);
            int seq = 0;
            for (PaymentRef payment : all) {
                long orderId = payment.orderIndex + 1L;
                byte[] value = paymentJson(++seq, orderId, run.customerIds.get(run.orderCustomers[payment.orderIndex]),
                        payment, random);
                String traceparent = payment.flow == null ? null : DemoRun.FlowOrder.traceparent(payment.flow.traceId, random);
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, payment.timestamp,
                        DemoRun.utf8(Long.toString(orderId)), value,
                        payment.flow == null ? null : payment.flow.headers(traceparent));
                sends.send(record, md -> {
                    payment.partition = md.partition();
                    payment.offset = md.offset();
                    if (payment.flow != null) {
                        payment.flow.paymentStep = new DemoManifest.FlowStep(DemoTopic.PAYMENTS, md.partition(), md.offset(),
                                payment.timestamp, traceparent);
                    }
                });
                if (payment.flow == null) {
                    payments.add(payment);
                }
            }
            sends.flush("payments");
        }
    }

    private static byte[] paymentJson(int seq, long orderId, String customerId, PaymentRef payment, Random random) {
        ObjectNode node = JSON.createObjectNode();
        node.put("paymentId", String.format("PAY-%07d", seq));
        node.put("orderId", orderId);
        node.put("customerId", customerId);
        node.put("amount", BigDecimal.valueOf(500 + random.nextInt(40_000), 2).toPlainString());
        node.put("currency", "EUR");
        node.put("method", METHODS[random.nextInt(METHODS.length)]);
        node.put("status", payment.status);
        node.put("processedAt", Instant.ofEpochMilli(payment.timestamp).toString());
        return node.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    void writeShipments() {
        Random random = DemoRun.random("shipments");
        record Shipment(int orderIndex, long timestamp, DemoRun.FlowOrder flow) {
        }
        List<Shipment> all = new ArrayList<>();
        for (DemoRun.FlowOrder flow : run.flow) {
            flow.lastTimestamp = flow.paymentTimestamp + 300_000 + random.nextInt(2_100_000);
            if (!flow.deadLettered) {
                all.add(new Shipment(flow.orderIndex, flow.lastTimestamp, flow));
            }
        }
        long latest = run.now.minus(Duration.ofMinutes(1)).toEpochMilli();
        Set<Integer> shipped = new HashSet<>();
        int wanted = run.sizes.shipments();
        for (PaymentRef payment : payments) {
            if (all.size() >= wanted) {
                break;
            }
            if ("CAPTURED".equals(payment.status) && shipped.add(payment.orderIndex)) {
                long ts = Math.max(Math.min(payment.timestamp + 3_600_000L + random.nextInt(40 * 3_600_000), latest),
                        payment.timestamp + 1_000);
                all.add(new Shipment(payment.orderIndex, ts, null));
            }
        }
        for (int i = 0; all.size() < wanted; i++) {
            if (shipped.add(i)) {
                all.add(new Shipment(i, Math.min(run.orderTimestamps[i] + 7_200_000L, latest + 30_000), null));
            }
        }
        all.sort(Comparator.comparingLong(Shipment::timestamp));
        String topic = run.topic(DemoTopic.SHIPMENTS);
        byte[] prefix = WireFormat.v0Prefix(run.schemas.shipmentsId(), run.schemas.shipmentsMessageIndexes());
        try (KafkaProducer<byte[], byte[]> producer = run.producer(DemoTopic.SHIPMENTS, Map.of())) {
            DemoSends sends = new DemoSends(producer);
            int seq = 0;
            for (Shipment shipment : all) {
                long orderId = shipment.orderIndex() + 1L;
                byte[] body = shipment(++seq, orderId, shipment.timestamp(), random).toByteArray();
                byte[] value = ByteBuffer.allocate(prefix.length + body.length).put(prefix).put(body).array();
                DemoRun.FlowOrder flow = shipment.flow();
                String traceparent = flow == null ? null : DemoRun.FlowOrder.traceparent(flow.traceId, random);
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, shipment.timestamp(),
                        DemoRun.utf8(Long.toString(orderId)), value, flow == null ? null : flow.headers(traceparent));
                sends.send(record, md -> {
                    if (flow != null) {
                        flow.lastStep = new DemoManifest.FlowStep(DemoTopic.SHIPMENTS, md.partition(), md.offset(),
                                shipment.timestamp(), traceparent);
                    }
                });
            }
            sends.flush("shipments");
        }
    }

    static DynamicMessage shipment(int seq, long orderId, long shippedAt, Random random) {
        Descriptors.Descriptor type = DemoSchemas.shipment();
        Descriptors.Descriptor parcelType = type.findNestedTypeByName("Parcel");
        String[] carrierNames = CARRIERS[random.nextInt(CARRIERS.length)];
        DynamicMessage carrier = DynamicMessage.newBuilder(DemoSchemas.carrier())
                .setField(DemoSchemas.carrier().findFieldByName("code"), carrierNames[0])
                .setField(DemoSchemas.carrier().findFieldByName("name"), carrierNames[1])
                .build();
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(type)
                .setField(type.findFieldByName("order_id"), orderId)
                .setField(type.findFieldByName("shipment_id"), String.format("SHP-%07d", seq))
                .setField(type.findFieldByName("carrier"), carrier)
                .setField(type.findFieldByName("status"),
                        type.findEnumTypeByName("Status").findValueByNumber(1 + random.nextInt(3)))
                .setField(type.findFieldByName("shipped_at_ms"), shippedAt);
        for (int p = 0, count = 1 + random.nextInt(3); p < count; p++) {
            builder.addRepeatedField(type.findFieldByName("parcels"), DynamicMessage.newBuilder(parcelType)
                    .setField(parcelType.findFieldByName("tracking_number"), carrierNames[0] + String.format("%010d", random.nextInt(1_000_000_000)))
                    .setField(parcelType.findFieldByName("weight_kg"), Math.round(random.nextDouble() * 2000) / 100.0 + 0.1)
                    .build());
        }
        return builder.build();
    }
}
