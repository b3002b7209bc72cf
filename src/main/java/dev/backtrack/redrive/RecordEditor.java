package dev.backtrack.redrive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import java.util.List;

/**
 * Edits a record's key, value and headers through a {@link PayloadCodec}: the payload is opened as readable
 * JSON, the edit applied, the structural diff computed, and the result encoded in the same format (registry
 * formats: same writer schema and id). A part whose edit changes nothing keeps its original bytes exactly.
 * Failures ({@link EditException}, {@link dev.backtrack.codec.EncodeException}) name the field and nothing is
 * produced for that record.
 */
public final class RecordEditor {
    private final PayloadCodec codec;
    /** The last one-field edit with its value written as JSON: a bulk edit applies the same one to every record. */
    private volatile Replacement lastReplacement;

    private record Replacement(ValueEdit.Assignment assignment, byte[] json) {
    }

    public RecordEditor(PayloadCodec codec) {
        this.codec = codec;
    }

    /** One field set in a schemaless JSON value is spliced into its bytes (see {@link JsonSplice}); null otherwise. */
    private JsonSplice.Result splice(RawRecord record, ValueEdit edit) {
        if (edit instanceof ValueEdit.SetFields set && set.assignments().size() == 1
                && codec.schemaless(record.value(), record.headers(), false)) {
            ValueEdit.Assignment only = set.assignments().get(0);
            Replacement replacement = lastReplacement;
            if (replacement == null || replacement.assignment() != only) {
                replacement = new Replacement(only, JsonSplice.bytes(only.value()));
                lastReplacement = replacement;
            }
            return JsonSplice.set(record.value(), only.path(), only.value(), replacement.json());
        }
        return null;
    }

    /** The readable form of the record's value, as an editor shows it. */
    public EditablePayload openValue(RawRecord record) {
        return codec.open(record.value(), record.headers(), false);
    }

    public EditablePayload openKey(RawRecord record) {
        return codec.open(record.key(), record.headers(), true);
    }

    /** Applies a value edit (bulk edits use this); key and headers stay as they are. */
    public EditedRecord editValue(RawRecord record, ValueEdit edit) {
        return edit(record, null, edit, null);
    }

    /**
     * Applies the given edits; a null edit leaves that part alone, null headers keep the record's headers.
     */
    public EditedRecord edit(RawRecord record, ValueEdit keyEdit, ValueEdit valueEdit, List<RawHeader> headers) {
        byte[] key = record.key();
        List<StructuralDiff.Change> keyDiff = List.of();
        if (keyEdit != null) {
            EditablePayload payload = openKey(record);
            JsonNode edited = keyEdit.apply(payload.json());
            keyDiff = StructuralDiff.diff(payload.json(), edited);
            if (!keyDiff.isEmpty()) {
                key = payload.encode(edited);
            }
        }
        byte[] value = record.value();
        List<StructuralDiff.Change> valueDiff = List.of();
        String format = null;
        JsonSplice.Result spliced = valueEdit == null ? null : splice(record, valueEdit);
        if (spliced != null) {
            value = spliced.bytes();
            valueDiff = spliced.diff();
            format = "JSON";
        } else if (valueEdit != null) {
            EditablePayload payload = openValue(record);
            format = payload.describe();
            JsonNode edited = valueEdit.apply(payload.json());
            valueDiff = StructuralDiff.diff(payload.json(), edited);
            if (!valueDiff.isEmpty()) {
                value = payload.encode(edited);
            }
        }
        return new EditedRecord(record, key, value, headers == null ? record.headers() : headers, keyDiff, valueDiff, format);
    }
}
