package dev.backtrack.redrive;

import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import java.util.List;

/**
 * A record after an edit, ready to send: new key/value bytes (the original bytes, untouched, where nothing
 * changed), headers, and the structural diffs of key and value (empty when unchanged). {@code valueFormat}
 * says how the value was re-encoded (e.g. "Avro (schema id 7)").
 */
public record EditedRecord(RawRecord original, byte[] key, byte[] value, List<RawHeader> headers,
                           List<StructuralDiff.Change> keyDiff, List<StructuralDiff.Change> valueDiff, String valueFormat) {
    public EditedRecord {
        headers = List.copyOf(headers);
        keyDiff = List.copyOf(keyDiff);
        valueDiff = List.copyOf(valueDiff);
    }

    public static EditedRecord unchanged(RawRecord record) {
        return new EditedRecord(record, record.key(), record.value(), record.headers(), List.of(), List.of(), null);
    }

    public boolean changed() {
        return !keyDiff.isEmpty() || !valueDiff.isEmpty() || !headers.equals(original.headers());
    }
}
