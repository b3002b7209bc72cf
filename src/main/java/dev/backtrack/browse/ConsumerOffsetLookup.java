package dev.backtrack.browse;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * Answers offset questions with a consumer (whose isolation level decides HW vs LSO). Beginning offsets use
 * {@code offsetsForTimes(0)} on top of {@code beginningOffsets}: compaction does not move the log start, so
 * the log start can be far below the first real record (kafbat {@code OffsetsInfo.firstOffsetsForPolling}).
 */
public final class ConsumerOffsetLookup implements OffsetLookup {
    private final Consumer<?, ?> consumer;
    private final String topic;

    public ConsumerOffsetLookup(Consumer<?, ?> consumer, String topic) {
        this.consumer = consumer;
        this.topic = topic;
    }

    @Override
    public Map<Integer, Long> beginningOffsets(Collection<Integer> partitions) {
        Map<Integer, Long> begins = byPartition(consumer.beginningOffsets(tps(partitions)));
        Map<Integer, Long> ends = endOffsets(partitions);
        List<Integer> nonEmpty = partitions.stream().filter(p -> begins.getOrDefault(p, 0L) < ends.getOrDefault(p, 0L)).toList();
        if (nonEmpty.isEmpty()) {
            return begins;
        }
        try {
            Map<Integer, Long> firstReal = offsetsForTimes(nonEmpty, 0L);
            Map<Integer, Long> out = new HashMap<>(begins);
            firstReal.forEach((p, o) -> out.merge(p, o, Math::max));
            return out;
        } catch (UnsupportedVersionException oldBroker) {
            return begins;
        }
    }

    @Override
    public Map<Integer, Long> endOffsets(Collection<Integer> partitions) {
        return byPartition(consumer.endOffsets(tps(partitions)));
    }

    @Override
    public Map<Integer, Long> offsetsForTimes(Collection<Integer> partitions, long timestampMillis) {
        Map<TopicPartition, Long> query = new HashMap<>();
        for (int p : partitions) {
            query.put(new TopicPartition(topic, p), timestampMillis);
        }
        Map<Integer, Long> out = new HashMap<>();
        for (Map.Entry<TopicPartition, OffsetAndTimestamp> e : consumer.offsetsForTimes(query).entrySet()) {
            if (e.getValue() != null) {
                out.put(e.getKey().partition(), e.getValue().offset());
            }
        }
        return out;
    }

    private List<TopicPartition> tps(Collection<Integer> partitions) {
        return partitions.stream().map(p -> new TopicPartition(topic, p)).toList();
    }

    private static Map<Integer, Long> byPartition(Map<TopicPartition, Long> offsets) {
        return offsets.entrySet().stream().collect(Collectors.toMap(e -> e.getKey().partition(), Map.Entry::getValue));
    }
}
