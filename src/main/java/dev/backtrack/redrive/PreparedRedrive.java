package dev.backtrack.redrive;

import dev.backtrack.replay.OutgoingRecord;

/** What redrive decided for one dead letter before sending anything. */
public sealed interface PreparedRedrive {
    DeadLetter letter();

    /** Ready to send: the outgoing record, its redrive id, and the edit that produced it. */
    record Ready(DeadLetter letter, OutgoingRecord outgoing, String redriveId, EditedRecord edited) implements PreparedRedrive {
    }

    /** The journal says this dead letter was already redriven (not forced). */
    record AlreadySent(DeadLetter letter, RedriveJournal.Entry entry) implements PreparedRedrive {
    }

    /** The record already came back {@code count} times, at or over the maximum. */
    record OverMaxRedrives(DeadLetter letter, int count, int max) implements PreparedRedrive {
    }

    /** Cannot be sent, with the reason in one sentence (edit failed validation, no target, bad partition...). */
    record Refused(DeadLetter letter, String reason) implements PreparedRedrive {
    }
}
