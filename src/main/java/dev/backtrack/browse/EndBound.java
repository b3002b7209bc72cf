package dev.backtrack.browse;

import java.time.Instant;
import java.util.Objects;

/** Where a bounded browse stops, exclusive: [start, bound). Without a bound a browse runs to the partition end. */
public sealed interface EndBound {
    /** No bound: read up to the end (high watermark, or LSO under read_committed) seen when the read was planned. */
    record None() implements EndBound {
    }

    /** Stop before this offset (exclusive), clamped to the partition end. */
    record BeforeOffset(long offset) implements EndBound {
        public BeforeOffset {
            if (offset < 0) {
                throw new IllegalArgumentException("end offset must be >= 0, was " + offset);
            }
        }
    }

    /**
     * Stop before the first offset whose timestamp is at or after the instant (as {@code offsetsForTimes}
     * answers it), so [t1, t2) windows of consecutive calls neither overlap nor leave holes.
     */
    record BeforeTime(Instant instant) implements EndBound {
        public BeforeTime {
            Objects.requireNonNull(instant, "instant");
        }
    }

    EndBound NONE = new None();

    /** The partition ends as they are when the read is planned: later pages never chase new records. */
    EndBound CURRENT_END = new BeforeOffset(Long.MAX_VALUE);
}
