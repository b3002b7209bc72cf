package dev.backtrack.redrive;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;

/**
 * Sets one existing field of a schemaless JSON object without building the document's tree: one pass
 * ({@link JsonSpan}) checks the document and finds the byte span of the field's value, and only those bytes are replaced. Everything else of the
 * document stays byte for byte as it was (the tree path re-serializes the whole document), and a bulk edit
 * of one field costs a scan instead of a parse and a write per record.
 *
 * <p>It steps aside (returns null, and the caller opens the payload as a tree) whenever the outcome could
 * differ from the tree path's: the value is not one JSON object, something follows it, the path goes
 * through an array or a missing field, or a name on the path occurs twice in its object.
 */
final class JsonSplice {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();

    private JsonSplice() {
    }

    /** The value as compact JSON bytes, as the splice writes it. */
    static byte[] bytes(JsonNode value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new EditException("", "cannot write JSON: " + e.getMessage());
        }
    }

    /** The edited bytes and the structural diff of the change (empty, with the original bytes, when nothing changed). */
    record Result(byte[] bytes, List<StructuralDiff.Change> diff) {
    }

    static Result set(byte[] document, JsonPath path, JsonNode value) {
        return set(document, path, value, bytes(value));
    }

    /** As {@link #set(byte[], JsonPath, JsonNode)}, with {@code value} already written as compact JSON (a bulk edit writes it once). */
    static Result set(byte[] document, JsonPath path, JsonNode value, byte[] replacement) {
        if (path.isRoot() || document == null || !Utf8.valid(document)) {
            return null;
        }
        int[] span = JsonSpan.find(document, path.tokens());
        if (span == null) {
            return null; // malformed or unusual: the tree path reports it in its own words
        }
        int start = span[0];
        int end = span[1];
        try {
            JsonNode before = plainString(document, start, end);
            if (before == null) {
                try (JsonParser valueParser = FACTORY.createParser(document, start, end - start)) {
                    before = JSON.readTree(valueParser);
                }
            }
            if (before.equals(value)) {
                return new Result(document, List.of());
            }
            byte[] out = new byte[document.length - (end - start) + replacement.length];
            System.arraycopy(document, 0, out, 0, start);
            System.arraycopy(replacement, 0, out, start, replacement.length);
            System.arraycopy(document, end, out, start + replacement.length, document.length - end);
            return new Result(out, StructuralDiff.diff(path, before, value));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A string value without escapes (the usual field a bulk edit sets, like a status) as a node, without a parser; else null. */
    private static JsonNode plainString(byte[] document, int start, int end) {
        if (end - start < 2 || document[start] != '"') {
            return null;
        }
        for (int i = start + 1; i < end - 1; i++) {
            if (document[i] == '\\') {
                return null;
            }
        }
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(new String(document, start + 1, end - start - 2, java.nio.charset.StandardCharsets.UTF_8));
    }
}
