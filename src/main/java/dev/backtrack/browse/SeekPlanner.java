package dev.backtrack.browse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns a position and an end bound into exact per-partition offset ranges, asking only an
 * {@link OffsetLookup}: no consumer, no reading, so it is unit-testable on its own. Rules (kafbat
 * {@code SeekOperations}): every offset is clamped to [first, end]; {@code offsetsForTimes} without an answer
 * means "no record at or after that time", i.e. the end; an end bound never reaches past the partition end.
 */
public final class SeekPlanner {
    private SeekPlanner() {
    }

    public static SeekPlan plan(String topic, Collection<Integer> partitions, Position position, EndBound end, OffsetLookup lookup) {
        List<Integer> sorted = new ArrayList<>(new TreeSet<>(partitions));
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("no partitions to browse in topic " + topic);
        }
        Map<Integer, Long> begins = lookup.beginningOffsets(sorted);
        Map<Integer, Long> ends = lookup.endOffsets(sorted);
        Map<Integer, Long> stopsByTime = end instanceof EndBound.BeforeTime(Instant t)
                ? lookup.offsetsForTimes(sorted, Math.max(0, t.toEpochMilli())) : Map.of();
        Map<Integer, Long> startsByTime = position instanceof Position.AtTimestamp(Instant t)
                ? lookup.offsetsForTimes(sorted, Math.max(0, t.toEpochMilli())) : Map.of();

        List<String> warnings = new ArrayList<>();
        Map<Integer, PartitionRange> limits = new TreeMap<>();
        List<PartitionRange> ranges = new ArrayList<>();
        for (int p : sorted) {
            long partitionEnd = ends.getOrDefault(p, 0L);
            long first = Math.min(begins.getOrDefault(p, 0L), partitionEnd);
            long stop = switch (end) {
                case EndBound.None none -> partitionEnd;
                case EndBound.BeforeOffset(long o) -> clamp(o, first, partitionEnd);
                case EndBound.BeforeTime t -> clamp(stopsByTime.getOrDefault(p, partitionEnd), first, partitionEnd);
            };
            limits.put(p, new PartitionRange(p, first, stop));
            long start = switch (position) {
                case Position.Beginning b -> first;
                case Position.End e -> stop;
                case Position.Live l -> stop;
                case Position.AtOffset(long o) -> {
                    if (o < first) {
                        warnings.add("partition " + p + ": offset " + o + " is before the first record (" + first + "), starting there");
                    } else if (o > partitionEnd) {
                        warnings.add("partition " + p + ": offset " + o + " is past the end (" + partitionEnd + "), nothing to read");
                    }
                    yield clamp(o, first, stop);
                }
                case Position.AtTimestamp t -> clamp(startsByTime.getOrDefault(p, stop), first, stop);
                case Position.LastN(int n) -> Math.max(first, stop - windowFor(n, sorted.size()));
            };
            ranges.add(new PartitionRange(p, start, stop));
        }
        return new SeekPlan(topic, position, ranges, limits, warnings);
    }

    /** The first backward window per partition for last-N: an even share, as kafbat's {@code BackwardEmitter}. */
    public static long windowFor(int n, int partitions) {
        return Math.max(1, (n + partitions - 1) / partitions);
    }

    /** The window before {@code before}, of {@code size} offsets, not below {@code first}. */
    public static PartitionRange windowBefore(int partition, long first, long before, long size) {
        return new PartitionRange(partition, Math.max(first, before - size), Math.max(first, before));
    }

    static long clamp(long value, long low, long high) {
        return Math.max(low, Math.min(value, high));
    }
}
