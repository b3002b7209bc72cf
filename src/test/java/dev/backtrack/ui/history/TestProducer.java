package dev.backtrack.ui.history;

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

/** Test records with explicit timestamps and headers, each send awaited (the history package's Produce is package-private). */
final class TestProducer implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.bootstrap(), ProducerConfig.LINGER_MS_CONFIG, 5),
            new ByteArraySerializer(), new ByteArraySerializer());

    static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    /** Headers as name, value pairs. */
    RecordMetadata send(String topic, Integer partition, long timestamp, String key, String value, String... headers) {
        List<Header> hs = new ArrayList<>();
        for (int i = 0; i < headers.length; i += 2) {
            hs.add(new RecordHeader(headers[i], utf8(headers[i + 1])));
        }
        try {
            return producer.send(new ProducerRecord<>(topic, partition, timestamp, utf8(key), utf8(value), hs)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
