package dev.backtrack.history;

import java.time.Instant;

/**
 * A time window over record timestamps, both ends inclusive; a null end is open (the beginning of the
 * retained log, or its current end). Scans use the broker's time index to find the offsets of the window
 * and then also check each record's own timestamp, since CreateTime timestamps need not be in order.
 */
public record TimeWindow(Instant from, Instant to) {
    public static final TimeWindow ALL = new TimeWindow(null, null);

    public TimeWindow {
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("the window ends (" + to + ") before it starts (" + from + ")");
        }
    }

    public boolean contains(long timestampMillis) {
        return (from == null || timestampMillis >= from.toEpochMilli()) && (to == null || timestampMillis <= to.toEpochMilli());
    }

    public String describe() {
        return (from == null ? "the beginning" : from.toString()) + " .. " + (to == null ? "now" : to.toString());
    }
}
