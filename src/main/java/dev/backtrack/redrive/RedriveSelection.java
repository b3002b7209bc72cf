package dev.backtrack.redrive;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Which dead letters a redrive takes: a dead-letter topic, its partitions (all when empty) and a filter
 * (a CEL filter, a triage group, or both combined); {@code description} says it in words for the report.
 */
public record RedriveSelection(String dltTopic, List<Integer> partitions, Predicate<DeadLetter> filter, String description) {
    public RedriveSelection {
        Objects.requireNonNull(dltTopic, "dltTopic");
        partitions = List.copyOf(partitions);
        Objects.requireNonNull(filter, "filter");
    }

    public static RedriveSelection all(String dltTopic) {
        return new RedriveSelection(dltTopic, List.of(), letter -> true, "all dead letters");
    }

    /** Only the dead letters of one triage group (as {@link Triage#keyOf} names it). */
    public RedriveSelection andGroup(Triage.GroupBy groupBy, String groupKey) {
        Triage triage = new Triage(groupBy);
        Predicate<DeadLetter> inGroup = letter -> triage.keyOf(letter).equals(groupKey);
        return new RedriveSelection(dltTopic, partitions, filter.and(inGroup),
                description + " in " + groupBy.name().toLowerCase(java.util.Locale.ROOT) + " group '" + groupKey + "'");
    }

    public RedriveSelection and(Predicate<DeadLetter> more, String what) {
        return new RedriveSelection(dltTopic, partitions, filter.and(more), description + " matching " + what);
    }
}
