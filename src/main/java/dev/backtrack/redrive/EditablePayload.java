package dev.backtrack.redrive;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A key or value opened for editing: its readable JSON, and how an edited JSON goes back to bytes in the
 * same format (for registry formats: the same writer schema and schema id). {@link #encode} throws
 * {@link dev.backtrack.codec.EncodeException} or {@link EditException} naming the offending field.
 */
public interface EditablePayload {
    JsonNode json();

    byte[] encode(JsonNode edited);

    /** e.g. "JSON", "text", "Avro (schema id 7)". */
    String describe();

    /** The writer schema id the payload carries; null for schemaless payloads. */
    Integer schemaId();
}
