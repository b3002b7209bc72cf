package dev.backtrack.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Finds the timestamp of the record at (or, across a gap, just after) a committed offset, with one short
 * assign-only read: seek each partition to its offset, take the first record, pause it. The fetch is kept
 * small (64 KiB per partition) since only one record per partition is wanted.
 */
public final class CommittedRecordAge {
    private final KafkaClients clients;

    public CommittedRecordAge(KafkaClients clients) {
        this.clients = clients;
    }

    /** Record timestamps per partition; a partition whose record did not arrive within {@code budget} is absent. */
    public Map<TopicPartition, Instant> recordTimes(Map<TopicPartition, Long> offsets, Duration budget) {
        Map<TopicPartition, Instant> out = new HashMap<>();
        if (offsets.isEmpty()) {
            return out;
        }
        Map<String, Object> small = Map.of(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        try (KafkaConsumer<byte[], byte[]> consumer = clients.consumer(IsolationLevel.READ_UNCOMMITTED, small)) {
            consumer.assign(offsets.keySet());
            offsets.forEach(consumer::seek);
            Set<TopicPartition> waiting = new HashSet<>(offsets.keySet());
            long deadline = System.nanoTime() + budget.toNanos();
            while (!waiting.isEmpty() && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(200));
                Set<TopicPartition> done = new HashSet<>();
                for (TopicPartition tp : polled.partitions()) {
                    for (ConsumerRecord<byte[], byte[]> r : polled.records(tp)) {
                        if (waiting.contains(tp) && r.offset() >= offsets.get(tp)) {
                            out.put(tp, Instant.ofEpochMilli(r.timestamp()));
                            done.add(tp);
                            break;
                        }
                    }
                }
                if (!done.isEmpty()) {
                    waiting.removeAll(done);
                    consumer.pause(done);
                }
            }
        }
        return out;
    }
}
