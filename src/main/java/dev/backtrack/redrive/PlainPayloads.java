package dev.backtrack.redrive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Schemaless payloads opened for editing: JSON documents (edited as JSON, written back compactly), UTF-8
 * text (edited as a JSON string, written back as the text) and null (a tombstone). Anything else (binary
 * bytes) cannot be edited as JSON and says so.
 */
public final class PlainPayloads {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlainPayloads() {
    }

    public static EditablePayload open(byte[] bytes, boolean key) {
        String what = key ? "key" : "value";
        if (bytes == null) {
            return new Payload(NullNode.getInstance(), "null", edited -> {
                if (edited == null || edited.isNull()) {
                    return null;
                }
                return json(edited);
            });
        }
        String text = Utf8.strict(bytes);
        if (text == null) {
            throw new EditException("", "the " + what + " is binary (not JSON, text or a registry format) and cannot be edited as JSON");
        }
        JsonNode parsed = parseJson(text, bytes);
        if (parsed != null) {
            return new Payload(parsed, "JSON", PlainPayloads::json);
        }
        return new Payload(TextNode.valueOf(text), "text", edited -> {
            if (!edited.isTextual()) {
                throw new EditException("", "the " + what + " is plain text, so the edited " + what + " must be a JSON string");
            }
            return edited.asText().getBytes(StandardCharsets.UTF_8);
        });
    }

    static byte[] json(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new EditException("", "cannot write JSON: " + e.getOriginalMessage());
        }
    }

    private static JsonNode parseJson(String text, byte[] utf8) {
        String t = text.strip();
        if (t.isEmpty() || "{[\"".indexOf(t.charAt(0)) < 0) {
            return null;
        }
        try {
            // nothing stripped: the bytes are the same document, and Jackson reads bytes faster than a String
            return t == text ? JSON.readTree(utf8) : JSON.readTree(t);
        } catch (IOException e) {
            return null;
        }
    }

    private interface Encoder {
        byte[] encode(JsonNode edited);
    }

    private record Payload(JsonNode json, String describe, Encoder encoder) implements EditablePayload {
        @Override
        public byte[] encode(JsonNode edited) {
            return encoder.encode(edited);
        }

        @Override
        public Integer schemaId() {
            return null;
        }
    }
}
