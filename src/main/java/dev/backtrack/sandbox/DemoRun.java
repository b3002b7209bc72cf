package dev.backtrack.sandbox;

import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.WriteAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** The shared state of one demo-data run: clients, sizes, names, randomness and what earlier steps produced. */
final class DemoRun {
    final KafkaClients clients;
    final DemoSizes sizes;
    final String prefix;
    final Instant now;
    final DemoTimeline timeline;
    final Consumer<String> progress;
    final DemoManifest.Schemas schemas;
    final List<String> customerIds = new ArrayList<>();

    /** Per order (index = orderId - 1): timestamp, customer index, and where it landed in {@code orders}. */
    long[] orderTimestamps;
    int[] orderCustomers;
    int[] orderPartitions;
    long[] orderOffsets;
    final List<FlowOrder> flow = new ArrayList<>();

    DemoRun(KafkaClients clients, DemoSizes sizes, String prefix, Instant now, Consumer<String> progress,
            DemoManifest.Schemas schemas) {
        this.clients = clients;
        this.sizes = sizes;
        this.prefix = prefix;
        this.now = now;
        this.timeline = new DemoTimeline(now);
        this.progress = progress;
        this.schemas = schemas;
        for (int i = 1; i <= sizes.customers(); i++) {
            customerIds.add(String.format("C%05d", i));
        }
    }

    /** A random source per part, so parts running in parallel stay deterministic. */
    static Random random(String part) {
        return new Random(0x5eed_0000L ^ part.hashCode());
    }

    String topic(DemoTopic topic) {
        return prefix + topic.baseName();
    }

    KafkaProducer<byte[], byte[]> producer(DemoTopic topic, Map<String, Object> overrides) {
        Map<String, Object> all = new java.util.HashMap<>(Map.of("compression.type", "lz4"));
        all.putAll(overrides);
        return clients.producer(WriteAction.PRODUCE, topic(topic), all);
    }

    KafkaConsumer<byte[], byte[]> consumer() {
        return clients.consumer(IsolationLevel.READ_COMMITTED);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** An order followed across topics. Steps are filled in by producer callbacks, read after the flushes. */
    static final class FlowOrder {
        final int orderIndex;
        final String traceId;
        final boolean deadLettered;
        volatile DemoManifest.FlowStep orderStep;
        volatile DemoManifest.FlowStep paymentStep;
        volatile DemoManifest.FlowStep lastStep;
        long paymentTimestamp;
        long lastTimestamp;

        FlowOrder(int orderIndex, String traceId, boolean deadLettered) {
            this.orderIndex = orderIndex;
            this.traceId = traceId;
            this.deadLettered = deadLettered;
        }

        long orderId() {
            return orderIndex + 1L;
        }

        static String traceparent(String traceId, Random random) {
            byte[] span = new byte[8];
            random.nextBytes(span);
            return "00-" + traceId + "-" + HexFormat.of().formatHex(span) + "-01";
        }

        /** Headers of one step: a W3C traceparent with a new span id, and the order's correlation id. */
        RecordHeaders headers(String traceparent) {
            RecordHeaders headers = new RecordHeaders();
            headers.add("traceparent", utf8(traceparent));
            headers.add("correlation-id", utf8("order-" + orderId()));
            return headers;
        }

        DemoManifest.FlowFact fact(String customerId) {
            List<DemoManifest.FlowStep> steps = new ArrayList<>();
            for (DemoManifest.FlowStep step : new DemoManifest.FlowStep[] {orderStep, paymentStep, lastStep}) {
                if (step == null) {
                    throw new IllegalStateException("flow order " + orderId() + " is missing a step");
                }
                steps.add(step);
            }
            return new DemoManifest.FlowFact(orderId(), customerId, traceId, deadLettered, List.copyOf(steps));
        }
    }
}
