package dev.backtrack.redrive;

import dev.backtrack.kafka.RawRecord;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One dead letter understood: the record as read from the dead-letter topic, its true origin (the
 * first set of origin headers when several piled up), every origin found in header order, the failure
 * that put it there (the latest one) and earlier failures, Connect context, retry state, how many times
 * Backtrack already redrove it, and every header that could not be read (shown raw, with the reason).
 *
 * @param redriveCount the {@code backtrack.redrive.count} found on the record; 0 when absent, null when
 *                     the header is malformed (see {@code problems})
 */
public record DeadLetter(RawRecord record, Origin origin, List<Origin> history, Failure failure,
                         List<Failure> failures, Failure keyFailure, ConnectContext connect, RetryInfo retry,
                         Integer redriveCount, Set<Convention> conventions, List<HeaderProblem> problems) {
    public DeadLetter {
        history = List.copyOf(history);
        failures = List.copyOf(failures);
        conventions = Set.copyOf(conventions);
        problems = List.copyOf(problems);
    }

    /**
     * Where a redrive sends this record by default: the original topic from the headers, else the dead-letter
     * topic's name without its suffix; empty when neither says.
     */
    public Optional<String> originalTopic() {
        if (origin != null && origin.topic() != null) {
            return Optional.of(origin.topic());
        }
        return DeadLetterTopicNames.originalTopic(record.topic());
    }

    /** Coordinates of the original record and its neighbours, when the headers give topic, partition and offset. */
    public Optional<OriginalRecordLink> originalRecordLink(int radius) {
        if (origin == null || !origin.hasCoordinates() || origin.partition() < 0 || origin.offset() < 0) {
            // a negative partition or offset from a malformed header points nowhere
            return Optional.empty();
        }
        return Optional.of(OriginalRecordLink.of(origin.topic(), origin.partition(), origin.offset(), radius));
    }

    /** The exception class to group by: the value failure's, else the key failure's. */
    public String exceptionClass() {
        if (failure != null && failure.exceptionClass() != null) {
            return failure.exceptionClass();
        }
        return keyFailure == null ? null : keyFailure.exceptionClass();
    }

    public String exceptionMessage() {
        if (failure != null && failure.message() != null) {
            return failure.message();
        }
        return keyFailure == null ? null : keyFailure.message();
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }
}
