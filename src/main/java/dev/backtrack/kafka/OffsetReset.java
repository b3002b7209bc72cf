package dev.backtrack.kafka;

import java.time.Instant;

/** Where a group's offsets are moved to. Every target is clamped to the partition's [earliest, end]. */
public sealed interface OffsetReset {
    /** The first retained offset of each partition. */
    record ToEarliest() implements OffsetReset {
    }

    /** The end of each partition: the group skips everything not yet consumed. */
    record ToLatest() implements OffsetReset {
    }

    /** An absolute offset, the same for every chosen partition. */
    record ToOffset(long offset) implements OffsetReset {
        public ToOffset {
            if (offset < 0) {
                throw new IllegalArgumentException("offset must be >= 0, was " + offset);
            }
        }
    }

    /** The earliest offset whose timestamp is at or after the instant; the end when there is none. */
    record ToTime(Instant instant) implements OffsetReset {
    }

    /** The committed offset moved by n (negative: back, re-consume; positive: forward, skip). */
    record Shift(long by) implements OffsetReset {
    }

    default String describe() {
        return switch (this) {
            case ToEarliest e -> "earliest";
            case ToLatest l -> "latest";
            case ToOffset o -> "offset " + o.offset();
            case ToTime t -> "time " + t.instant();
            case Shift s -> "shift " + (s.by() >= 0 ? "+" : "") + s.by();
        };
    }
}
