package dev.backtrack.redrive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.NullValue;
import dev.backtrack.BacktrackException;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A bulk edit written as a CEL expression that produces the new value from the old one, bound as
 * {@code value} (objects are maps, arrays lists, integers int, other numbers double), e.g.
 * {@code {"id": value.id, "status": "RETRY", "amount": value.amount}}. The result is converted back to JSON
 * (maps to objects, lists to arrays, ints, doubles, strings, bools, null); an evaluation error on one record
 * is that record's edit failure, with CEL's message.
 */
public final class CelValueEdit {
    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .addVar("value", SimpleType.DYN)
            .setResultType(SimpleType.DYN)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CelValueEdit() {
    }

    public static ValueEdit.Computed compile(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new BacktrackException("the edit expression is empty");
        }
        CelRuntime.Program program;
        try {
            program = RUNTIME.createProgram(COMPILER.compile(expression).getAst());
        } catch (CelValidationException e) {
            CelIssue first = e.getErrors().isEmpty() ? null : e.getErrors().getFirst();
            throw new BacktrackException("invalid edit expression: " + (first == null ? e.getMessage() : first.getMessage()), e);
        } catch (CelEvaluationException e) {
            throw new BacktrackException("the edit expression cannot be run: " + e.getMessage(), e);
        }
        return new ValueEdit.Computed(expression, value -> {
            Object cel = toCel(value);
            try {
                return toJson(program.eval(name -> Optional.ofNullable("value".equals(name) ? cel : null)), "");
            } catch (CelEvaluationException e) {
                throw new EditException("", "the edit expression failed: " + e.getMessage());
            }
        });
    }

    static Object toCel(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return NullValue.NULL_VALUE;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                map.put(f.getKey(), toCel(f.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(e -> list.add(toCel(e)));
            return list;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asText();
    }

    static JsonNode toJson(Object cel, String path) {
        return switch (cel) {
            case null -> NODES.nullNode();
            case NullValue n -> NODES.nullNode();
            case dev.cel.common.values.NullValue n -> NODES.nullNode();
            case Map<?, ?> map -> {
                ObjectNode obj = NODES.objectNode();
                map.forEach((k, v) -> obj.set(String.valueOf(k), toJson(v, path + "/" + k)));
                yield obj;
            }
            case List<?> list -> {
                ArrayNode arr = NODES.arrayNode();
                for (int i = 0; i < list.size(); i++) {
                    arr.add(toJson(list.get(i), path + "/" + i));
                }
                yield arr;
            }
            case Long l -> NODES.numberNode(l);
            case Integer i -> NODES.numberNode(i);
            case Double d -> NODES.numberNode(d);
            case Boolean b -> NODES.booleanNode(b);
            case String s -> NODES.textNode(s);
            case com.google.common.primitives.UnsignedLong u -> NODES.numberNode(u.bigIntegerValue());
            case ByteString bytes -> throw new EditException(path, "the expression produced bytes; produce a string instead");
            default -> throw new EditException(path, "the expression produced a " + cel.getClass().getSimpleName()
                    + ", which has no JSON form");
        };
    }
}
