package dev.backtrack.replay;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.common.IsolationLevel;

/** Where a (resumed) run starts and what the target already holds of it. */
final class ResumeState {
    final Map<Integer, Long> next;
    long archiveDone;
    final SortedMap<TargetPartition, TargetStats> targets;
    final Map<Integer, Long> writtenPerSource;
    long recovered;
    long overlap;
    String note;

    private ResumeState(Map<Integer, Long> next, long archiveDone, SortedMap<TargetPartition, TargetStats> targets,
                        Map<Integer, Long> writtenPerSource) {
        this.next = next;
        this.archiveDone = archiveDone;
        this.targets = targets;
        this.writtenPerSource = writtenPerSource;
    }

    static ResumeState of(ReplaySetup setup, Checkpoint resume, Map<Integer, Long> targetStartEnds) {
        if (resume == null) {
            return new ResumeState(new HashMap<>(), 0, new TreeMap<>(), new HashMap<>());
        }
        return new ResumeState(new HashMap<>(resume.next()), resume.archiveRecordsDone(), resume.targetStats(),
                new HashMap<>(resume.writtenPerSource()));
    }

    /**
     * Scans the target after the checkpoint for records of this replay. Runs after the sender was created,
     * so a crashed run's open transaction is already aborted and the LSO no longer held by it.
     */
    void recover(ReplaySetup setup, ReplayPlan plan, Map<Integer, Long> targetStartEnds) {
        if (setup.resume() == null) {
            return;
        }
        if (!plan.headers().provenance()) {
            note = "resumed without provenance headers: records written after the last checkpoint cannot be recognized"
                    + (plan.exactlyOnce() ? "; if the crash came between a commit and its checkpoint, that chunk is written twice"
                    : "; they are written again");
            return;
        }
        String topic = plan.target().topic();
        Map<Integer, Long> from = new HashMap<>();
        for (int p = 0; p < setup.targetState().partitions(); p++) {
            TargetStats stats = targets.get(new TargetPartition(topic, p));
            from.put(p, stats != null && stats.lastOffset() != null ? stats.lastOffset() + 1 : targetStartEnds.getOrDefault(p, 0L));
        }
        TargetReadBack readBack = new TargetReadBack(setup.target(), setup.replayId(), true);
        boolean committed = plan.exactlyOnce();
        Set<String> recoveredOrigins = new HashSet<>();
        readBack.scanAfter(topic, from, committed ? IsolationLevel.READ_COMMITTED : IsolationLevel.READ_UNCOMMITTED, r -> {
            if (!committed) {
                overlap++;
                return;
            }
            // a committed chunk is complete, and each source partition's records in it are a prefix in offset order
            recovered++;
            TargetPartition tp = new TargetPartition(r.topic(), r.partition());
            long hash = TargetReadBack.hash(r);
            targets.merge(tp, TargetStats.EMPTY.plus(r.offset(), hash), (old, one) -> old.plus(r.offset(), hash));
            long[] src = TargetReadBack.sourceOf(r);
            if (src != null) {
                writtenPerSource.merge((int) src[0], 1L, Long::sum);
                next.merge((int) src[0], src[1] + 1, Math::max);
            }
            RawRecordOrigin.add(recoveredOrigins, r);
        });
        if (plan.source() instanceof ReplaySource.Archive archive && !recoveredOrigins.isEmpty()) {
            archiveDone = RawRecordOrigin.archivePositionAfter(archive.file(), archiveDone, recoveredOrigins);
        }
        note = committed
                ? recovered + " record(s) committed after the last checkpoint were found on the target and are not sent again"
                : overlap + " record(s) written after the last checkpoint are written again (idempotent mode's bounded overlap)";
    }

    ReplayReport.Resume resumeReport(boolean resumed) {
        return resumed ? new ReplayReport.Resume(recovered, overlap, note) : null;
    }
}
