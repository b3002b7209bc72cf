package dev.backtrack.replay;

import java.time.Duration;
import java.util.Map;

/**
 * A snapshot of a running send. {@code expected} totals are known only when the caller announced them
 * ({@link RecordSender#expect}); the ETAs are then remaining records over the current overall rate.
 * Per-partition figures are keyed by source partition; records without a source count only in the totals.
 */
public record SendProgress(long sent, long acknowledged, long failed, long bytes, double recordsPerSecond,
                           Long expected, Duration eta, boolean paused, Map<Integer, PartitionProgress> perSourcePartition) {

    /** Progress of one source partition: records handed to the producer, announced total, ETA. */
    public record PartitionProgress(long sent, Long expected, Duration eta) {
    }
}
