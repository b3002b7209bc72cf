package dev.backtrack.browse;

import java.util.Collection;
import java.util.Map;

/**
 * The offset questions a seek plan needs answered for one topic. The Kafka implementation is
 * {@link ConsumerOffsetLookup}; tests give a map-backed one. Every map is keyed by partition.
 */
public interface OffsetLookup {
    /** First offset that can hold a record: the log start, raised to the first real record on compacted topics. */
    Map<Integer, Long> beginningOffsets(Collection<Integer> partitions);

    /** End offsets for the reader's isolation level: high watermark, or LSO under read_committed. */
    Map<Integer, Long> endOffsets(Collection<Integer> partitions);

    /**
     * Per partition the earliest offset whose timestamp is at or after {@code timestampMillis}; a partition
     * with no such record is absent from the map (Kafka's {@code null}).
     */
    Map<Integer, Long> offsetsForTimes(Collection<Integer> partitions, long timestampMillis);
}
