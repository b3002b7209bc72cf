package dev.backtrack.ui.redrive;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.backtrack.BacktrackException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text form of a key or value in the editor: pretty JSON, or the plain text itself for a text payload;
 * parsing back reports the line and column of a syntax error, and {@link #lineOf} finds the line of the field a
 * schema error names.
 */
final class EditorText {
    private static final ObjectMapper READ = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern LAST_NAME = Pattern.compile("([A-Za-z0-9_$-]+)(\\[\\d+])*$");

    private EditorText() {
    }

    /** A syntax or schema error: the sentence, and its 1-based line in the editor text (0 when unknown). */
    static final class Invalid extends BacktrackException {
        private final int line;

        Invalid(String message, int line) {
            super(message);
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    static String show(JsonNode json, boolean plainText) {
        if (plainText && json != null && json.isTextual()) {
            return json.asText();
        }
        try {
            return PRETTY.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a decoded payload is always writable JSON", e);
        }
    }

    static JsonNode parse(String text, boolean plainText, String part) {
        if (plainText) {
            return TextNode.valueOf(text);
        }
        try {
            JsonNode node = READ.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new Invalid(part + " is empty: write JSON (null for no " + part + ")", 1);
            }
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            int line = at == null ? 0 : at.getLineNr();
            String where = at == null ? "" : " at line " + line + ", column " + at.getColumnNr();
            String problem = e.getOriginalMessage().lines().findFirst().orElse("invalid JSON");
            throw new Invalid(part + " is not valid JSON" + where + ": " + problem, Math.max(line, 0));
        }
    }

    /**
     * The edited tree with every number that equals the original's number at the same place replaced by the
     * original node, so retyping "7" for a decoded long 7 (an int once parsed) is no change.
     */
    static JsonNode alignNumbers(JsonNode original, JsonNode edited) {
        if (original == null || edited == null) {
            return edited;
        }
        if (original.isNumber() && edited.isNumber()) {
            return original.decimalValue().compareTo(edited.decimalValue()) == 0 ? original : edited;
        }
        if (original.isObject() && edited.isObject()) {
            com.fasterxml.jackson.databind.node.ObjectNode out = ((com.fasterxml.jackson.databind.node.ObjectNode) edited).deepCopy();
            edited.fieldNames().forEachRemaining(name -> out.set(name, alignNumbers(original.get(name), edited.get(name))));
            return out;
        }
        if (original.isArray() && edited.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode out = ((com.fasterxml.jackson.databind.node.ArrayNode) edited).deepCopy();
            for (int i = 0; i < edited.size(); i++) {
                out.set(i, alignNumbers(original.get(i), edited.get(i)));
            }
            return out;
        }
        return edited;
    }

    /** The 1-based line of the last field named in a path ({@code $.items[2].price}, {@code /items/2/price}); 0 when not found. */
    static int lineOf(String path, String text) {
        if (path == null || text == null) {
            return 0;
        }
        String[] parts = path.replace('/', '.').split("\\.");
        for (int i = parts.length - 1; i >= 0; i--) {
            Matcher m = LAST_NAME.matcher(parts[i]);
            if (m.find() && !m.group(1).chars().allMatch(Character::isDigit) && !m.group(1).equals("$")) {
                int at = text.indexOf("\"" + m.group(1) + "\"");
                return at < 0 ? 0 : (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
            }
        }
        return 0;
    }
}
