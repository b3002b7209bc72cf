package dev.backtrack.replay;

import dev.backtrack.browse.Cancellation;
import dev.backtrack.browse.PartitionRange;
import dev.backtrack.browse.RangeReader;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Producing and reading back test data with plain Kafka clients (independent of the code under test). */
final class ReplayFixtures {
    private ReplayFixtures() {
    }

    static KafkaProducer<byte[], byte[]> producer(String bootstrap, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.putAll(extra);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Sends the records as given (partition, timestamp, key, value, headers) and waits for all acks. */
    static void produce(String bootstrap, List<ProducerRecord<byte[], byte[]>> records) {
        try (KafkaProducer<byte[], byte[]> p = producer(bootstrap, Map.of())) {
            for (ProducerRecord<byte[], byte[]> r : records) {
                p.send(r);
            }
            p.flush();
        }
    }

    static ProducerRecord<byte[], byte[]> record(String topic, Integer partition, Long timestamp, String key, String value, String... headerPairs) {
        List<org.apache.kafka.common.header.Header> headers = new ArrayList<>();
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.add(new RecordHeader(headerPairs[i], headerPairs[i + 1] == null ? null : headerPairs[i + 1].getBytes()));
        }
        return new ProducerRecord<>(topic, partition, timestamp, key == null ? null : key.getBytes(), value == null ? null : value.getBytes(), headers);
    }

    /** Every record of the topic, read_committed unless said otherwise, in partition then offset order. */
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
        new RangeReader(clients, isolation).read(topic, ranges, batch -> out.addAll(batch), Cancellation.none());
        out.sort(java.util.Comparator.comparingInt(RawRecord::partition).thenComparingLong(RawRecord::offset));
        return out;
    }

    static List<RawRecord> readAll(String bootstrap, String topic) {
        return readAll(bootstrap, topic, IsolationLevel.READ_COMMITTED);
    }

    static Map<Integer, Long> endOffsets(String bootstrap, String topic) {
        KafkaClients clients = new KafkaClients(ConnectionSettings.plaintext(bootstrap));
        try (KafkaConsumer<byte[], byte[]> c = clients.consumer(IsolationLevel.READ_UNCOMMITTED)) {
            List<PartitionInfo> infos = c.partitionsFor(topic);
            Map<Integer, Long> out = new HashMap<>();
            c.endOffsets(infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList())
                    .forEach((tp, o) -> out.put(tp.partition(), o));
            return out;
        }
    }

    /** Per partition, the ids of the producers the broker knows wrote to it (Admin describeProducers). */
    static Map<Integer, Set<Long>> producerIds(String bootstrap, String topic, int partitions) throws Exception {
        List<TopicPartition> tps = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            tps.add(new TopicPartition(topic, p));
        }
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<Integer, Set<Long>> out = new HashMap<>();
            admin.describeProducers(tps).all().get().forEach((tp, state) -> out.put(tp.partition(),
                    state.activeProducers().stream().map(ProducerState::producerId).collect(Collectors.toSet())));
            return out;
        }
    }

    static ReplaySource.Topic source(String bootstrap, String topic, ReplayRange range) {
        return new ReplaySource.Topic(ConnectionSettings.plaintext(bootstrap), topic, List.of(), range, IsolationLevel.READ_COMMITTED);
    }

    static ReplayTarget target(String bootstrap, String topic) {
        return new ReplayTarget(ConnectionSettings.plaintext(bootstrap), topic, null);
    }

    /** Key, value, headers and timestamp, without coordinates: what a replay must carry over. */
    record Content(String key, String value, List<RawHeader> headers, long timestamp) {
        Content withHeaders(List<RawHeader> other) {
            return new Content(key, value, other, timestamp);
        }
    }

    static Content content(RawRecord r) {
        return new Content(r.key() == null ? null : new String(r.key()), r.value() == null ? null : new String(r.value()), r.headers(),
                r.timestamp());
    }

    /** The record's headers without the provenance headers. */
    static List<RawHeader> withoutProvenance(List<RawHeader> headers) {
        return headers.stream().filter(h -> !h.key().startsWith("backtrack.replay.")).toList();
    }
}
