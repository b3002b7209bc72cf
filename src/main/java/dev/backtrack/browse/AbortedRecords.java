package dev.backtrack.browse;

import dev.backtrack.codec.DecodedRecord;
import dev.backtrack.kafka.KafkaClients;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;

/**
 * Finds which records of a read_uncommitted page belong to aborted transactions. The consumer API does
 * not expose a record's transaction state, so the page's offset span is read again under read_committed:
 * a record below the last stable offset that the committed read does not return was aborted; a record at
 * or above the LSO is still in an open transaction. Costs one extra consumer per page.
 */
final class AbortedRecords {
    record Result(Map<Integer, Set<Long>> aborted, Map<Integer, Long> lastStable) {
    }

    private AbortedRecords() {
    }

    static Result detect(KafkaClients clients, String topic, List<DecodedRecord> records, Cancellation cancellation) {
        Map<Integer, Set<Long>> shown = new HashMap<>();
        for (DecodedRecord r : records) {
            shown.computeIfAbsent(r.raw().partition(), k -> new HashSet<>()).add(r.raw().offset());
        }
        try (KafkaConsumer<byte[], byte[]> consumer = clients.consumer(IsolationLevel.READ_COMMITTED)) {
            Map<Integer, Long> lso = new ConsumerOffsetLookup(consumer, topic).endOffsets(shown.keySet());
            List<PartitionRange> ranges = new ArrayList<>();
            shown.forEach((p, offsets) -> {
                long from = offsets.stream().mapToLong(Long::longValue).min().orElseThrow();
                long to = Math.min(offsets.stream().mapToLong(Long::longValue).max().orElseThrow() + 1, lso.getOrDefault(p, 0L));
                if (to > from) {
                    ranges.add(new PartitionRange(p, from, to));
                }
            });
            Map<Integer, Set<Long>> committed = new HashMap<>();
            RangeReader.Outcome outcome = new RangeReader(clients, IsolationLevel.READ_COMMITTED).read(consumer, topic, ranges, batch -> {
                batch.forEach(r -> {
                    if (shown.get(r.partition()).contains(r.offset())) {
                        committed.computeIfAbsent(r.partition(), k -> new HashSet<>()).add(r.offset());
                    }
                });
                return true;
            }, cancellation);
            if (outcome.cancelled()) {
                return new Result(Map.of(), lso);
            }
            Map<Integer, Set<Long>> aborted = new HashMap<>();
            for (PartitionRange range : ranges) {
                for (long offset : shown.get(range.partition())) {
                    if (offset < range.to() && !committed.getOrDefault(range.partition(), Set.of()).contains(offset)) {
                        aborted.computeIfAbsent(range.partition(), k -> new HashSet<>()).add(offset);
                    }
                }
            }
            return new Result(aborted, lso);
        }
    }
}
