package dev.backtrack.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Structural diff of two JSON values. Objects are compared field by field (in the new value's field order,
 * then removed fields), arrays by index (an insertion at the front shows as changes at every index, which is
 * honest about what an index-based consumer would see), anything else as a whole. A null side means "no
 * value": diff(null, v) lists v's fields as added; diff(v, null) removes the whole value.
 */
public final class JsonDiff {
    private JsonDiff() {
    }

    public static List<FieldChange> diff(JsonNode before, JsonNode after) {
        List<FieldChange> out = new ArrayList<>();
        if (before == null && after == null) {
            return out;
        }
        if (before == null) {
            if (after.isObject() && !after.isEmpty()) {
                after.fields().forEachRemaining(e -> out.add(new FieldChange(e.getKey(), FieldChange.Kind.ADDED, null, e.getValue())));
            } else {
                out.add(new FieldChange("", FieldChange.Kind.ADDED, null, after));
            }
            return out;
        }
        if (after == null) {
            out.add(new FieldChange("", FieldChange.Kind.REMOVED, before, null));
            return out;
        }
        walk("", before, after, out);
        return out;
    }

    private static void walk(String path, JsonNode a, JsonNode b, List<FieldChange> out) {
        if (a.equals(b)) {
            return;
        }
        if (a.isObject() && b.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = b.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String child = join(path, e.getKey());
                JsonNode old = a.get(e.getKey());
                if (old == null) {
                    out.add(new FieldChange(child, FieldChange.Kind.ADDED, null, e.getValue()));
                } else {
                    walk(child, old, e.getValue(), out);
                }
            }
            TreeSet<String> removed = new TreeSet<>();
            a.fieldNames().forEachRemaining(n -> {
                if (!b.has(n)) {
                    removed.add(n);
                }
            });
            for (String n : removed) {
                out.add(new FieldChange(join(path, n), FieldChange.Kind.REMOVED, a.get(n), null));
            }
            return;
        }
        if (a.isArray() && b.isArray()) {
            int common = Math.min(a.size(), b.size());
            for (int i = 0; i < common; i++) {
                walk(path + "[" + i + "]", a.get(i), b.get(i), out);
            }
            for (int i = common; i < b.size(); i++) {
                out.add(new FieldChange(path + "[" + i + "]", FieldChange.Kind.ADDED, null, b.get(i)));
            }
            for (int i = common; i < a.size(); i++) {
                out.add(new FieldChange(path + "[" + i + "]", FieldChange.Kind.REMOVED, a.get(i), null));
            }
            return;
        }
        out.add(new FieldChange(path, FieldChange.Kind.CHANGED, a, b));
    }

    private static String join(String path, String field) {
        boolean plain = !field.isEmpty() && field.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '$');
        String name = plain ? field : "[\"" + field.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
        if (path.isEmpty()) {
            return name;
        }
        return plain ? path + "." + name : path + name;
    }
}
