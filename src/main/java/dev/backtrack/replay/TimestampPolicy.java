package dev.backtrack.replay;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** The timestamp a replayed record gets. */
public sealed interface TimestampPolicy {
    /** The original timestamp (the target's message.timestamp.* limits are checked before starting). */
    record Keep() implements TimestampPolicy {
    }

    /** The time of sending. */
    record Now() implements TimestampPolicy {
    }

    /** Shifted so the earliest replayed record gets {@code start}; relative spacing is kept. */
    record ShiftTo(Instant start) implements TimestampPolicy {
    }

    TimestampPolicy KEEP = new Keep();
    TimestampPolicy NOW = new Now();

    /** Parses {@code keep | now | shift:ISO-INSTANT}. */
    static TimestampPolicy parse(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("keep")) {
            return KEEP;
        }
        if (t.equalsIgnoreCase("now")) {
            return NOW;
        }
        if (t.regionMatches(true, 0, "shift:", 0, 6)) {
            try {
                return new ShiftTo(Instant.parse(t.substring(6)));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("shift: needs an ISO instant like 2026-05-01T14:00:00Z, got '" + t.substring(6) + "'");
            }
        }
        throw new IllegalArgumentException("timestamps must be keep, now or shift:ISO, got '" + text + "'");
    }

    static String describe(TimestampPolicy policy) {
        return switch (policy) {
            case Keep k -> "keep";
            case Now n -> "now";
            case ShiftTo s -> "shift:" + s.start();
        };
    }
}
