package dev.backtrack.filter;

import com.google.protobuf.NullValue;
import com.google.protobuf.Timestamp;
import dev.backtrack.BacktrackException;
import dev.backtrack.codec.DecodedPart;
import dev.backtrack.codec.DecodedRecord;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.runtime.CelVariableResolver;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A compiled CEL expression over one record. Variables:
 * <ul>
 *   <li>{@code key}, {@code value} (dyn): the decoded structure (JSON objects are maps, numbers int/double);
 *       a part that failed to decode is its raw form as a string (the hex shown), so it can still match;
 *       a null key or tombstone value is {@code null}</li>
 *   <li>{@code headers} (map(string, string)): last value per name, UTF-8 text, or {@code base64:...} for bytes
 *       that are not UTF-8; a null header value is the empty string</li>
 *   <li>{@code topic} (string), {@code partition}, {@code offset}, {@code size} (int; size = key + value + headers bytes)</li>
 *   <li>{@code timestamp} (google.protobuf.Timestamp, compare with {@code timestamp("2026-01-01T00:00:00Z")}) and
 *       {@code timestampMillis} (int, epoch milliseconds)</li>
 *   <li>{@code keyFormat}, {@code valueFormat} (string, e.g. "AVRO"), {@code error} (string, empty when both parts decoded)</li>
 * </ul>
 * The expression must be boolean. An evaluation error on one record (e.g. a missing field) counts as no match
 * for that record and is counted in {@link #evaluationErrors()}; it never stops a scan.
 */
public final class CelFilter implements RecordFilter {
    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("key", SimpleType.DYN)
            .addVar("value", SimpleType.DYN)
            .addVar("headers", MapType.create(SimpleType.STRING, SimpleType.STRING))
            .addVar("topic", SimpleType.STRING)
            .addVar("partition", SimpleType.INT)
            .addVar("offset", SimpleType.INT)
            .addVar("size", SimpleType.INT)
            .addVar("timestamp", SimpleType.TIMESTAMP)
            .addVar("timestampMillis", SimpleType.INT)
            .addVar("keyFormat", SimpleType.STRING)
            .addVar("valueFormat", SimpleType.STRING)
            .addVar("error", SimpleType.STRING)
            .setResultType(SimpleType.BOOL)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    private final String expression;
    private final CelRuntime.Program program;
    private final CelFastPath fastPath;
    private final AtomicLong evaluationErrors = new AtomicLong();
    private volatile String firstEvaluationError;

    private CelFilter(String expression, CelRuntime.Program program, CelFastPath fastPath) {
        this.expression = expression;
        this.program = program;
        this.fastPath = fastPath;
    }

    /** Compiles and type-checks; errors become one sentence with the line:column of the first problem. */
    public static CelFilter compile(String expression) {
        return compile(expression, true);
    }

    /** {@code fastPath == false} always runs the interpreter (tests compare both). */
    static CelFilter compile(String expression, boolean fastPath) {
        if (expression == null || expression.isBlank()) {
            throw new BacktrackException("the filter expression is empty");
        }
        CelValidationResult result = COMPILER.compile(expression);
        try {
            CelAbstractSyntaxTree ast = result.getAst();
            return new CelFilter(expression, RUNTIME.createProgram(ast), fastPath ? CelFastPath.of(ast) : null);
        } catch (CelValidationException e) {
            throw new BacktrackException(describe(e), e);
        } catch (CelEvaluationException e) {
            throw new BacktrackException("the filter cannot be run: " + e.getMessage(), e);
        }
    }

    private static String describe(CelValidationException e) {
        if (e.getErrors().isEmpty()) {
            return "invalid filter: " + e.getMessage();
        }
        CelIssue first = e.getErrors().getFirst();
        CelSourceLocation at = first.getSourceLocation();
        String position = at == CelSourceLocation.NONE ? "" : " at " + at.getLine() + ":" + (at.getColumn() + 1);
        String more = e.getErrors().size() > 1 ? " (and " + (e.getErrors().size() - 1) + " more)" : "";
        return "invalid filter" + position + ": " + first.getMessage() + more;
    }

    /** Whether plain comparisons are evaluated directly ({@link CelFastPath}) before the interpreter. */
    boolean hasFastPath() {
        return fastPath != null;
    }

    public String expression() {
        return expression;
    }

    /** Records on which the expression raised an error (counted as no match). */
    public long evaluationErrors() {
        return evaluationErrors.get();
    }

    /** The first evaluation error message, or null. */
    public String firstEvaluationError() {
        return firstEvaluationError;
    }

    @Override
    public boolean test(DecodedRecord record) {
        RawRecord raw = record.raw();
        try {
            Variables variables = new Variables(record);
            if (fastPath != null) {
                Boolean decided = fastPath.test(variables);
                if (decided != null) {
                    return decided;
                }
            }
            Object result = program.eval(variables);
            return Boolean.TRUE.equals(result);
        } catch (CelEvaluationException | RuntimeException e) {
            if (evaluationErrors.getAndIncrement() == 0) {
                firstEvaluationError = raw.coordinates() + ": " + e.getMessage();
            }
            return false;
        }
    }

    /**
     * The variables of one evaluation. {@code key} and {@code value} are decoded once per record however often
     * the expression names them (e.g. {@code value.a == 1 && value.b > 2}).
     */
    private static final class Variables implements CelVariableResolver {
        private final DecodedRecord record;
        private Optional<Object> key;
        private Optional<Object> value;

        Variables(DecodedRecord record) {
            this.record = record;
        }

        @Override
        public Optional<Object> find(String name) {
            return switch (name) {
                case "key" -> key != null ? key : (key = Optional.ofNullable(part(record.key())));
                case "value" -> value != null ? value : (value = Optional.ofNullable(part(record.value())));
                default -> Optional.ofNullable(variable(name, record, record.raw()));
            };
        }
    }

    private static Object variable(String name, DecodedRecord record, RawRecord raw) {
        return switch (name) {
            case "key" -> part(record.key());
            case "value" -> part(record.value());
            case "headers" -> headers(raw);
            case "topic" -> raw.topic();
            case "partition" -> (long) raw.partition();
            case "offset" -> raw.offset();
            case "size" -> (long) raw.size();
            case "timestamp" -> Timestamp.newBuilder().setSeconds(Math.floorDiv(raw.timestamp(), 1000))
                    .setNanos((int) Math.floorMod(raw.timestamp(), 1000) * 1_000_000).build();
            case "timestampMillis" -> raw.timestamp();
            case "keyFormat" -> String.valueOf(record.key().format());
            case "valueFormat" -> String.valueOf(record.value().format());
            case "error" -> errors(record);
            default -> null;
        };
    }

    private static Object part(DecodedPart part) {
        if (part.failed()) {
            return part.text() == null ? "" : part.text();
        }
        // Avro parts give plain values straight from their bytes: no JSON tree is built just to be converted
        Object plain = part.plainValue(NullValue.NULL_VALUE);
        return plain != null ? plain : CelValues.of(part.json());
    }

    private static String errors(DecodedRecord record) {
        StringBuilder out = new StringBuilder();
        if (record.key().failed()) {
            out.append("key: ").append(record.key().error());
        }
        if (record.value().failed()) {
            out.append(out.isEmpty() ? "" : "; ").append("value: ").append(record.value().error());
        }
        return out.toString();
    }

    static Map<String, String> headers(RawRecord raw) {
        Map<String, String> out = new LinkedHashMap<>();
        for (RawHeader h : raw.headers()) {
            out.put(h.key(), headerText(h.value()));
        }
        return out;
    }

    /** UTF-8 text when the bytes are valid UTF-8, else {@code base64:} and the Base64 of the bytes. */
    public static String headerText(byte[] value) {
        if (value == null) {
            return "";
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            return "base64:" + Base64.getEncoder().encodeToString(value);
        }
    }

    @Override
    public String describe() {
        return "filter " + expression;
    }
}
