package dev.backtrack.browse;

import java.time.Instant;

/** Where a browse starts. Never a magic number: each mode is its own type. */
public sealed interface Position {
    /** The first retained record of each partition. */
    record Beginning() implements Position {
    }

    /** The end of each partition (high watermark, or LSO under read_committed): nothing older. */
    record End() implements Position {
    }

    /** An absolute offset, clamped to the partition's watermarks. */
    record AtOffset(long offset) implements Position {
        public AtOffset {
            if (offset < 0) {
                throw new IllegalArgumentException("offset must be >= 0, was " + offset);
            }
        }
    }

    /** The earliest record whose timestamp is at or after the instant; the end when there is none. */
    record AtTimestamp(Instant instant) implements Position {
    }

    /** The last n records across the chosen partitions (at most n; gaps are walked backwards). */
    record LastN(int n) implements Position {
        public LastN {
            if (n <= 0) {
                throw new IllegalArgumentException("n must be > 0, was " + n);
            }
        }
    }

    /** New records as they arrive, from the current end. */
    record Live() implements Position {
    }

    Position BEGINNING = new Beginning();
    Position END = new End();
    Position LIVE = new Live();
}
