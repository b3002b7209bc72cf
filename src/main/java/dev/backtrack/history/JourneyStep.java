package dev.backtrack.history;

import dev.backtrack.codec.DecodedRecord;
import dev.backtrack.redrive.DeadLetter;
import java.time.Duration;
import java.time.Instant;

/**
 * One record of a journey: the decoded record, its trace context (null when it has none), the time since
 * the previous step (null for the first) and, when it is a dead letter, what the dead-letter headers say.
 */
public record JourneyStep(DecodedRecord record, TraceContext trace, Duration sincePrevious, DeadLetter deadLetter) {
    public Instant time() {
        return Instant.ofEpochMilli(record.raw().timestamp());
    }

    public String topic() {
        return record.raw().topic();
    }

    public boolean isDeadLetter() {
        return deadLetter != null;
    }
}
