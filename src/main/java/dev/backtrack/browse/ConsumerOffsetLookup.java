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

    /**
     * A "no record at or after T" answer is asked again (twice at most): on a loaded broker a timestamp lookup
     * occasionally came back empty for a partition that has such records (seen in tests, all partitions at
     * once), and an empty answer sends the read to the end, which would hide records.
     */
    @Override
    public Map<Integer, Long> offsetsForTimes(Collection<Integer> partitions, long timestampMillis) {
        Map<Integer, Long> out = new HashMap<>(askOffsetsForTimes(partitions, timestampMillis));
        for (int attempt = 0; attempt < 2 && out.size() < partitions.size(); attempt++) {
            List<Integer> missing = partitions.stream().filter(p -> !out.containsKey(p)).toList();
            out.putAll(askOffsetsForTimes(missing, timestampMillis));
        }
        return out;
    }

    private Map<Integer, Long> askOffsetsForTimes(Collection<Integer> partitions, long timestampMillis) {
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
