package dev.backtrack.filter;

import dev.backtrack.codec.DecodedRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a search found: matches in timestamp order (at most the result limit), the final state of every
 * partition, why it stopped, evaluation errors of the filter (records on which it raised an error count
 * as not matching), warnings, and the elapsed time.
 */
public record SearchResult(List<DecodedRecord> matches, Map<Integer, PartitionScan> partitions, boolean limitReached,
                           boolean cancelled, long filterErrors, List<String> warnings, Duration elapsed) {
    public SearchResult {
        matches = List.copyOf(matches);
        partitions = Map.copyOf(partitions);
        warnings = List.copyOf(warnings);
    }

    public long scanned() {
        return partitions.values().stream().mapToLong(PartitionScan::scanned).sum();
    }

    public long undecodable() {
        return partitions.values().stream().mapToLong(PartitionScan::undecodable).sum();
    }

    /** True when every partition's range was scanned to its end. */
    public boolean complete() {
        return partitions.values().stream().allMatch(PartitionScan::complete);
    }

    public double recordsPerSecond() {
        double seconds = Math.max(1e-9, elapsed.toNanos() / 1e9);
        return scanned() / seconds;
    }
}
