package dev.backtrack.browse;

import dev.backtrack.codec.DecodedRecord;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One page of a browse: the records (decoded; raw bytes kept on each), the offset ranges actually
 * read, the cursors of the next and previous pages, the limits [first, end) per partition, how many
 * records were scanned (more than shown when a filter is set), transaction status, and warnings.
 * {@code aborted} holds the offsets (per partition) of records that belong to aborted transactions,
 * detected by a read_committed pass over the same ranges; {@code lastStable} is the LSO per partition
 * (records at or above it belong to still-open transactions under read_uncommitted).
 */
public record Page(BrowseRequest request, List<DecodedRecord> records, List<PartitionRange> ranges, PageCursor next,
                   PageCursor previous, Map<Integer, PartitionRange> limits, long scanned,
                   Map<Integer, Set<Long>> aborted, Map<Integer, Long> lastStable, List<String> warnings,
                   boolean cancelled) {
    public Page {
        records = List.copyOf(records);
        ranges = List.copyOf(ranges);
        limits = Map.copyOf(limits);
        aborted = Map.copyOf(aborted);
        lastStable = Map.copyOf(lastStable);
        warnings = List.copyOf(warnings);
    }

    /** True while some partition has offsets after this page within the limits seen when it was read. */
    public boolean hasNext() {
        return next.offsets().entrySet().stream()
                .anyMatch(e -> limits.containsKey(e.getKey()) && e.getValue() < limits.get(e.getKey()).to());
    }

    /** True while some partition has offsets before this page within its limits. */
    public boolean hasPrevious() {
        return previous.offsets().entrySet().stream()
                .anyMatch(e -> limits.containsKey(e.getKey()) && e.getValue() > limits.get(e.getKey()).from());
    }

    public boolean isAborted(DecodedRecord record) {
        return aborted.getOrDefault(record.raw().partition(), Set.of()).contains(record.raw().offset());
    }

    /** True when the record sits in a transaction that was neither committed nor aborted when the page was read. */
    public boolean isPending(DecodedRecord record) {
        Long lso = lastStable.get(record.raw().partition());
        return lso != null && record.raw().offset() >= lso;
    }

    public int size() {
        return records.size();
    }
}
