package dev.backtrack.replay;

import dev.backtrack.browse.Cancellation;
import dev.backtrack.browse.PartitionRange;
import dev.backtrack.browse.RangeReader;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a replay's records back from the target: for the verify step (checksums per target partition over
 * the recorded offset ranges, read_committed) and for a resume (records of this replay written after the
 * last checkpoint). Records of this replay are recognized by the {@code backtrack.replay.id} header; without
 * provenance headers every record in the range counts.
 */
final class TargetReadBack {
    private final KafkaClients target;
    private final String replayId;
    private final boolean provenance;

    TargetReadBack(KafkaClients target, String replayId, boolean provenance) {
        this.target = target;
        this.replayId = replayId;
        this.provenance = provenance;
    }

    /** Checksums of what the target holds in each written partition's [first, last] range, read_committed. */
    SortedMap<TargetPartition, TargetStats> verify(Map<TargetPartition, TargetStats> written, Cancellation cancellation) {
        SortedMap<TargetPartition, TargetStats> out = new TreeMap<>();
        Map<String, List<PartitionRange>> byTopic = new HashMap<>();
        written.forEach((tp, stats) -> {
            out.put(tp, TargetStats.EMPTY);
            if (stats.firstOffset() != null) {
                byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>())
                        .add(new PartitionRange(tp.partition(), stats.firstOffset(), stats.lastOffset() + 1));
            }
        });
        byTopic.forEach((topic, ranges) -> read(topic, ranges, IsolationLevel.READ_COMMITTED, cancellation, r -> {
            TargetPartition tp = new TargetPartition(r.topic(), r.partition());
            out.merge(tp, TargetStats.EMPTY.plus(r.offset(), hash(r)), (old, one) -> old.plus(r.offset(), hash(r)));
        }));
        return out;
    }

    /** Records of this replay after the given offsets (per target partition) up to the current end, in order. */
    void scanAfter(String topic, Map<Integer, Long> fromOffsets, IsolationLevel isolation, Consumer<RawRecord> each) {
        List<TopicPartition> tps = fromOffsets.keySet().stream().map(p -> new TopicPartition(topic, p)).toList();
        Map<TopicPartition, Long> ends;
        try (KafkaConsumer<byte[], byte[]> consumer = target.consumer(isolation)) {
            ends = consumer.endOffsets(tps, KafkaClients.API_TIMEOUT);
        }
        List<PartitionRange> ranges = new ArrayList<>();
        fromOffsets.forEach((p, from) -> {
            long end = ends.getOrDefault(new TopicPartition(topic, p), from);
            if (end > from) {
                ranges.add(new PartitionRange(p, from, end));
            }
        });
        read(topic, ranges, isolation, Cancellation.none(), each);
    }

    private void read(String topic, List<PartitionRange> ranges, IsolationLevel isolation, Cancellation cancellation, Consumer<RawRecord> each) {
        if (ranges.isEmpty()) {
            return;
        }
        new RangeReader(target, isolation).read(topic, ranges, batch -> {
            for (RawRecord r : batch) {
                if (ours(r)) {
                    each.accept(r);
                }
            }
            return true;
        }, cancellation);
    }

    boolean ours(RawRecord r) {
        if (!provenance) {
            return true;
        }
        RawHeader id = r.lastHeader(HeaderPolicy.ID_HEADER);
        return id != null && id.value() != null && Arrays.equals(id.value(), replayId.getBytes(StandardCharsets.UTF_8));
    }

    static long hash(RawRecord r) {
        return RecordChecksum.hash(r.key(), r.value(), r.headers(), r.timestamp());
    }

    /** The source partition and offset from a record's provenance header, or null. */
    static long[] sourceOf(RawRecord r) {
        RawHeader h = r.lastHeader(HeaderPolicy.SOURCE_HEADER);
        if (h == null || h.value() == null) {
            return null;
        }
        String[] parts = new String(h.value(), StandardCharsets.UTF_8).split("/");
        if (parts.length < 4) {
            return null;
        }
        try {
            return new long[] {Long.parseLong(parts[parts.length - 2]), Long.parseLong(parts[parts.length - 1])};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
