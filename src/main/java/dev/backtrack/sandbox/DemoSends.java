package dev.backtrack.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/** Asynchronous sends whose first failure is kept and rethrown after the flush, and exact read-backs. */
final class DemoSends {
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    DemoSends(KafkaProducer<byte[], byte[]> producer) {
        this.producer = producer;
    }

    void send(ProducerRecord<byte[], byte[]> record, Consumer<RecordMetadata> onAck) {
        producer.send(record, (metadata, exception) -> {
            if (exception != null) {
                failure.compareAndSet(null, exception);
            } else if (onAck != null) {
                onAck.accept(metadata);
            }
        });
    }

    /** Flushes and fails if any send failed. */
    void flush(String what) {
        producer.flush();
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("writing the demo " + what + " failed: " + e.getMessage(), e);
        }
    }

    /** A record position. */
    record Position(int partition, long offset) {
    }

    /** Reads exactly the records at the given positions of a topic (they must exist). */
    static Map<Position, ConsumerRecord<byte[], byte[]>> readBack(KafkaConsumer<byte[], byte[]> consumer, String topic,
                                                                 List<Position> positions) {
        Map<Position, ConsumerRecord<byte[], byte[]>> out = new HashMap<>();
        java.util.Set<Position> wanted = new java.util.HashSet<>(positions);
        List<Position> sorted = new ArrayList<>(positions);
        sorted.sort((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition())
                : Long.compare(a.offset(), b.offset()));
        for (Position position : sorted) {
            if (out.containsKey(position)) {
                continue;
            }
            TopicPartition tp = new TopicPartition(topic, position.partition());
            consumer.assign(List.of(tp));
            consumer.seek(tp, position.offset());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!out.containsKey(position)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read back " + topic + "/" + position);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    Position seen = new Position(r.partition(), r.offset());
                    if (wanted.contains(seen)) {
                        out.put(seen, r);
                    }
                }
            }
        }
        return out;
    }
}
