package dev.backtrack.kafka;

import dev.backtrack.BacktrackException;

/** A write to a protected (prod or read-only) profile that has not been unlocked in this run. */
public class WriteRefusedException extends BacktrackException {
    public WriteRefusedException(String message) {
        super(message);
    }
}
