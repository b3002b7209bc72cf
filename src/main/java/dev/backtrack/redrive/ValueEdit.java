package dev.backtrack.redrive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One change applied to the readable JSON of a value (or key): set fields, an RFC 6902 JSON Patch, a whole
 * replacement, or a computed transformation (e.g. a CEL expression producing the new value). Applying never
 * modifies its input; the result may share unchanged subtrees with it, so treat both as read-only.
 */
public sealed interface ValueEdit {
    JsonNode apply(JsonNode value);

    /** A short description for previews and reports. */
    String describe();

    /** {@code PATH=JSON} assignments, applied in order. */
    record SetFields(List<Assignment> assignments) implements ValueEdit {
        public SetFields {
            assignments = List.copyOf(assignments);
            if (assignments.isEmpty()) {
                throw new IllegalArgumentException("at least one assignment is needed");
            }
        }

        @Override
        public JsonNode apply(JsonNode value) {
            JsonNode out = value;
            for (Assignment a : assignments) {
                out = JsonEdits.set(out, a.path(), a.value());
            }
            return out;
        }

        @Override
        public String describe() {
            return "set " + assignments.stream().map(a -> a.path().pointer() + "=" + a.value()).toList();
        }
    }

    /** One {@code PATH=JSON} assignment. */
    record Assignment(JsonPath path, JsonNode value) {
        private static final ObjectMapper JSON = new ObjectMapper();

        /** Parses {@code PATH=JSON}; the value must be JSON (a string is written with quotes: {@code status="OK"}). */
        public static Assignment parse(String spec) {
            int eq = spec.indexOf('=');
            if (eq <= 0) {
                throw new EditException("", "expected PATH=JSON, got '" + spec + "'");
            }
            JsonPath path = JsonPath.parse(spec.substring(0, eq));
            String raw = spec.substring(eq + 1);
            try {
                JsonNode value = JSON.readTree(raw);
                if (value == null || value.isMissingNode()) {
                    throw new EditException(path.pointer(), "no value after '='");
                }
                return new Assignment(path, value);
            } catch (IOException e) {
                throw new EditException(path.pointer(), "'" + raw + "' is not JSON (write text with quotes, e.g. \"" + raw + "\")");
            }
        }
    }

    /** An RFC 6902 JSON Patch document (an array of operations). */
    record Patch(JsonNode operations) implements ValueEdit {
        public Patch {
            if (operations == null || !operations.isArray()) {
                throw new EditException("", "a JSON Patch must be an array of operations");
            }
        }

        @Override
        public JsonNode apply(JsonNode value) {
            return JsonEdits.patch(value, operations);
        }

        @Override
        public String describe() {
            return "JSON Patch of " + operations.size() + " operation(s)";
        }
    }

    /** The whole value replaced (single-record editing). */
    record Replace(JsonNode value) implements ValueEdit {
        @Override
        public JsonNode apply(JsonNode old) {
            return value.deepCopy();
        }

        @Override
        public String describe() {
            return "replace the whole value";
        }
    }

    /** A computed new value, e.g. from a compiled CEL expression; {@code text} is what the user wrote. */
    record Computed(String text, UnaryOperator<JsonNode> function) implements ValueEdit {
        @Override
        public JsonNode apply(JsonNode value) {
            return function.apply(value.deepCopy());
        }

        @Override
        public String describe() {
            return "expression " + text;
        }
    }
}
