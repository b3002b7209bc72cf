package dev.backtrack.filter;

import dev.backtrack.browse.EndBound;
import dev.backtrack.browse.Position;
import java.time.Instant;
import java.util.Objects;

/** Which records a search scans. */
public sealed interface SearchScope {
    /** From a position to an end bound (exclusive), as a browse would read them. */
    record Range(Position start, EndBound end) implements SearchScope {
        public Range {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (start instanceof Position.Live || start instanceof Position.LastN) {
                throw new IllegalArgumentException("a search range starts at the beginning, an offset, a time or the end");
            }
        }
    }

    /** Records in the time window [from, to) across all partitions (offsets from {@code offsetsForTimes}). */
    record TimeWindow(Instant from, Instant to) implements SearchScope {
        public TimeWindow {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("the time window must end after it starts");
            }
        }
    }

    /** The last {@code n} offsets of each partition (gaps from compaction or transactions make it fewer records). */
    record LastOffsets(long n) implements SearchScope {
        public LastOffsets {
            if (n <= 0) {
                throw new IllegalArgumentException("n must be > 0, was " + n);
            }
        }
    }

    /** Every record, from the first to the end seen when the scan starts. Large topics need an explicit confirmation. */
    record WholeTopic() implements SearchScope {
    }
}
