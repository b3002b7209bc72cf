package dev.backtrack.ui.redrive;

import dev.backtrack.redrive.DeadLetter;
import dev.backtrack.redrive.Failure;
import dev.backtrack.redrive.Origin;
import dev.backtrack.redrive.RedriveJournal;

/**
 * One dead letter as the triage list shows it, with what the redrive journal says about it (null when it
 * was never redriven). Built without the FX toolkit.
 */
public record LetterRow(DeadLetter letter, RedriveJournal.Entry journal) {
    public int partition() {
        return letter.record().partition();
    }

    public long offset() {
        return letter.record().offset();
    }

    public long timestamp() {
        return letter.record().timestamp();
    }

    /** {@code partition@offset} in the dead-letter topic. */
    public String coordinates() {
        return partition() + "@" + offset();
    }

    /** {@code topic/partition@offset} of the original record, or what the topic name says when the headers do not. */
    public String origin() {
        Origin o = letter.origin();
        if (o != null && o.hasCoordinates()) {
            return o.topic() + "/" + o.partition() + "@" + o.offset();
        }
        return letter.originalTopic().map(t -> t + " (from the topic name)").orElse("unknown");
    }

    public String consumerGroup() {
        Origin o = letter.origin();
        return o == null || o.consumerGroup() == null ? "" : o.consumerGroup();
    }

    /** The exception class without its package, e.g. {@code ListenerExecutionFailedException}. */
    public String exception() {
        String cls = letter.exceptionClass();
        return cls == null ? "(unknown)" : cls.substring(cls.lastIndexOf('.') + 1);
    }

    /** The root cause class without its package, or empty. */
    public String cause() {
        Failure f = letter.failure() != null ? letter.failure() : letter.keyFailure();
        String cls = f == null ? null : f.causeClass();
        return cls == null ? "" : cls.substring(cls.lastIndexOf('.') + 1);
    }

    /** The first line of the exception message. */
    public String message() {
        String m = letter.exceptionMessage();
        if (m == null) {
            return "";
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    public boolean redriven() {
        return journal != null && journal.alreadyRedriven();
    }

    /** What the journal says, e.g. "landed orders/2@611", "sent to orders", "send failed"; empty when never redriven. */
    public String redriveState() {
        if (journal == null) {
            return "";
        }
        return switch (journal.status()) {
            case LANDED -> "landed " + journal.targetTopic() + "/" + journal.targetPartition() + "@" + journal.targetOffset();
            case SENT -> "sent to " + journal.targetTopic();
            case NOT_LANDED -> "send failed";
        };
    }
}
