package dev.backtrack.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Debezium change event: {@code op} (c create, u update, d delete, r snapshot read, t truncate, m message),
 * the row {@code before} and {@code after} the change (null when absent), the {@code source} block and
 * {@code ts_ms}. Recognised in plain JSON, inside the JSON converter's {@code {"schema":…,"payload":…}}
 * envelope, and in Avro decoded to JSON, where optional fields may appear as single-branch union objects
 * ({@code {"string":"c"}}, {@code {"dbserver1.inventory.customers.Value":{…}}}).
 */
public record ChangeEvent(String op, JsonNode before, JsonNode after, JsonNode source, Long tsMs) {
    private static final Set<String> OPS = Set.of("c", "u", "d", "r", "t", "m");

    public static Optional<ChangeEvent> recognise(JsonNode value) {
        if (value == null || !value.isObject()) {
            return Optional.empty();
        }
        JsonNode event = value;
        if (value.has("schema") && value.get("payload") != null && value.get("payload").isObject()) {
            event = value.get("payload");
        }
        JsonNode op = unwrapUnion(event.get("op"));
        if (op == null || !op.isTextual() || !OPS.contains(op.asText())) {
            return Optional.empty();
        }
        if (!event.has("before") && !event.has("after")) {
            return Optional.empty();
        }
        JsonNode ts = unwrapUnion(event.get("ts_ms"));
        return Optional.of(new ChangeEvent(op.asText(), row(event.get("before")), row(event.get("after")),
                unwrapUnion(event.get("source")), ts != null && ts.canConvertToLong() ? ts.asLong() : null));
    }

    private static JsonNode row(JsonNode node) {
        JsonNode n = unwrapUnion(node);
        return n == null || n.isNull() || n.isMissingNode() ? null : n;
    }

    /** Avro's JSON rendering of a non-null union branch is an object with one field named after the branch type. */
    private static JsonNode unwrapUnion(JsonNode node) {
        if (node == null || !node.isObject() || node.size() != 1) {
            return node;
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        Map.Entry<String, JsonNode> only = it.next();
        String branch = only.getKey();
        boolean primitive = Set.of("string", "long", "int", "boolean", "double", "float", "bytes").contains(branch);
        boolean record = branch.contains(".") || branch.equals("Value") || branch.endsWith(".Value") || branch.equals("Source");
        return primitive || record ? only.getValue() : node;
    }

    public String operation() {
        return switch (op) {
            case "c" -> "create";
            case "u" -> "update";
            case "d" -> "delete";
            case "r" -> "snapshot";
            case "t" -> "truncate";
            default -> "message";
        };
    }

    public boolean isDelete() {
        return "d".equals(op);
    }
}
