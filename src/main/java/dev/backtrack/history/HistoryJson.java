package dev.backtrack.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backtrack.browse.RecordJson;
import java.util.List;
import java.util.Map;

/**
 * The JSON forms of history results (one JSONL line each in the CLI): a key version is the browse record
 * form plus {@code kind}, {@code state}, {@code diff} and the change event's {@code op}; a journey step adds
 * {@code sincePreviousMs}, {@code trace} and {@code deadLetter}; a state-as-of answer carries its explanation.
 */
public final class HistoryJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private HistoryJson() {
    }

    public static ObjectNode version(KeyVersion v) {
        ObjectNode out = RecordJson.of(v.record());
        out.put("kind", v.kind().name());
        out.put("deleted", v.deleted());
        if (v.change() != null) {
            out.put("op", v.change().operation());
        }
        out.set("state", v.state() == null ? NODES.nullNode() : v.state());
        out.set("diff", diff(v.diff()));
        return out;
    }

    public static ArrayNode diff(List<FieldChange> changes) {
        ArrayNode out = NODES.arrayNode();
        for (FieldChange c : changes) {
            ObjectNode n = out.addObject();
            n.put("path", c.path());
            n.put("change", c.kind().name());
            if (c.oldValue() != null) {
                n.set("old", c.oldValue());
            }
            if (c.newValue() != null) {
                n.set("new", c.newValue());
            }
        }
        return out;
    }

    public static ObjectNode asOf(AsOf a) {
        ObjectNode out = NODES.objectNode();
        out.put("asOf", a.at().toString());
        out.put("exists", a.exists());
        JsonNode state = a.state();
        out.set("state", state == null ? NODES.nullNode() : state);
        out.put("explanation", a.explanation());
        out.set("version", a.version() == null ? NODES.nullNode() : version(a.version()));
        return out;
    }

    public static ObjectNode step(JourneyStep s) {
        ObjectNode out = RecordJson.of(s.record());
        if (s.sincePrevious() == null) {
            out.putNull("sincePreviousMs");
        } else {
            out.put("sincePreviousMs", s.sincePrevious().toMillis());
        }
        out.set("trace", s.trace() == null ? NODES.nullNode() : trace(s.trace()));
        if (s.deadLetter() != null) {
            ObjectNode d = out.putObject("deadLetter");
            d.put("exceptionClass", s.deadLetter().exceptionClass());
            d.put("exceptionMessage", s.deadLetter().exceptionMessage());
            d.put("originalTopic", s.deadLetter().originalTopic().orElse(null));
        } else {
            out.putNull("deadLetter");
        }
        return out;
    }

    public static ObjectNode trace(TraceContext t) {
        ObjectNode out = NODES.objectNode();
        out.put("traceId", t.traceId());
        out.put("spanId", t.spanId());
        out.put("sampled", t.sampled());
        ObjectNode state = out.putObject("tracestate");
        for (Map.Entry<String, String> e : t.traceState()) {
            state.put(e.getKey(), e.getValue());
        }
        return out;
    }
}
