package dev.backtrack.ui.history;

import dev.backtrack.history.Correlation;
import dev.backtrack.history.KeySpec;
import dev.backtrack.history.TraceContext;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a selected record offers to follow: its W3C trace (traceparent header), else its Zipkin B3 trace, else a
 * correlation header ({@code correlation-id} and its usual spellings); and its key as text the history form understands.
 */
public final class FollowTarget {
    /** Header names that carry a correlation id, compared without case. */
    static final Set<String> CORRELATION_HEADERS = Set.of("correlation-id", "correlationid", "x-correlation-id", "correlation_id",
            "x-request-id", "request-id");

    private FollowTarget() {
    }

    /** The trace id of the record, else its correlation header value; empty when it has neither. */
    public static Optional<Correlation> correlationOf(RawRecord record) {
        Optional<TraceContext> trace = TraceContext.of(record);
        if (trace.isPresent()) {
            return Optional.of(new Correlation.TraceId(trace.get().traceId()));
        }
        Optional<Correlation> b3 = b3(record);
        if (b3.isPresent()) {
            return b3;
        }
        for (RawHeader h : record.headers()) {
            if (h.value() != null && h.value().length > 0 && CORRELATION_HEADERS.contains(h.key().toLowerCase(Locale.ROOT))) {
                Optional<String> text = utf8(h.value());
                if (text.isPresent()) {
                    return Optional.of(new Correlation.HeaderValue(h.key(), text.get()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Zipkin B3 propagation: the multi-header {@code X-B3-TraceId} is followed by its exact value; the single
     * {@code b3} header ({@code traceid-spanid[-sampled[-parent]]}) by the records whose b3 starts with the same
     * trace id (a CEL expression, since every step carries its own span id). Sampling-only b3 values carry no trace.
     */
    static Optional<Correlation> b3(RawRecord record) {
        for (RawHeader h : record.headers()) {
            if (h.value() == null) {
                continue;
            }
            Optional<String> text = utf8(h.value()).map(String::strip);
            if (text.isEmpty()) {
                continue;
            }
            String name = h.key().toLowerCase(Locale.ROOT);
            if (name.equals("x-b3-traceid") && isTraceId(text.get())) {
                return Optional.of(new Correlation.HeaderValue(h.key(), text.get()));
            }
            int dash = text.get().indexOf('-');
            if (name.equals("b3") && dash > 0 && isTraceId(text.get().substring(0, dash))) {
                return Optional.of(new Correlation.Expression("'" + h.key() + "' in headers && headers['" + h.key() + "'].startsWith('"
                        + text.get().substring(0, dash + 1) + "')"));
            }
        }
        return Optional.empty();
    }

    /** 16 or 32 hex digits, not all zero. */
    private static boolean isTraceId(String s) {
        return (s.length() == 16 || s.length() == 32) && s.chars().allMatch(c -> Character.digit(c, 16) >= 0)
                && s.chars().anyMatch(c -> c != '0');
    }

    /**
     * The key as typed text that parses back to exactly these bytes: plain text when it is printable UTF-8
     * (and JSON only when already compact), otherwise {@code hex:…}. Null for a record without a key.
     */
    public static String keyText(byte[] key) {
        if (key == null) {
            return null;
        }
        Optional<String> text = utf8(key);
        if (text.isPresent() && !text.get().isEmpty() && !text.get().startsWith("hex:") && !text.get().startsWith("base64:")
                && text.get().chars().noneMatch(c -> Character.isISOControl(c))
                && Arrays.equals(KeySpec.parse(text.get()).bytes(), key)) {
            return text.get();
        }
        return "hex:" + HexFormat.of().formatHex(key);
    }

    private static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
