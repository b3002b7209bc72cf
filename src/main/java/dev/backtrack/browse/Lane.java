package dev.backtrack.browse;

import dev.backtrack.codec.DecodedRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * What a windowed read found in one partition: the offsets [low, high) covered (everything in between was
 * read or was a gap), and the matching records in offset order. {@code scanned} counts every record read.
 */
final class Lane {
    final int partition;
    long low;
    long high;
    long scanned;
    /** The partition ended below its limit (truncated log): reading stopped at {@code high}. */
    boolean endedEarly;
    final List<DecodedRecord> hits = new ArrayList<>();

    Lane(int partition, long low, long high) {
        this.partition = partition;
        this.low = low;
        this.high = high;
    }
}
