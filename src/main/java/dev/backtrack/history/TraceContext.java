package dev.backtrack.history;

import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * W3C Trace Context of a record: the {@code traceparent} header ({@code version-traceid-parentid-flags},
 * lowercase hex of 2-32-16-2 digits; all-zero ids and version {@code ff} are invalid) and the optional
 * {@code tracestate} list of vendor entries. {@code spanId} is the traceparent's parent-id: the span that
 * produced the record.
 */
public record TraceContext(String version, String traceId, String spanId, String flags, List<Map.Entry<String, String>> traceState) {
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    public TraceContext {
        traceState = List.copyOf(traceState);
    }

    /** The sampled bit of the trace flags. */
    public boolean sampled() {
        return (Integer.parseInt(flags, 16) & 0x01) == 1;
    }

    /** Parses a traceparent value; throws {@link IllegalArgumentException} saying what is wrong. */
    public static TraceContext parse(String traceparent, String tracestate) {
        if (traceparent == null) {
            throw new IllegalArgumentException("no traceparent");
        }
        String[] parts = traceparent.strip().split("-", -1);
        if (parts.length < 4) {
            throw new IllegalArgumentException("traceparent '" + traceparent + "' does not have version, trace id, span id and flags");
        }
        String version = parts[0];
        requireHex(version, 2, "version");
        if (version.equals("ff")) {
            throw new IllegalArgumentException("traceparent version ff is invalid");
        }
        if (version.equals("00") && parts.length != 4) {
            throw new IllegalArgumentException("traceparent version 00 has exactly four fields");
        }
        requireHex(parts[1], 32, "trace id");
        requireHex(parts[2], 16, "span id");
        requireHex(parts[3], 2, "flags");
        if (parts[1].chars().allMatch(c -> c == '0')) {
            throw new IllegalArgumentException("the trace id is all zeros, which is invalid");
        }
        if (parts[2].chars().allMatch(c -> c == '0')) {
            throw new IllegalArgumentException("the span id is all zeros, which is invalid");
        }
        return new TraceContext(version, parts[1], parts[2], parts[3], parseTraceState(tracestate));
    }

    /** The trace context of a record (last traceparent/tracestate headers), empty when absent or invalid. */
    public static Optional<TraceContext> of(RawRecord record) {
        RawHeader parent = record.lastHeader(TRACEPARENT);
        if (parent == null || parent.value() == null) {
            return Optional.empty();
        }
        RawHeader state = record.lastHeader(TRACESTATE);
        try {
            return Optional.of(parse(new String(parent.value(), StandardCharsets.UTF_8),
                    state == null || state.value() == null ? null : new String(state.value(), StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Checks a trace id typed by a user (32 hex digits, not all zero); returns it lowercased. */
    public static String requireTraceId(String id) {
        String lower = id == null ? "" : id.strip().toLowerCase(java.util.Locale.ROOT);
        requireHex(lower, 32, "trace id");
        if (lower.chars().allMatch(c -> c == '0')) {
            throw new IllegalArgumentException("the trace id is all zeros, which is invalid");
        }
        return lower;
    }

    /** Entries {@code key=value} separated by commas; empty members are skipped, a malformed list is dropped whole (W3C). */
    static List<Map.Entry<String, String>> parseTraceState(String tracestate) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        if (tracestate == null || tracestate.isBlank()) {
            return out;
        }
        for (String member : tracestate.split(",")) {
            String m = member.strip();
            if (m.isEmpty()) {
                continue;
            }
            int eq = m.indexOf('=');
            if (eq <= 0 || eq == m.length() - 1) {
                return List.of();
            }
            out.add(Map.entry(m.substring(0, eq), m.substring(eq + 1)));
        }
        return out.size() > 32 ? List.of() : out;
    }

    private static void requireHex(String s, int length, String what) {
        if (s.length() != length) {
            throw new IllegalArgumentException("the " + what + " '" + s + "' must be " + length + " hex digits");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                throw new IllegalArgumentException("the " + what + " '" + s + "' must be lowercase hex digits");
            }
        }
    }
}
