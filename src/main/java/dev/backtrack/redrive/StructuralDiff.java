package dev.backtrack.redrive;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The change between two JSON values, path by path (JSON pointer): added, removed or changed leaves. */
public final class StructuralDiff {
    /** One change; {@code before} is null when added, {@code after} null when removed. */
    public record Change(String path, JsonNode before, JsonNode after) {
        public String kind() {
            return before == null ? "added" : after == null ? "removed" : "changed";
        }

        @Override
        public String toString() {
            return (path.isEmpty() ? "/" : path) + ": " + (before == null ? "(absent)" : before) + " -> " + (after == null ? "(absent)" : after);
        }
    }

    private StructuralDiff() {
    }

    public static List<Change> diff(JsonNode before, JsonNode after) {
        return diff(new JsonPath(List.of()), before, after);
    }

    /** The changes between two values found at {@code at} of their documents, with paths from the document root. */
    static List<Change> diff(JsonPath at, JsonNode before, JsonNode after) {
        List<Change> out = new ArrayList<>();
        walk(at, before, after, out);
        return out;
    }

    private static void walk(JsonPath path, JsonNode a, JsonNode b, List<Change> out) {
        if (a == null && b == null) {
            return;
        }
        if (a == null || b == null) {
            out.add(new Change(path.pointer(), a, b));
            return;
        }
        if (a.isObject() && b.isObject()) {
            // a's fields in order, then the ones only b has; equal subtrees are skipped without building their paths
            for (Map.Entry<String, JsonNode> field : a.properties()) {
                JsonNode after = b.get(field.getKey());
                if (!field.getValue().equals(after)) {
                    walk(path.child(field.getKey()), field.getValue(), after, out);
                }
            }
            for (Map.Entry<String, JsonNode> field : b.properties()) {
                if (!a.has(field.getKey())) {
                    walk(path.child(field.getKey()), null, field.getValue(), out);
                }
            }
        } else if (a.isArray() && b.isArray()) {
            int n = Math.max(a.size(), b.size());
            for (int i = 0; i < n; i++) {
                JsonNode before = a.get(i);
                JsonNode after = b.get(i);
                if (before == null || !before.equals(after)) {
                    walk(path.child(String.valueOf(i)), before, after, out);
                }
            }
        } else if (!a.equals(b)) {
            out.add(new Change(path.pointer(), a, b));
        }
    }
}
