package dev.backtrack.redrive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Applies set-field operations and RFC 6902 JSON Patch documents to a copy of a JSON value; the input is
 * never modified. Failures name the path that could not be applied.
 */
public final class JsonEdits {
    private JsonEdits() {
    }

    /**
     * Sets the value at {@code path}, creating missing objects on the way; an array index must exist (or be "-" to
     * append). Only the containers on the path are copied: the result shares every untouched subtree with
     * {@code document} (a bulk edit of one field does not copy whole documents), so neither may be modified later.
     */
    public static JsonNode set(JsonNode document, JsonPath path, JsonNode value) {
        if (path.isRoot()) {
            return value.deepCopy();
        }
        JsonNode root = document == null || document.isNull() || document.isMissingNode()
                ? JsonNodeFactory.instance.objectNode() : shallowCopy(document);
        JsonNode parent = root;
        JsonPath walked = new JsonPath(java.util.List.of());
        for (int i = 0; i < path.tokens().size() - 1; i++) {
            String token = path.tokens().get(i);
            walked = walked.child(token);
            JsonNode next = child(parent, token, walked);
            if (next == null || next.isNull()) {
                if (parent instanceof ObjectNode obj) {
                    next = obj.putObject(token);
                } else {
                    throw new EditException(walked.pointer(), "no such element");
                }
            } else if (next.isContainerNode()) {
                next = shallowCopy(next);
                replaceChild(parent, token, next);
            }
            parent = next;
        }
        put(parent, path.last(), value.deepCopy(), path, false);
        return root;
    }

    /** A new container with the same children; a value node is immutable and returned as it is. */
    private static JsonNode shallowCopy(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            return JsonNodeFactory.instance.objectNode().setAll(obj);
        }
        if (node instanceof ArrayNode arr) {
            return JsonNodeFactory.instance.arrayNode(arr.size()).addAll(arr);
        }
        return node;
    }

    /** Puts the copied child back where {@link #child} found it (the parent is a copy owned by the edit). */
    private static void replaceChild(JsonNode parent, String token, JsonNode copy) {
        if (parent instanceof ObjectNode obj) {
            obj.set(token, copy);
        } else if (parent instanceof ArrayNode arr) {
            arr.set(Integer.parseInt(token), copy);
        }
    }

    /** Applies an RFC 6902 patch (an array of operations) and returns the patched copy. */
    public static JsonNode patch(JsonNode document, JsonNode operations) {
        if (operations == null || !operations.isArray()) {
            throw new EditException("", "a JSON Patch must be an array of operations");
        }
        JsonNode doc = document == null ? JsonNodeFactory.instance.nullNode() : document.deepCopy();
        int index = 0;
        for (JsonNode op : operations) {
            doc = apply(doc, op, index++);
        }
        return doc;
    }

    private static JsonNode apply(JsonNode doc, JsonNode op, int index) {
        String name = op.path("op").asText("");
        if (!op.has("path")) {
            throw new EditException("", "patch operation " + index + " (" + name + ") has no path");
        }
        JsonPath path = JsonPath.parse(op.get("path").asText());
        return switch (name) {
            case "add" -> add(doc, path, required(op, "value", index), true);
            case "replace" -> {
                get(doc, path);
                yield add(doc, path, required(op, "value", index), false);
            }
            case "remove" -> remove(doc, path);
            case "move" -> {
                JsonPath from = JsonPath.parse(required(op, "from", index).asText());
                if (path.pointer().startsWith(from.pointer() + "/")) {
                    throw new EditException(path.pointer(), "cannot move a value into itself");
                }
                JsonNode value = get(doc, from);
                yield add(remove(doc, from), path, value, true);
            }
            case "copy" -> add(doc, path, get(doc, JsonPath.parse(required(op, "from", index).asText())), true);
            case "test" -> {
                JsonNode expected = required(op, "value", index);
                if (!get(doc, path).equals(expected)) {
                    throw new EditException(path.pointer(), "test failed: expected " + expected + ", found " + get(doc, path));
                }
                yield doc;
            }
            default -> throw new EditException(path.pointer(), "unknown patch operation '" + name + "' at index " + index);
        };
    }

    private static JsonNode required(JsonNode op, String field, int index) {
        if (!op.has(field)) {
            throw new EditException(op.path("path").asText(""), "patch operation " + index + " needs '" + field + "'");
        }
        return op.get(field);
    }

    /** The value at the path; throws when it does not exist. */
    public static JsonNode get(JsonNode doc, JsonPath path) {
        JsonNode node = doc;
        JsonPath walked = new JsonPath(java.util.List.of());
        for (String token : path.tokens()) {
            walked = walked.child(token);
            node = child(node, token, walked);
            if (node == null) {
                throw new EditException(walked.pointer(), "no such element");
            }
        }
        return node;
    }

    private static JsonNode add(JsonNode doc, JsonPath path, JsonNode value, boolean insert) {
        if (path.isRoot()) {
            return value.deepCopy();
        }
        JsonNode parent = get(doc, path.parent());
        put(parent, path.last(), value.deepCopy(), path, insert);
        return doc;
    }

    private static JsonNode remove(JsonNode doc, JsonPath path) {
        if (path.isRoot()) {
            return JsonNodeFactory.instance.nullNode();
        }
        JsonNode parent = get(doc, path.parent());
        get(doc, path);
        if (parent instanceof ObjectNode obj) {
            obj.remove(path.last());
        } else if (parent instanceof ArrayNode arr) {
            arr.remove(index(path.last(), arr.size() - 1, path));
        }
        return doc;
    }

    private static void put(JsonNode parent, String token, JsonNode value, JsonPath path, boolean insert) {
        if (parent instanceof ObjectNode obj) {
            obj.set(token, value);
        } else if (parent instanceof ArrayNode arr) {
            if (token.equals("-")) {
                arr.add(value);
                return;
            }
            int i = index(token, insert ? arr.size() : arr.size() - 1, path);
            if (insert) {
                arr.insert(i, value);
            } else {
                arr.set(i, value);
            }
        } else {
            throw new EditException(path.parent().pointer(), "is not an object or array");
        }
    }

    private static JsonNode child(JsonNode node, String token, JsonPath walked) {
        if (node instanceof ObjectNode obj) {
            return obj.get(token);
        }
        if (node instanceof ArrayNode arr) {
            int i = index(token, arr.size() - 1, walked);
            return arr.get(i);
        }
        return null;
    }

    private static int index(String token, int max, JsonPath path) {
        try {
            int i = Integer.parseInt(token);
            if (i < 0 || i > max || token.length() > 1 && token.startsWith("0")) {
                throw new EditException(path.pointer(), "array index " + token + " is out of range (0.." + max + ")");
            }
            return i;
        } catch (NumberFormatException e) {
            throw new EditException(path.pointer(), "'" + token + "' is not an array index");
        }
    }
}
