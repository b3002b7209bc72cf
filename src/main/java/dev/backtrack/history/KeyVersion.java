package dev.backtrack.history;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backtrack.codec.DecodedRecord;
import java.time.Instant;
import java.util.List;

/**
 * One version of a key: the record, what kind of change it is, the state of the entity after it (null when
 * deleted), the Debezium event when the topic carries change events, and the diff from the previous state
 * (for a change event: the event's own before → after).
 */
public record KeyVersion(DecodedRecord record, Kind kind, JsonNode state, ChangeEvent change, List<FieldChange> diff) {
    public enum Kind { VALUE, TOMBSTONE, CDC_CREATE, CDC_UPDATE, CDC_DELETE, CDC_SNAPSHOT, CDC_OTHER }

    public KeyVersion {
        diff = List.copyOf(diff);
    }

    public Instant time() {
        return Instant.ofEpochMilli(record.raw().timestamp());
    }

    /** True when the entity does not exist after this version (tombstone or delete event). */
    public boolean deleted() {
        return kind == Kind.TOMBSTONE || kind == Kind.CDC_DELETE;
    }

    public String coordinates() {
        return record.raw().coordinates();
    }
}
