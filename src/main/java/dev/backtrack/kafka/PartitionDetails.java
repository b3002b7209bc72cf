package dev.backtrack.kafka;

import java.time.Instant;
import java.util.List;

/**
 * One partition of a topic: leader (null when offline), replicas, in-sync replicas, low watermark (log
 * start), first real offset (higher than the low watermark on compacted topics), high watermark, last
 * stable offset (the read_committed end; below the high watermark while a transaction is open), a record
 * count estimate (high watermark − first offset), and the timestamps of the first and last record (null
 * when the partition is empty).
 */
public record PartitionDetails(int partition, Integer leader, List<Integer> replicas, List<Integer> isr, long lowWatermark,
                               long firstOffset, long highWatermark, long lastStableOffset, long estimatedRecords,
                               Instant firstTimestamp, Instant lastTimestamp) {
    public PartitionDetails {
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
    }

    public boolean underReplicated() {
        return isr.size() < replicas.size();
    }
}
