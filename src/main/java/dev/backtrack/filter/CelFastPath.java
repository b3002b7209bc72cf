package dev.backtrack.filter;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.runtime.CelVariableResolver;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A direct evaluator for the usual shape of a search filter: fields of the record compared with literals,
 * joined by {@code &&}, {@code ||} and {@code !} (e.g. {@code value.customer.tier == 'GOLD' && value.total > 100.0}).
 * It answers only where the answer is plain: strings, booleans, ints and doubles of the same kind compared, map
 * keys that exist. Anything else on a record (a missing key, mixed kinds, a null, NaN or a signed zero, a value
 * that is not a map) makes it give up on that record, and the CEL interpreter decides as always. So results,
 * and counted evaluation errors, are the interpreter's; a scan just skips the interpreter's per-record setup
 * for the records the shape covers. Expressions of any other shape are not handled at all ({@link #of} is null).
 */
final class CelFastPath {
    /** "Not decided here": the interpreter evaluates the record. */
    private static final Object GIVE_UP = new Object();
    private static final Set<String> VARIABLES = Set.of("key", "value", "topic", "partition", "offset", "size", "timestampMillis",
            "keyFormat", "valueFormat", "error");

    private interface Node {
        Object eval(CelVariableResolver variables);
    }

    private final Node root;

    private CelFastPath(Node root) {
        this.root = root;
    }

    /** The fast path of a checked expression, or null when its shape is not covered. */
    static CelFastPath of(CelAbstractSyntaxTree ast) {
        Node root = node(ast, ast.getExpr());
        return root == null ? null : new CelFastPath(root);
    }

    /** TRUE or FALSE as the interpreter would answer, or null when the interpreter must decide. */
    Boolean test(CelVariableResolver variables) {
        return root.eval(variables) instanceof Boolean b ? b : null;
    }

    private static Node node(CelAbstractSyntaxTree ast, CelExpr expr) {
        return switch (expr.getKind()) {
            case CONSTANT -> constant(expr.constant());
            case IDENT -> ident(ast, expr);
            case SELECT -> select(ast, expr);
            case CALL -> call(ast, expr.call());
            default -> null;
        };
    }

    private static Node constant(CelConstant constant) {
        Object value = switch (constant.getKind()) {
            case BOOLEAN_VALUE -> constant.booleanValue();
            case INT64_VALUE -> constant.int64Value();
            case DOUBLE_VALUE -> constant.doubleValue();
            case STRING_VALUE -> constant.stringValue();
            default -> null;
        };
        return value == null ? null : variables -> value;
    }

    private static Node ident(CelAbstractSyntaxTree ast, CelExpr expr) {
        String name = expr.ident().name();
        boolean plainVariable = ast.getReference(expr.id()).map(r -> r.name().equals(name) && r.value().isEmpty()).orElse(false);
        if (!VARIABLES.contains(name) || !plainVariable) {
            return null;
        }
        return variables -> variables.find(name).orElse(GIVE_UP);
    }

    private static Node select(CelAbstractSyntaxTree ast, CelExpr expr) {
        if (expr.select().testOnly() || ast.getReference(expr.id()).isPresent()) {
            return null; // has(...), or a qualified name the checker resolved (not a field selection)
        }
        Node operand = node(ast, expr.select().operand());
        if (operand == null) {
            return null;
        }
        String field = expr.select().field();
        return variables -> {
            Object of = operand.eval(variables);
            if (of instanceof Map<?, ?> map) {
                Object value = map.get(field);
                if (value != null) {
                    return value;
                }
            }
            return GIVE_UP;
        };
    }

    private static Node call(CelAbstractSyntaxTree ast, CelExpr.CelCall call) {
        if (call.target().isPresent()) {
            return null;
        }
        List<CelExpr> args = call.args();
        Node a = args.isEmpty() ? null : node(ast, args.get(0));
        Node b = args.size() < 2 ? null : node(ast, args.get(1));
        if (a == null || args.size() > 2 || args.size() == 2 && b == null) {
            return null;
        }
        return switch (call.function() + "/" + args.size()) {
            case "_&&_/2" -> variables -> logical(a, b, variables, false);
            case "_||_/2" -> variables -> logical(a, b, variables, true);
            case "!_/1" -> variables -> a.eval(variables) instanceof Boolean v ? (Object) !v : GIVE_UP;
            case "_==_/2" -> variables -> equal(a.eval(variables), b.eval(variables), false);
            case "_!=_/2" -> variables -> equal(a.eval(variables), b.eval(variables), true);
            case "_<_/2" -> variables -> order(a.eval(variables), b.eval(variables), "<");
            case "_<=_/2" -> variables -> order(a.eval(variables), b.eval(variables), "<=");
            case "_>_/2" -> variables -> order(a.eval(variables), b.eval(variables), ">");
            case "_>=_/2" -> variables -> order(a.eval(variables), b.eval(variables), ">=");
            default -> null;
        };
    }

    /**
     * {@code &&} ({@code or == false}) and {@code ||}: decided here only when the left side is a boolean (the
     * interpreter's handling of a left side in error, or of a non-boolean one, is left to it).
     */
    private static Object logical(Node a, Node b, CelVariableResolver variables, boolean or) {
        if (!(a.eval(variables) instanceof Boolean left)) {
            return GIVE_UP;
        }
        if (left == or) {
            return or;
        }
        return b.eval(variables) instanceof Boolean right ? right : GIVE_UP;
    }

    private static Object equal(Object x, Object y, boolean negate) {
        Boolean same = null;
        if (x instanceof String s && y instanceof String t) {
            same = s.equals(t);
        } else if (x instanceof Long m && y instanceof Long n) {
            same = m.longValue() == n.longValue();
        } else if (x instanceof Boolean p && y instanceof Boolean q) {
            same = p.booleanValue() == q.booleanValue();
        } else if (x instanceof Double d && y instanceof Double e && ordinary(d) && ordinary(e)) {
            same = d.doubleValue() == e.doubleValue();
        }
        return same == null ? GIVE_UP : (Object) (same != negate);
    }

    private static Object order(Object x, Object y, String op) {
        int c;
        if (x instanceof Long m && y instanceof Long n) {
            c = Long.compare(m, n);
        } else if (x instanceof Double d && y instanceof Double e && ordinary(d) && ordinary(e)) {
            c = d.doubleValue() < e.doubleValue() ? -1 : d.doubleValue() > e.doubleValue() ? 1 : 0;
        } else {
            return GIVE_UP;
        }
        return switch (op) {
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            default -> c >= 0;
        };
    }

    /** NaN and signed zeros are left to the interpreter (their equality rules are its own). */
    private static boolean ordinary(double d) {
        return !Double.isNaN(d) && d != 0.0;
    }
}
