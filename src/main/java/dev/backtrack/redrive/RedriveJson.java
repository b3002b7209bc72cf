package dev.backtrack.redrive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** JSON forms of dead letters, triage groups and redrive reports, for the CLI and exports. */
public final class RedriveJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LINK_RADIUS = 10;

    private RedriveJson() {
    }

    public static ObjectNode deadLetter(DeadLetter l, boolean withStackTraces) {
        ObjectNode n = JSON.createObjectNode();
        n.put("topic", l.record().topic());
        n.put("partition", l.record().partition());
        n.put("offset", l.record().offset());
        n.put("timestamp", Instant.ofEpochMilli(l.record().timestamp()).toString());
        ArrayNode conventions = n.putArray("conventions");
        l.conventions().stream().sorted().forEach(c -> conventions.add(c.name()));
        n.put("originalTopic", l.originalTopic().orElse(null));
        n.set("origin", origin(l.origin()));
        if (l.history().size() > 1) {
            ArrayNode history = n.putArray("history");
            l.history().forEach(o -> history.add(origin(o)));
        }
        n.set("exception", failure(l.failure(), withStackTraces));
        if (l.keyFailure() != null) {
            n.set("keyException", failure(l.keyFailure(), withStackTraces));
        }
        if (withStackTraces && l.failures().size() > 1) {
            ArrayNode failures = n.putArray("failures");
            l.failures().forEach(f -> failures.add(failure(f, false)));
        }
        if (l.connect() != null) {
            ObjectNode c = n.putObject("connect");
            c.put("connector", l.connect().connectorName());
            c.put("task", l.connect().taskId());
            c.put("stage", l.connect().stage());
            c.put("class", l.connect().className());
        }
        if (!l.retry().isEmpty()) {
            ObjectNode r = n.putObject("retry");
            r.put("attempts", l.retry().attempts());
            r.put("backoffUntil", instant(l.retry().backoffTimestamp()));
            r.put("originalTimestamp", instant(l.retry().originalTimestamp()));
        }
        if (l.redriveCount() != null) {
            n.put("redriveCount", l.redriveCount());
        }
        l.originalRecordLink(LINK_RADIUS).ifPresent(link -> {
            ObjectNode o = n.putObject("openOriginal");
            o.put("topic", link.topic());
            o.put("partition", link.partition());
            o.put("offset", link.offset());
            o.put("neighboursFrom", link.neighbourhood().from());
            o.put("neighboursTo", link.neighbourhood().to());
        });
        if (!l.problems().isEmpty()) {
            ArrayNode problems = n.putArray("headerProblems");
            for (HeaderProblem p : l.problems()) {
                ObjectNode pn = problems.addObject();
                pn.put("header", p.header());
                pn.put("occurrence", p.occurrence());
                pn.put("rawHex", p.rawHex());
                pn.put("reason", p.reason());
            }
        }
        return n;
    }

    public static ObjectNode group(TriageGroup g) {
        ObjectNode n = JSON.createObjectNode();
        n.put("group", g.key());
        n.put("count", g.count());
        if (g.exceptionClass() != null) {
            n.put("exception", g.exceptionClass());
            n.put("messagePattern", g.messagePattern());
        }
        if (g.originalTopic() != null) {
            n.put("originalTopic", g.originalTopic());
        }
        if (g.bucketStart() != null) {
            n.put("bucketStart", g.bucketStart().toString());
        }
        n.put("first", g.first().toString());
        n.put("last", g.last().toString());
        ArrayNode samples = n.putArray("samples");
        g.samples().forEach(samples::add);
        return n;
    }

    public static ObjectNode report(RedriveReport r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("dltTopic", r.dltTopic());
        n.put("selection", r.selection());
        n.put("dryRun", r.dryRun());
        n.put("scanned", r.scanned());
        n.put("selected", r.selected());
        n.put(r.dryRun() ? "wouldSend" : "sent", r.sent());
        if (!r.dryRun()) {
            n.put("landed", r.landed());
        }
        n.put("skippedAlreadySent", r.skippedAlreadySent());
        n.put("skippedOverMaxRedrives", r.skippedOverMax());
        n.put("failed", r.failed());
        n.put("cancelled", r.cancelled());
        if (r.checksum() != null) {
            n.put("checksum", r.checksum());
        }
        n.put("durationMillis", r.durationMillis());
        n.put("recordsPerSecond", Math.round(r.recordsPerSecond()));
        n.put("journal", r.journal().toString());
        ArrayNode previews = n.putArray("previews");
        for (RedriveReport.Preview p : r.previews()) {
            ObjectNode pn = previews.addObject();
            pn.put("partition", p.partition());
            pn.put("offset", p.offset());
            pn.put("target", p.targetTopic());
            if (p.targetPartition() != null) {
                pn.put("targetPartition", p.targetPartition());
            }
            if (p.valueFormat() != null) {
                pn.put("valueFormat", p.valueFormat());
            }
            pn.set("changes", changes(p.changes()));
        }
        ArrayNode problems = n.putArray("problems");
        for (RedriveReport.Item item : r.problems()) {
            ObjectNode pn = problems.addObject();
            pn.put("partition", item.partition());
            pn.put("offset", item.offset());
            pn.put("outcome", item.outcome());
            pn.put("reason", item.reason());
        }
        if (r.problemsNotListed() > 0) {
            n.put("problemsNotListed", r.problemsNotListed());
        }
        return n;
    }

    public static ArrayNode changes(java.util.List<StructuralDiff.Change> changes) {
        ArrayNode out = JSON.createArrayNode();
        for (StructuralDiff.Change c : changes) {
            ObjectNode cn = out.addObject();
            cn.put("path", c.path().isEmpty() ? "/" : c.path());
            cn.put("kind", c.kind());
            cn.set("old", c.before());
            cn.set("new", c.after());
        }
        return out;
    }

    private static JsonNode origin(Origin o) {
        if (o == null) {
            return JSON.nullNode();
        }
        ObjectNode n = JSON.createObjectNode();
        n.put("topic", o.topic());
        n.put("partition", o.partition());
        n.put("offset", o.offset());
        n.put("timestamp", instant(o.timestamp()));
        n.put("timestampType", o.timestampType());
        n.put("consumerGroup", o.consumerGroup());
        n.put("convention", o.convention().name());
        return n;
    }

    private static JsonNode failure(Failure f, boolean withStackTrace) {
        if (f == null) {
            return JSON.nullNode();
        }
        ObjectNode n = JSON.createObjectNode();
        n.put("class", f.exceptionClass());
        n.put("cause", f.causeClass());
        n.put("message", f.message());
        if (withStackTrace) {
            n.put("stackTrace", f.stackTrace());
        }
        return n;
    }

    private static String instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis).toString();
    }
}
