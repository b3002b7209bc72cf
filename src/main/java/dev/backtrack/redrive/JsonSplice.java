package dev.backtrack.redrive;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;

/**
 * Sets one existing field of a schemaless JSON object without building the document's tree: a streaming pass
 * finds the byte span of the field's value, and only those bytes are replaced. Everything else of the
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
        if (path.isRoot() || document == null || !startsWithObject(document) || !Utf8.valid(document)) {
            return null;
        }
        Span span = new Span(path.tokens());
        try (JsonParser parser = FACTORY.createParser(document)) {
            if (parser.nextToken() != JsonToken.START_OBJECT || !span.find(parser, 0) || parser.nextToken() != null) {
                return null;
            }
            JsonNode before;
            try (JsonParser valueParser = FACTORY.createParser(document, span.start, span.end - span.start)) {
                before = JSON.readTree(valueParser);
            }
            if (before.equals(value)) {
                return new Result(document, List.of());
            }
            byte[] out = new byte[document.length - (span.end - span.start) + replacement.length];
            System.arraycopy(document, 0, out, 0, span.start);
            System.arraycopy(replacement, 0, out, span.start, replacement.length);
            System.arraycopy(document, span.end, out, span.start + replacement.length, document.length - span.end);
            return new Result(out, StructuralDiff.diff(path, before, value));
        } catch (IOException | RuntimeException e) {
            return null; // malformed or unusual: the tree path reports it in its own words
        }
    }

    /** Only JSON whitespace before the '{' (the tree path strips other leading characters, or reads a BOM as text). */
    private static boolean startsWithObject(byte[] document) {
        for (byte b : document) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return b == '{';
            }
        }
        return false;
    }

    /** Finds the byte span of the value at the path, checking each name on the path occurs once in its object. */
    private static final class Span {
        final List<String> tokens;
        int start = -1;
        int end = -1;

        Span(List<String> tokens) {
            this.tokens = tokens;
        }

        /** The parser is at the START_OBJECT of the object holding {@code tokens[i]}; returns at its END_OBJECT. */
        boolean find(JsonParser parser, int i) throws IOException {
            String wanted = tokens.get(i);
            boolean last = i == tokens.size() - 1;
            boolean found = false;
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                boolean match = wanted.equals(parser.currentName());
                token = parser.nextToken();
                if (match) {
                    if (found) {
                        return false;
                    }
                    found = true;
                    if (last) {
                        start = (int) parser.currentTokenLocation().getByteOffset();
                        skip(parser, token);
                        end = (int) parser.currentLocation().getByteOffset();
                        continue;
                    }
                    if (token != JsonToken.START_OBJECT || !find(parser, i + 1)) {
                        return false;
                    }
                    continue;
                }
                if (token != null && token.isStructStart()) {
                    parser.skipChildren(); // other scalars need no finishing: the next token skips them
                }
            }
            return token == JsonToken.END_OBJECT && found;
        }

        private static void skip(JsonParser parser, JsonToken token) throws IOException {
            if (token != null && token.isStructStart()) {
                parser.skipChildren();
            } else {
                parser.finishToken();
            }
        }
    }
}
