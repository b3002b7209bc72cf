package dev.backtrack.replay;

import dev.backtrack.browse.PartitionRange;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Which records of the source partitions a replay reads. Offsets are clamped to what the partitions hold. */
public sealed interface ReplayRange {
    /** Everything from the first retained record to the end (high watermark, or LSO under read_committed) at plan time. */
    record All() implements ReplayRange {
    }

    /** The same offsets [from, to) on every selected partition; null means the partition's beginning/end. */
    record Offsets(Long from, Long to) implements ReplayRange {
        public Offsets {
            if (from != null && from < 0 || to != null && to < 0 || from != null && to != null && to < from) {
                throw new IllegalArgumentException("bad offset range [" + from + ", " + to + ")");
            }
        }
    }

    /** Explicit [from, to) per partition (the partitions of the plan are then these). */
    record PerPartition(List<PartitionRange> ranges) implements ReplayRange {
        public PerPartition {
            ranges = List.copyOf(ranges);
        }
    }

    /** Records with timestamp in [from, to) as the time index finds them; null means unbounded on that side. */
    record TimeWindow(Instant from, Instant to) implements ReplayRange {
        public TimeWindow {
            if (from != null && to != null && !to.isAfter(from)) {
                throw new IllegalArgumentException("the time window is empty: " + from + " .. " + to);
            }
        }
    }

    /** The last {@code n} records of each selected partition (fewer when the partition holds fewer). */
    record LastN(long n) implements ReplayRange {
        public LastN {
            if (n <= 0) {
                throw new IllegalArgumentException("n must be > 0, was " + n);
            }
        }
    }

    ReplayRange ALL = new All();

    static ReplayRange offsets(Long from, Long to) {
        return new Offsets(from, to);
    }

    static ReplayRange window(Instant from, Instant to) {
        Objects.requireNonNull(from != null ? from : to, "a time window needs at least one bound");
        return new TimeWindow(from, to);
    }
}
