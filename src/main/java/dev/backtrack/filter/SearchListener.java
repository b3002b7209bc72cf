package dev.backtrack.filter;

import dev.backtrack.codec.DecodedRecord;

/** Hears a running search; called from scan threads, so implementations must be thread-safe and quick. */
public interface SearchListener {
    /** "scanned N of M" for one partition; {@code position} is the next offset to read. */
    default void progress(PartitionScan progress) {
    }

    /** A match, as soon as it is found (also kept in the result). */
    default void match(DecodedRecord record) {
    }

    SearchListener NONE = new SearchListener() {
    };
}
