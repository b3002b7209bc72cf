package dev.backtrack.history;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Every record that matched a correlation across a set of topics, as one timeline ordered by record
 * timestamp (ties: topic order as given, then partition, then offset). Spring dead letters carry the time
 * they were dead-lettered, so they appear where the failure happened in time. {@code notes} say what the
 * answer may miss (cancelled scan, records the expression could not evaluate).
 */
public record Journey(Correlation correlation, List<String> topics, TimeWindow window, List<JourneyStep> steps,
                      Map<String, Integer> matchesPerTopic, long recordsScanned, boolean cancelled, Duration elapsed,
                      List<String> notes) {
    public Journey {
        notes = List.copyOf(notes);
        topics = List.copyOf(topics);
        steps = List.copyOf(steps);
        matchesPerTopic = Map.copyOf(matchesPerTopic);
    }

    public List<JourneyStep> deadLetters() {
        return steps.stream().filter(JourneyStep::isDeadLetter).toList();
    }

    /** From the first step to the last; zero for fewer than two steps. */
    public Duration span() {
        return steps.size() < 2 ? Duration.ZERO : Duration.between(steps.get(0).time(), steps.get(steps.size() - 1).time());
    }
}
