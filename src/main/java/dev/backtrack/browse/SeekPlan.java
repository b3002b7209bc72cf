package dev.backtrack.browse;

import java.util.List;
import java.util.Map;

/**
 * The exact per-partition offsets of a browse: {@code ranges} are the [from, to) to read, {@code limits}
 * the [first, end) each partition allows (after clamping and the end bound). For {@link Position.LastN}
 * the ranges are the first backward windows; the {@link Browser} widens them until n records are found.
 */
public record SeekPlan(String topic, Position position, List<PartitionRange> ranges, Map<Integer, PartitionRange> limits,
                       List<String> warnings) {
    public SeekPlan {
        ranges = List.copyOf(ranges);
        limits = Map.copyOf(limits);
        warnings = List.copyOf(warnings);
    }

    public boolean walksBackwards() {
        return position instanceof Position.LastN;
    }

    /** Offsets still to read over all partitions (an upper bound on the record count: gaps make it smaller). */
    public long offsetSpan() {
        return ranges.stream().mapToLong(PartitionRange::span).sum();
    }

    public PartitionRange range(int partition) {
        return ranges.stream().filter(r -> r.partition() == partition).findFirst().orElse(null);
    }
}
