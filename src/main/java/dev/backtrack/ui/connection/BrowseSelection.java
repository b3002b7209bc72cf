package dev.backtrack.ui.connection;

import dev.backtrack.browse.EndBound;
import dev.backtrack.browse.Page;
import dev.backtrack.browse.Position;
import dev.backtrack.codec.DecodedRecord;
import java.time.Instant;
import java.util.List;

/**
 * What the user is looking at in a connection's browse tab, as an immutable snapshot for feature actions
 * ("replay this window", "history of this key", "follow this trace"). {@code topic} is null when no
 * topic is open; {@code record} is the selected row or null; {@code records} are the rows in view.
 */
public record BrowseSelection(String topic, int partitionCount, Integer partition, Position position, EndBound end,
                              Page page, DecodedRecord record, List<DecodedRecord> records) {
    public BrowseSelection {
        records = records == null ? List.of() : List.copyOf(records);
    }

    /** The [from, to) time window chosen on the timeline, or null when the browse is not bounded by time. */
    public TimeWindow timeWindow() {
        if (position instanceof Position.AtTimestamp(Instant from) && end instanceof EndBound.BeforeTime(Instant to)) {
            return new TimeWindow(from, to);
        }
        return null;
    }

    public boolean hasTopic() {
        return topic != null;
    }

    /** A [from, to) time window. */
    public record TimeWindow(Instant from, Instant to) {
    }
}
