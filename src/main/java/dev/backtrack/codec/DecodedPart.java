package dev.backtrack.codec;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A decoded key or value. {@code json} is the readable structure (Avro/Protobuf/JSON Schema rendered as
 * JSON, plain JSON, or a JSON string/number for text and numbers); {@code text} is what a table cell or a
 * CLI line shows. When decoding failed, {@code error} says why in one sentence ("unknown schema id 9001 at
 * registry …", "truncated Avro: …"), {@code format} is the fallback used for display (usually HEX) and the
 * raw bytes stay on the record. {@code schema} is set for registry formats.
 */
public record DecodedPart(Format format, JsonNode json, String text, SchemaInfo schema, String error) {
    public boolean failed() {
        return error != null;
    }

    public static DecodedPart nullPart() {
        return new DecodedPart(Format.NULL, com.fasterxml.jackson.databind.node.NullNode.getInstance(), "null", null, null);
    }
}
