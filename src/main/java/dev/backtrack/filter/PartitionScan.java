package dev.backtrack.filter;

/**
 * The state of one partition's scan: the range [from, to), records scanned so far (every record read,
 * decodable or not), matches, records that did not fully decode (still tested on their raw form), the
 * next offset to read, and whether the whole range was covered.
 */
public record PartitionScan(int partition, long from, long to, long scanned, long matched, long undecodable, long position,
                            boolean complete) {
    /** Offsets in the range; records scanned can be fewer (gaps from compaction and transaction markers). */
    public long span() {
        return to - from;
    }

    public String describe() {
        return "partition " + partition + ": scanned " + scanned + " of " + span() + (complete ? " (done)" : "");
    }
}
