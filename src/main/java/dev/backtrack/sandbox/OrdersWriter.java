package dev.backtrack.sandbox;

import dev.backtrack.codec.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes {@code orders} (Avro v1, Confluent framing, keyed by customer) and {@code orders-v2} (v1 and v2 ids mixed). */
final class OrdersWriter {
    private static final String[] CITIES = {"Lisbon", "Berlin", "Lyon", "Utrecht", "Gdansk", "Turin", "Ghent", "Malmo"};
    private static final String[] COUNTRIES = {"PT", "DE", "FR", "NL", "PL", "IT", "BE", "SE"};
    private static final String[] STREETS = {"Harbour Road", "Linden Allee", "Rue Centrale", "Kanaalstraat", "Długa", "Via Roma"};
    private static final String[] SKUS = {"SKU-KETTLE-01", "SKU-MUG-12", "SKU-TEA-GREEN", "SKU-TEA-BLACK", "SKU-SPOON-4",
        "SKU-FILTER-100", "SKU-GRINDER", "SKU-SCALE"};
    private static final String[] STATUSES = {"CREATED", "CREATED", "CREATED", "PAID", "PAID", "SHIPPED", "DELIVERED", "CANCELLED"};
    private static final String[] COUPONS = {"SPRING10", "WELCOME5", "LOYAL15"};
    private static final String[] CHANNELS = {"WEB", "APP", "PHONE", "MARKETPLACE"};

    private final DemoRun run;
    private final AvroEncoder v1 = new AvroEncoder(DemoSchemas.orderV1());
    private final AvroEncoder v2 = new AvroEncoder(DemoSchemas.orderV2());

    OrdersWriter(DemoRun run) {
        this.run = run;
    }

