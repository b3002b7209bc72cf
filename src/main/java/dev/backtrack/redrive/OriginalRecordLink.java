package dev.backtrack.redrive;

import dev.backtrack.browse.PartitionRange;

/**
 * Where to open the original of a dead letter: its exact coordinates and a neighbourhood range
 * [offset - radius, offset + radius + 1) of the same partition, for looking at what came around it.
 */
public record OriginalRecordLink(String topic, int partition, long offset, PartitionRange neighbourhood) {
    public static OriginalRecordLink of(String topic, int partition, long offset, int radius) {
        if (radius < 0) {
            throw new IllegalArgumentException("radius must be >= 0, was " + radius);
        }
        long from = Math.max(0, offset - radius);
        // saturate: a hostile offset header near Long.MAX_VALUE must not overflow into an invalid range
        long to = offset > Long.MAX_VALUE - radius - 1 ? Long.MAX_VALUE : offset + radius + 1;
        return new OriginalRecordLink(topic, partition, offset, new PartitionRange(partition, from, to));
    }
}
