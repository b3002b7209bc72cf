package dev.backtrack.replay;

import dev.backtrack.browse.PartitionRange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/** Builds the plan summary, the audit details (never payloads) and the final report of a replay. */
final class ReplayAudit {
    private ReplayAudit() {
    }

    static Map<String, Object> planSummary(ReplayPlan plan, ReplaySetup setup) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", setup.replayId());
        switch (plan.source()) {
            case ReplaySource.Topic t -> {
                m.put("source", t.connection().name() + "/" + t.topic());
                m.put("isolation", t.isolation().toString().toLowerCase(java.util.Locale.ROOT));
                List<String> ranges = new ArrayList<>();
                for (PartitionRange r : setup.ranges()) {
                    ranges.add(r.partition() + ":[" + r.from() + "," + r.to() + ")");
                }
                m.put("ranges", ranges);
            }
            case ReplaySource.Archive a -> m.put("source", "archive " + a.file());
        }
        if (plan.filter() != null) {
            m.put("filter", plan.filter());
        }
        m.put("target", plan.target().connection().name() + "/" + plan.target().topic());
        m.put("partitions", PartitionMapping.describe(plan.mapping()));
        m.put("timestamps", TimestampPolicy.describe(plan.timestamps()));
        HeaderPolicy h = plan.headers();
        m.put("headers", h.dropAll() ? "drop all" : "keep " + (h.keep().isEmpty() ? "all" : h.keep()) + (h.drop().isEmpty() ? "" : ", drop " + h.drop()));
        m.put("provenance", h.provenance());
        m.put("values", plan.reregisterSchemas() ? "re-register schemas" : "bytes");
        m.put("pace", switch (plan.pace()) {
            case Pace.AsFastAsPossible f -> "fast";
            case Pace.RateLimit r -> r.recordsPerSecond() + "/s";
            case Pace.Original o -> "original x" + o.speedUp();
        });
        m.put("delivery", plan.exactlyOnce()
                ? "exactly-once" + (plan.commitEvery() == Delivery.SINGLE_TRANSACTION ? " (one transaction)" : " (commit every " + plan.commitEvery() + ")")
                : "idempotent");
        m.put("compression", setup.compressionSummary());
        return m;
    }

    static Map<String, Object> auditDetails(ReplayPlan plan, ReplaySetup setup, ReadCounts counts) {
        Map<String, Object> m = new LinkedHashMap<>(planSummary(plan, setup));
        m.put("sourceCluster", setup.sourceCluster());
        m.put("read", counts.totalRead());
        m.put("matched", counts.totalMatched());
        return m;
    }

    /** As {@link #auditDetails(ReplayPlan, ReplaySetup, ReadCounts)}, with the report's figures and its verification, if any. */
    static Map<String, Object> auditDetails(ReplayPlan plan, ReplaySetup setup, ReadCounts counts, ReplayReport report) {
        Map<String, Object> m = auditDetails(plan, setup, counts);
        if (report != null) {
            m.put("written", report.written());
            m.put("failed", report.failed());
            m.put("verified", report.verified());
            if (report.verifiedChecksum() != null) {
                m.put("verifiedChecksum", report.verifiedChecksum());
            }
            if (report.landedWithoutAcknowledgement() != null) {
                m.put("landedWithoutAcknowledgement", report.landedWithoutAcknowledgement());
            }
        }
        return m;
    }

    static ReplayReport report(ReplayPlan plan, ReplaySetup setup, ReadCounts counts, SendResult result,
                               TargetReadBack.Verified readBack, boolean created, ReplayReport.Resume resume,
                               Map<String, Integer> schemaMappings, List<ReplayReport.SourcePartition> sources) {
        SortedMap<TargetPartition, TargetStats> verified = readBack == null ? null : readBack.partitions();
        List<ReplayReport.TargetPartitionReport> targets = new ArrayList<>();
        RecordChecksum verifiedTotal = new RecordChecksum();
        boolean allMatch = true;
        for (Map.Entry<TargetPartition, TargetStats> e : result.targets().entrySet()) {
            TargetStats sent = e.getValue();
            TargetStats back = verified == null ? null : verified.getOrDefault(e.getKey(), TargetStats.EMPTY);
            Boolean match = back == null ? null : back.count() == sent.count() && back.rolling() == sent.rolling() && back.sum() == sent.sum();
            if (back != null) {
                verifiedTotal.add(new RecordChecksum(back.count(), back.rolling(), back.sum()));
                allMatch &= match;
            }
            targets.add(new ReplayReport.TargetPartitionReport(e.getKey().partition(), sent.count(), sent.firstOffset(), sent.lastOffset(),
                    sent.rollingHex(), back == null ? null : back.count(), back == null ? null : back.rollingHex(), match));
        }
        List<String> warnings = new ArrayList<>(setup.warnings());
        if (resume != null && resume.note() != null) {
            warnings.add(resume.note());
        }
        Set<String> landedLate = readBack == null ? null : readBack.landedUnacknowledged();
        long found = landedLate == null ? 0 : landedLate.size();
        if (result.timedOut() > 0 && !plan.exactlyOnce()) {
            // an idempotent producer cannot tell whether a record whose acknowledgement timed out reached the log
            String timedOut = result.timedOut() + " record(s) failed for want of an acknowledgement in time";
            if (landedLate != null) {
                warnings.add(timedOut + "; reading the target back found " + found + " of them written all the same (counted as written)"
                        + " and " + (result.timedOut() - found) + " not written");
            } else if (readBack != null) {
                warnings.add(timedOut + " and may have been written all the same; " + (plan.headers().provenance()
                        ? "there were too many to look for" : "without provenance headers they cannot be told apart")
                        + ", so the verified figures may count them as differences");
            } else {
                warnings.add(timedOut + " and may have been written all the same; verifying the replay finds out which");
            }
        }
        List<SendFailure> failures = landedLate == null || landedLate.isEmpty() ? result.failures() : result.failures().stream()
                .filter(f -> f.source() == null || !landedLate.contains(f.source().coordinates())).toList();
        return new ReplayReport(setup.replayId(), result.cancelled() ? ReplayReport.CANCELLED : ReplayReport.COMPLETED, false,
                planSummary(plan, setup), warnings, setup.sourceCluster(), plan.target().connection().name(), plan.target().topic(), created,
                sources, targets, counts.totalRead(), counts.totalMatched(), result.sent(), result.written() + found, result.failed() - found,
                failures, result.checksum(), verified == null ? null : verifiedTotal.sumHex(), verified == null ? null : allMatch,
                readBack == null ? null : readBack.duplicates(), landedLate == null ? null : found, resume, null, schemaMappings,
                result.duration().toMillis(), result.recordsPerSecond());
    }
}
