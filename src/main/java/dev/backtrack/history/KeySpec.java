package dev.backtrack.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.BacktrackException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A record key as the user typed it: {@code hex:0a1b…} or {@code base64:…} for bytes, a JSON object or
 * array (matched structurally, so {@code {"id":1}} finds {@code { "id" : 1 }} and the {@code payload} of a
 * JSON-converter envelope), or plain text (its UTF-8 bytes). {@code bytes} are what the default partitioner
 * hashes: the exact bytes for text/hex/base64, the compact JSON for a JSON key.
 */
public record KeySpec(String display, byte[] bytes, JsonNode json) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static KeySpec parse(String input) {
        if (input == null) {
            throw new BacktrackException("a key is required");
        }
        if (input.startsWith("hex:")) {
            try {
                return new KeySpec(input, HexFormat.of().parseHex(input.substring(4).replace(" ", "")), null);
            } catch (IllegalArgumentException e) {
                throw new BacktrackException("the key '" + input + "' is not valid hex");
            }
        }
        if (input.startsWith("base64:")) {
            try {
                return new KeySpec(input, Base64.getDecoder().decode(input.substring(7)), null);
            } catch (IllegalArgumentException e) {
                throw new BacktrackException("the key '" + input + "' is not valid base64");
            }
        }
        String trimmed = input.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                JsonNode node = JSON.readTree(trimmed);
                return new KeySpec(input, JSON.writeValueAsBytes(node), node);
            } catch (IOException e) {
                // not JSON after all: a text key that starts with a brace
            }
        }
        return new KeySpec(input, input.getBytes(StandardCharsets.UTF_8), null);
    }

    /** The key of a record with these exact bytes. */
    public static KeySpec ofBytes(byte[] key) {
        return new KeySpec("hex:" + HexFormat.of().formatHex(key), key.clone(), null);
    }

    public boolean matches(byte[] key) {
        if (key == null) {
            return false;
        }
        if (Arrays.equals(bytes, key)) {
            return true;
        }
        if (json == null || key.length == 0 || (key[0] != '{' && key[0] != '[' && key[0] != ' ')) {
            return false;
        }
        try {
            JsonNode other = JSON.readTree(key);
            if (other == null) {
                return false;
            }
            if (json.equals(other)) {
                return true;
            }
            JsonNode payload = other.get("payload");
            return other.has("schema") && payload != null && json.equals(payload);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeySpec k && display.equals(k.display) && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return display.hashCode();
    }

    @Override
    public String toString() {
        return display;
    }
}
