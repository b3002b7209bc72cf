package dev.backtrack.history;

import dev.backtrack.BacktrackException;
import dev.backtrack.kafka.RawRecord;

/** What ties the records of one journey together. */
public sealed interface Correlation {
    /** Records whose {@code traceparent} header carries this W3C trace id (32 lowercase hex digits). */
    record TraceId(String traceId) implements Correlation {
        public TraceId {
            try {
                traceId = TraceContext.requireTraceId(traceId);
            } catch (IllegalArgumentException e) {
                throw new BacktrackException(e.getMessage());
            }
        }
    }

    /** Records with a header of this name whose UTF-8 value equals {@code value} (any occurrence of the name). */
    record HeaderValue(String name, String value) implements Correlation {
        /** Parses {@code NAME=VALUE}. */
        public static HeaderValue parse(String spec) {
            int eq = spec == null ? -1 : spec.indexOf('=');
            if (eq <= 0) {
                throw new BacktrackException("a header correlation is NAME=VALUE, got '" + spec + "'");
            }
            return new HeaderValue(spec.substring(0, eq), spec.substring(eq + 1));
        }
    }

    /** Records with this key. */
    record Key(KeySpec key) implements Correlation {
    }

    /** Records for which a CEL expression over the decoded record (e.g. {@code value.orderId == 42}) is true. */
    record Expression(String expression) implements Correlation {
    }

    /** "Follow this trace": the journey of the trace a record belongs to. */
    static TraceId traceOf(RawRecord record) {
        return TraceContext.of(record).map(t -> new TraceId(t.traceId()))
                .orElseThrow(() -> new BacktrackException("record " + record.coordinates() + " has no valid traceparent header"));
    }

    default String describe() {
        return switch (this) {
            case TraceId t -> "trace id " + t.traceId();
            case HeaderValue h -> "header " + h.name() + "=" + h.value();
            case Key k -> "key " + k.key().display();
            case Expression e -> "expression " + e.expression();
        };
    }
}