    /** Produces every order in time order; fills the run's per-order arrays and the flow's first steps. */
    void writeOrders() {
        int n = run.sizes.orders();
        Random random = DemoRun.random("orders");
        run.orderTimestamps = run.timeline.orderTimestamps(n, random);
        run.orderCustomers = new int[n];
        run.orderPartitions = new int[n];
        run.orderOffsets = new long[n];
        chooseFlow(random);
        Map<Integer, DemoRun.FlowOrder> flowByIndex = new HashMap<>();
        run.flow.forEach(f -> flowByIndex.put(f.orderIndex, f));
        String topic = run.topic(DemoTopic.ORDERS);
        try (KafkaProducer<byte[], byte[]> producer = run.producer(DemoTopic.ORDERS, Map.of())) {
            DemoSends sends = new DemoSends(producer);
            for (int i = 0; i < n; i++) {
                int customer = (int) (run.customerIds.size() * Math.pow(random.nextDouble(), 2));
                run.orderCustomers[i] = customer;
                String customerId = run.customerIds.get(customer);
                long ts = run.orderTimestamps[i];
                byte[] value = frame(run.schemas.ordersV1Id(), v1.encode(order(DemoSchemas.orderV1(), i + 1L, customerId, ts, random)));
                DemoRun.FlowOrder flow = flowByIndex.get(i);
                String traceparent = flow == null ? null : DemoRun.FlowOrder.traceparent(flow.traceId, random);
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, ts, DemoRun.utf8(customerId), value,
                        flow == null ? null : flow.headers(traceparent));
                int index = i;
                sends.send(record, md -> {
                    run.orderPartitions[index] = md.partition();
                    run.orderOffsets[index] = md.offset();
                    if (flow != null) {
                        flow.orderStep = new DemoManifest.FlowStep(DemoTopic.ORDERS, md.partition(), md.offset(), ts, traceparent);
                    }
                });
            }
            sends.flush("orders");
        }
    }

    /**
     * Picks the orders of the multi-topic flow: evenly among those placed between 26 h and 2 h ago, so
     * every later step still lies in the past. Every third one ends in the dead-letter topic.
     */
    private void chooseFlow(Random random) {
        long windowStart = run.now.minus(Duration.ofHours(26)).toEpochMilli();
        long windowEnd = run.now.minus(Duration.ofHours(2)).toEpochMilli();
        List<Integer> candidates = new ArrayList<>();
        List<Integer> beforeEnd = new ArrayList<>();
        for (int i = 0; i < run.orderTimestamps.length; i++) {
            if (run.orderTimestamps[i] < windowEnd) {
                beforeEnd.add(i);
                if (run.orderTimestamps[i] >= windowStart) {
                    candidates.add(i);
                }
            }
        }
        int wanted = run.sizes.flowOrders();
        if (candidates.size() < wanted) {
            candidates = beforeEnd.subList(beforeEnd.size() - wanted, beforeEnd.size());
        }
        for (int k = 0; k < wanted; k++) {
            int index = candidates.get((int) ((long) k * candidates.size() / wanted));
            byte[] trace = new byte[16];
            random.nextBytes(trace);
            run.flow.add(new DemoRun.FlowOrder(index, HexFormat.of().formatHex(trace), k % 3 == 2));
        }
    }

    /** {@code orders-v2}: alternately framed with the v1 and the v2 schema id of the same subject; returns counts. */
    long[] writeOrdersV2() {
        int perVersion = run.sizes.ordersV2PerVersion();
        Random random = DemoRun.random("orders-v2");
        String topic = run.topic(DemoTopic.ORDERS_V2);
        long start = run.now.minus(Duration.ofDays(2)).toEpochMilli();
        long step = Duration.ofDays(2).toMillis() / (2L * perVersion + 1);
        try (KafkaProducer<byte[], byte[]> producer = run.producer(DemoTopic.ORDERS_V2, Map.of())) {
            DemoSends sends = new DemoSends(producer);
            for (int i = 0; i < 2 * perVersion; i++) {
                boolean second = i % 2 == 1;
                long orderId = run.sizes.orders() + 1L + i;
                String customerId = run.customerIds.get(random.nextInt(run.customerIds.size()));
                long ts = start + (i + 1) * step;
                Schema schema = second ? DemoSchemas.orderV2() : DemoSchemas.orderV1();
                GenericRecord order = order(schema, orderId, customerId, ts, random);
                byte[] body = second ? v2.encode(order) : v1.encode(order);
                byte[] value = frame(second ? run.schemas.ordersV2Id() : run.schemas.ordersV1Id(), body);
                sends.send(new ProducerRecord<>(topic, null, ts, DemoRun.utf8(customerId), value), null);
            }
            sends.flush("orders-v2");
        }
        return new long[] {perVersion, perVersion};
    }

    /** The Avro body of one order, for other writers (the hostile topic's truncated record). */
    byte[] encodeV1(long orderId, String customerId, long ts, Random random) {
        return v1.encode(order(DemoSchemas.orderV1(), orderId, customerId, ts, random));
    }

    static byte[] frame(int schemaId, byte[] body) {
        byte[] prefix = WireFormat.v0Prefix(schemaId, null);
        return ByteBuffer.allocate(prefix.length + body.length).put(prefix).put(body).array();
    }

    static GenericRecord order(Schema schema, long orderId, String customerId, long ts, Random random) {
        GenericRecord order = new GenericData.Record(schema);
        order.put("orderId", orderId);
        order.put("orderUuid", UUID.nameUUIDFromBytes(("order-" + orderId).getBytes(StandardCharsets.UTF_8)).toString());
        order.put("customerId", customerId);
        Schema statusSchema = schema.getField("status").schema();
        order.put("status", new GenericData.EnumSymbol(statusSchema, STATUSES[random.nextInt(STATUSES.length)]));
        order.put("createdAt", ts);
        int place = random.nextInt(CITIES.length);
        GenericRecord address = new GenericData.Record(schema.getField("shippingAddress").schema());
        address.put("street", (1 + random.nextInt(180)) + " " + STREETS[random.nextInt(STREETS.length)]);
        address.put("city", CITIES[place]);
        address.put("postalCode", String.format("%05d", random.nextInt(100_000)));
        address.put("country", COUNTRIES[place]);
        order.put("shippingAddress", address);
        Schema lineSchema = schema.getField("lines").schema().getElementType();
        List<GenericRecord> lines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        for (int l = 0, count = 1 + random.nextInt(4); l < count; l++) {
            GenericRecord line = new GenericData.Record(lineSchema);
            int quantity = 1 + random.nextInt(5);
            BigDecimal price = BigDecimal.valueOf(199 + random.nextInt(9_800), 2);
            line.put("sku", SKUS[random.nextInt(SKUS.length)]);
            line.put("quantity", quantity);
            line.put("unitPrice", ByteBuffer.wrap(price.unscaledValue().toByteArray()));
            lines.add(line);
            total = total.add(price.multiply(BigDecimal.valueOf(quantity)));
        }
        order.put("lines", lines);
        order.put("total", ByteBuffer.wrap(total.unscaledValue().toByteArray()));
        order.put("currency", "EUR");
        Map<String, String> attributes = new HashMap<>();
        attributes.put("channel", CHANNELS[random.nextInt(CHANNELS.length)].toLowerCase(java.util.Locale.ROOT));
        if (random.nextInt(5) == 0) {
            attributes.put("giftWrap", "true");
        }
        order.put("attributes", attributes);
        order.put("couponCode", random.nextInt(5) == 0 ? COUPONS[random.nextInt(COUPONS.length)] : null);
        if (schema.getField("salesChannel") != null) {
            order.put("salesChannel", CHANNELS[random.nextInt(CHANNELS.length)]);
        }
        return order;
    }

    /** A reusable binary Avro encoder for one schema. */
    static final class AvroEncoder {
        private final GenericDatumWriter<GenericRecord> writer;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
        private BinaryEncoder encoder;

        AvroEncoder(Schema schema) {
            this.writer = new GenericDatumWriter<>(schema);
        }

        byte[] encode(GenericRecord record) {
            buffer.reset();
            encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
            try {
                writer.write(record, encoder);
                encoder.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return buffer.toByteArray();
        }
    }
}
