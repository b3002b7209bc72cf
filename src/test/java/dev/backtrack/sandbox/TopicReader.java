package dev.backtrack.sandbox;

import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/** Reads a whole topic (all partitions, beginning to the end offsets of now) as raw records, for assertions. */
final class TopicReader {
    private TopicReader() {
    }

    static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic, IsolationLevel isolation) {
        KafkaClients clients = new KafkaClients(ConnectionSettings.plaintext(bootstrap));
        try (KafkaConsumer<byte[], byte[]> consumer = clients.consumer(isolation, Map.of())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " did not reach its end offsets");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }

    static ConsumerRecord<byte[], byte[]> readAt(String bootstrap, String topic, int partition, long offset) {
        KafkaClients clients = new KafkaClients(ConnectionSettings.plaintext(bootstrap));
        try (KafkaConsumer<byte[], byte[]> consumer = clients.consumer(IsolationLevel.READ_UNCOMMITTED, Map.of())) {
            TopicPartition tp = new TopicPartition(topic, partition);
            consumer.assign(List.of(tp));
            consumer.seek(tp, offset);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() == offset) {
                        return r;
                    }
                    throw new IllegalStateException("no record at " + topic + "/" + partition + "@" + offset + " (next is " + r.offset() + ")");
                }
            }
            throw new IllegalStateException("timed out reading " + topic + "/" + partition + "@" + offset);
        }
    }
}
