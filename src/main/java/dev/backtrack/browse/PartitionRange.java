package dev.backtrack.browse;

/** Offsets [from, to) of one partition: from inclusive, to exclusive. */
public record PartitionRange(int partition, long from, long to) {
    public PartitionRange {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("bad range [" + from + ", " + to + ") for partition " + partition);
        }
    }

    public boolean isEmpty() {
        return from >= to;
    }

    public long span() {
        return to - from;
    }
}
