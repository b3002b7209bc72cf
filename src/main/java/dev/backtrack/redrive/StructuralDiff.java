package dev.backtrack.redrive;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
        List<Change> out = new ArrayList<>();
        walk(new JsonPath(List.of()), before, after, out);
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
            Set<String> names = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(names::add);
            for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            for (String name : names) {
                walk(path.child(name), a.get(name), b.get(name), out);
            }
        } else if (a.isArray() && b.isArray()) {
            int n = Math.max(a.size(), b.size());
            for (int i = 0; i < n; i++) {
                walk(path.child(String.valueOf(i)), a.get(i), b.get(i), out);
            }
        } else if (!a.equals(b)) {
            out.add(new Change(path.pointer(), a, b));
        }
    }
}
