package dev.backtrack.history;

import dev.backtrack.testing.TestServers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** A small producer for test data: explicit timestamps, default partitioner unless a partition is given. */
final class Produce implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.bootstrap(), ProducerConfig.LINGER_MS_CONFIG, 5,
            ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024), new ByteArraySerializer(), new ByteArraySerializer());

    private final java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();

    static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    RecordMetadata send(String topic, Integer partition, long timestamp, String key, String value, String... headers) {
        return send(topic, partition, timestamp, utf8(key), utf8(value), headers);
    }

    RecordMetadata send(String topic, Integer partition, long timestamp, byte[] key, byte[] value, String... headers) {
        List<Header> hs = new ArrayList<>();
        for (int i = 0; i < headers.length; i += 2) {
            hs.add(new RecordHeader(headers[i], utf8(headers[i + 1])));
        }
        try {
            return producer.send(new ProducerRecord<>(topic, partition, timestamp, key, value, hs)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fire-and-forget for bulk data; call {@link #flush()} after. */
    void sendAsync(String topic, Integer partition, long timestamp, byte[] key, byte[] value, List<Header> headers) {
        producer.send(new ProducerRecord<>(topic, partition, timestamp, key, value, headers), (metadata, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
        });
    }

    /** Waits for every send; fails when any asynchronous send failed, so test data is never silently short. */
    void flush() {
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("a test record could not be produced: " + failure.get(), failure.get());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
