package dev.backtrack.browse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The planner alone, against a map-backed offset lookup: no Kafka. */
class SeekPlannerTest {
    /** Partition 0: offsets 10..100 (compacted: log start 0, first real record 10); partition 1: 0..50; partition 2: empty. */
    static final class FakeLookup implements OffsetLookup {
        final Map<Integer, Long> begin = new HashMap<>(Map.of(0, 10L, 1, 0L, 2, 7L));
        final Map<Integer, Long> end = new HashMap<>(Map.of(0, 100L, 1, 50L, 2, 7L));
        /** timestamp → per-partition answer; absent partition = null answer. */
        final Map<Long, Map<Integer, Long>> times = new TreeMap<>();

        @Override
        public Map<Integer, Long> beginningOffsets(Collection<Integer> partitions) {
            return only(begin, partitions);
        }

        @Override
        public Map<Integer, Long> endOffsets(Collection<Integer> partitions) {
            return only(end, partitions);
        }

        @Override
        public Map<Integer, Long> offsetsForTimes(Collection<Integer> partitions, long timestampMillis) {
            return only(times.getOrDefault(timestampMillis, Map.of()), partitions);
        }

        private static Map<Integer, Long> only(Map<Integer, Long> m, Collection<Integer> partitions) {
            Map<Integer, Long> out = new HashMap<>();
            partitions.forEach(p -> {
                if (m.containsKey(p)) {
                    out.put(p, m.get(p));
                }
            });
            return out;
        }
    }

    private final FakeLookup lookup = new FakeLookup();

    private SeekPlan plan(Position position, EndBound end) {
        return SeekPlanner.plan("t", List.of(2, 0, 1), position, end, lookup);
    }

    @Test
    void beginningStartsAtFirstRealRecordAndEndsAtEnd() {
        SeekPlan plan = plan(Position.BEGINNING, EndBound.NONE);
        assertThat(plan.ranges()).containsExactly(new PartitionRange(0, 10, 100), new PartitionRange(1, 0, 50), new PartitionRange(2, 7, 7));
        assertThat(plan.limits().get(0)).isEqualTo(new PartitionRange(0, 10, 100));
        assertThat(plan.offsetSpan()).isEqualTo(140);
    }

    @Test
    void endReadsNothing() {
        SeekPlan plan = plan(Position.END, EndBound.NONE);
        assertThat(plan.ranges()).allMatch(PartitionRange::isEmpty);
        assertThat(plan.range(0)).isEqualTo(new PartitionRange(0, 100, 100));
    }

    @Test
    void offsetIsClampedToWatermarksWithWarnings() {
        SeekPlan below = plan(new Position.AtOffset(3), EndBound.NONE);
        assertThat(below.range(0)).isEqualTo(new PartitionRange(0, 10, 100));
        assertThat(below.range(1)).isEqualTo(new PartitionRange(1, 3, 50));
        assertThat(below.warnings()).anyMatch(w -> w.contains("partition 0") && w.contains("before the first record"));

        SeekPlan above = plan(new Position.AtOffset(70), EndBound.NONE);
        assertThat(above.range(0)).isEqualTo(new PartitionRange(0, 70, 100));
        assertThat(above.range(1)).isEqualTo(new PartitionRange(1, 50, 50));
        assertThat(above.warnings()).anyMatch(w -> w.contains("partition 1") && w.contains("past the end"));
    }

    @Test
    void timestampWithoutAnswerMeansEnd() {
        lookup.times.put(1000L, Map.of(0, 42L));
        SeekPlan plan = plan(new Position.AtTimestamp(Instant.ofEpochMilli(1000)), EndBound.NONE);
        assertThat(plan.range(0)).isEqualTo(new PartitionRange(0, 42, 100));
        assertThat(plan.range(1)).isEqualTo(new PartitionRange(1, 50, 50));
    }

    @Test
    void timeWindowIsHalfOpenAcrossPartitions() {
        lookup.times.put(1000L, Map.of(0, 20L, 1, 5L));
        lookup.times.put(2000L, Map.of(0, 60L));
        SeekPlan plan = plan(new Position.AtTimestamp(Instant.ofEpochMilli(1000)), new EndBound.BeforeTime(Instant.ofEpochMilli(2000)));
        assertThat(plan.range(0)).isEqualTo(new PartitionRange(0, 20, 60));
        // partition 1 has nothing at or after t2: the window runs to its end
        assertThat(plan.range(1)).isEqualTo(new PartitionRange(1, 5, 50));
        assertThat(plan.limits().get(0)).isEqualTo(new PartitionRange(0, 10, 60));
    }

    @Test
    void endOffsetIsClampedAndNeverBeforeTheStart() {
        SeekPlan plan = plan(new Position.AtOffset(30), new EndBound.BeforeOffset(40));
        assertThat(plan.range(0)).isEqualTo(new PartitionRange(0, 30, 40));
        assertThat(plan.range(1)).isEqualTo(new PartitionRange(1, 30, 40));
        SeekPlan inverted = plan(new Position.AtOffset(45), new EndBound.BeforeOffset(20));
        assertThat(inverted.range(1)).isEqualTo(new PartitionRange(1, 20, 20));
        SeekPlan current = plan(Position.BEGINNING, EndBound.CURRENT_END);
        assertThat(current.range(0)).isEqualTo(new PartitionRange(0, 10, 100));
    }

    @Test
    void lastNStartsWithEvenBackwardWindows() {
        SeekPlan plan = plan(new Position.LastN(10), EndBound.NONE);
        assertThat(plan.walksBackwards()).isTrue();
        // ceil(10 / 3) = 4 offsets per partition, never below the first record
        assertThat(plan.range(0)).isEqualTo(new PartitionRange(0, 96, 100));
        assertThat(plan.range(1)).isEqualTo(new PartitionRange(1, 46, 50));
        assertThat(plan.range(2)).isEqualTo(new PartitionRange(2, 7, 7));
        assertThat(SeekPlanner.windowBefore(0, 10, 12, 50)).isEqualTo(new PartitionRange(0, 10, 12));
    }

    @Test
    void beginningAboveAnLsoIsClampedToTheEnd() {
        lookup.begin.put(1, 60L);
        SeekPlan plan = plan(Position.BEGINNING, EndBound.NONE);
        assertThat(plan.range(1)).isEqualTo(new PartitionRange(1, 50, 50));
    }

    @Test
    void noPartitionsIsAnError() {
        assertThatThrownBy(() -> SeekPlanner.plan("t", List.of(), Position.BEGINNING, EndBound.NONE, lookup))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
