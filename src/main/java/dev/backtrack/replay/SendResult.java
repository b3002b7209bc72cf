package dev.backtrack.replay;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The outcome of a send: records handed over, written (acknowledged, and committed in exactly-once mode),
 * failed (with the first failures, each in one line), bytes, duration and rate, what landed in each target
 * partition with its checksum, whether the job was cancelled, and per source partition how many records
 * were written. {@code timedOut}: how many of the failed ones failed because no acknowledgement came in time;
 * the producer cannot tell whether those reached the log, so they may be on the target all the same.
 */
public record SendResult(long sent, long written, long failed, long timedOut, List<SendFailure> failures, long bytes, Duration duration,
                         double recordsPerSecond, SortedMap<TargetPartition, TargetStats> targets,
                         Map<Integer, Long> writtenPerSourcePartition, boolean cancelled) {
    public SendResult {
        failures = List.copyOf(failures);
        targets = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(targets));
        writtenPerSourcePartition = Map.copyOf(writtenPerSourcePartition);
    }

    /** Order-independent checksum over every written record (hex). */
    public String checksum() {
        RecordChecksum total = new RecordChecksum();
        targets.values().forEach(t -> total.add(new RecordChecksum(t.count(), t.rolling(), t.sum())));
        return total.sumHex();
    }
}
