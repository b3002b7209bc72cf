package dev.backtrack.reliability;

import dev.backtrack.browse.Cancellation;
import dev.backtrack.browse.PartitionRange;
import dev.backtrack.browse.RangeReader;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Test data for the reliability tests, written and read with plain Kafka clients, and an independent
 * content checksum (SHA-256 over key, value, headers and timestamp in offset order per partition).
 */
final class Records {
    /** Headers Backtrack adds on replay (provenance); a faithful copy equals the source without them. */
    static final String PROVENANCE_PREFIX = "backtrack.replay.";

    private Records() {
    }

    static void produce(String bootstrap, List<ProducerRecord<byte[], byte[]>> records) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<byte[], byte[]> r : records) {
                p.send(r);
            }
            p.flush();
        }
    }

    static ProducerRecord<byte[], byte[]> record(String topic, int partition, long timestamp, String key, String value, String... headerPairs) {
        List<org.apache.kafka.common.header.Header> headers = new ArrayList<>();
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.add(new org.apache.kafka.common.header.internals.RecordHeader(headerPairs[i],
                    headerPairs[i + 1] == null ? null : headerPairs[i + 1].getBytes(StandardCharsets.UTF_8)));
        }
        return new ProducerRecord<>(topic, partition, timestamp, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** Every record of the topic, in partition then offset order. */
    static List<RawRecord> readAll(String bootstrap, String topic, IsolationLevel isolation) {
        KafkaClients clients = new KafkaClients(ConnectionSettings.plaintext(bootstrap));
        List<PartitionRange> ranges = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = clients.consumer(isolation)) {
            List<TopicPartition> tps = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            Map<TopicPartition, Long> begin = c.beginningOffsets(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            tps.forEach(tp -> ranges.add(new PartitionRange(tp.partition(), begin.get(tp), end.get(tp))));
        }
        List<RawRecord> out = new ArrayList<>();
        new RangeReader(clients, isolation).read(topic, ranges, out::addAll, Cancellation.none());
        out.sort(Comparator.comparingInt(RawRecord::partition).thenComparingLong(RawRecord::offset));
        return out;
    }

    static List<RawHeader> withoutProvenance(List<RawHeader> headers) {
        return headers.stream().filter(h -> !h.key().startsWith(PROVENANCE_PREFIX)).toList();
    }

    /** Per partition: an order-sensitive SHA-256 of key, value, non-provenance headers and timestamp. */
    static Map<Integer, String> checksums(List<RawRecord> records) {
        Map<Integer, MessageDigest> digests = new TreeMap<>();
        for (RawRecord r : records) {
            MessageDigest d = digests.computeIfAbsent(r.partition(), p -> sha256());
            part(d, r.key());
            part(d, r.value());
            for (RawHeader h : withoutProvenance(r.headers())) {
                part(d, h.key().getBytes(StandardCharsets.UTF_8));
                part(d, h.value());
            }
            d.update(ByteBuffer.allocate(8).putLong(r.timestamp()).array());
        }
        Map<Integer, String> out = new TreeMap<>();
        digests.forEach((p, d) -> out.put(p, HexFormat.of().formatHex(d.digest())));
        return out;
    }

    private static void part(MessageDigest d, byte[] bytes) {
        d.update(ByteBuffer.allocate(4).putInt(bytes == null ? -1 : bytes.length).array());
        if (bytes != null) {
            d.update(bytes);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
