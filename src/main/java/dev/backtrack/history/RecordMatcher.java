package dev.backtrack.history;

import dev.backtrack.kafka.RawRecord;

/** Decides whether a scanned record belongs to the result. Must be thread-safe: topics are scanned in parallel. */
@FunctionalInterface
public interface RecordMatcher {
    boolean matches(RawRecord record);
}
