package dev.backtrack.redrive;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Groups dead letters for triage: by exception class + message pattern, by original topic, or by time
 * bucket of the dead-letter timestamp. Groups come largest first (ties by key); each has its count and
 * first/last occurrence. Feed it dead letters batch by batch with {@link #add}; memory is per group, not
 * per record.
 */
public final class Triage {
    /** What to group by. */
    public enum GroupBy { EXCEPTION, TOPIC, TIME }

    public static final String UNKNOWN = "(unknown)";
    private static final int SAMPLES = 5;

    private final GroupBy groupBy;
    private final Duration bucket;
    private final Map<String, Acc> groups = new LinkedHashMap<>();

    public Triage(GroupBy groupBy, Duration bucket) {
        this.groupBy = Objects.requireNonNull(groupBy, "groupBy");
        if (bucket.isZero() || bucket.isNegative()) {
            throw new IllegalArgumentException("time bucket must be positive, was " + bucket);
        }
        this.bucket = bucket;
    }

    public Triage(GroupBy groupBy) {
        this(groupBy, Duration.ofHours(1));
    }

    public static List<TriageGroup> group(List<DeadLetter> letters, GroupBy groupBy) {
        Triage triage = new Triage(groupBy);
        triage.add(letters);
        return triage.groups();
    }

    /** The group key a dead letter falls into under this grouping. */
    public String keyOf(DeadLetter letter) {
        return switch (groupBy) {
            case EXCEPTION -> exceptionOf(letter) + ": " + MessagePattern.of(letter.exceptionMessage());
            case TOPIC -> letter.originalTopic().orElse(UNKNOWN);
            case TIME -> bucketOf(letter.record().timestamp()).toString();
        };
    }

    public void add(List<DeadLetter> letters) {
        for (DeadLetter letter : letters) {
            String key = keyOf(letter);
            Acc acc = groups.computeIfAbsent(key, k -> new Acc(letter));
            acc.add(letter);
        }
    }

    public List<TriageGroup> groups() {
        List<TriageGroup> out = new ArrayList<>();
        for (Map.Entry<String, Acc> e : groups.entrySet()) {
            Acc a = e.getValue();
            out.add(new TriageGroup(e.getKey(),
                    groupBy == GroupBy.EXCEPTION ? exceptionOf(a.example) : null,
                    groupBy == GroupBy.EXCEPTION ? MessagePattern.of(a.example.exceptionMessage()) : null,
                    groupBy == GroupBy.TOPIC ? a.example.originalTopic().orElse(UNKNOWN) : null,
                    groupBy == GroupBy.TIME ? bucketOf(a.example.record().timestamp()) : null,
                    a.count, Instant.ofEpochMilli(a.first), Instant.ofEpochMilli(a.last), a.samples));
        }
        out.sort(Comparator.comparingLong(TriageGroup::count).reversed().thenComparing(TriageGroup::key));
        return out;
    }

    private Instant bucketOf(long timestamp) {
        long width = bucket.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(timestamp, width) * width);
    }

    private static String exceptionOf(DeadLetter letter) {
        String cls = letter.exceptionClass();
        return cls == null ? UNKNOWN : cls;
    }

    private static final class Acc {
        final DeadLetter example;
        long count;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        final List<String> samples = new ArrayList<>();

        Acc(DeadLetter example) {
            this.example = example;
        }

        void add(DeadLetter letter) {
            count++;
            long ts = letter.record().timestamp();
            first = Math.min(first, ts);
            last = Math.max(last, ts);
            if (samples.size() < SAMPLES) {
                samples.add(letter.record().coordinates());
            }
        }
    }
}
