package dev.backtrack.redrive;

import java.time.Instant;
import java.util.List;

/**
 * One group of dead letters: its key (what the grouping was by), the shared exception class and message
 * pattern / original topic / time bucket, the count, the first and last occurrence (dead-letter record
 * timestamps) and a few sample coordinates ({@code topic/partition@offset}).
 */
public record TriageGroup(String key, String exceptionClass, String messagePattern, String originalTopic,
                          Instant bucketStart, long count, Instant first, Instant last, List<String> samples) {
    public TriageGroup {
        samples = List.copyOf(samples);
    }
}
