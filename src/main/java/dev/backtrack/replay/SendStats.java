package dev.backtrack.replay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a {@link RecordSender} knows landed on the target, updated from the producer's callbacks: per target
 * partition count, offsets and checksums, per source partition count, and failures. Two generations are
 * kept: pending (acknowledged) and durable (committed, or flushed in idempotent mode), so an aborted
 * transaction rolls back to the last durable figures.
 */
final class SendStats {
    private static final int MAX_KEPT_FAILURES = 100;

    private final Object lock = new Object();
    private Map<TargetPartition, TargetStats> pendingTargets = new HashMap<>();
    private Map<TargetPartition, TargetStats> durableTargets = new HashMap<>();
    private Map<Integer, Long> pendingPerSource = new HashMap<>();
    private Map<Integer, Long> durablePerSource = new HashMap<>();
    private final List<SendFailure> failures = new ArrayList<>();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();

    void restore(Map<TargetPartition, TargetStats> targets, Map<Integer, Long> perSource) {
        synchronized (lock) {
            pendingTargets = new HashMap<>(targets);
            durableTargets = new HashMap<>(targets);
            pendingPerSource = new HashMap<>(perSource);
            durablePerSource = new HashMap<>(perSource);
        }
    }

    void acknowledged(TargetPartition tp, long offset, long hash, Integer sourcePartition) {
        acknowledged.incrementAndGet();
        synchronized (lock) {
            pendingTargets.merge(tp, TargetStats.EMPTY.plus(offset, hash), (old, one) -> old.plus(offset, hash));
            if (sourcePartition != null) {
                pendingPerSource.merge(sourcePartition, 1L, Long::sum);
            }
        }
    }

    void failed(OutgoingRecord record, Exception e) {
        failed.incrementAndGet();
        synchronized (lock) {
            if (failures.size() < MAX_KEPT_FAILURES) {
                failures.add(new SendFailure(record.source(), record.topic(), record.partition(),
                        e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }
    }

    /** Everything acknowledged so far is durable now (after a commit or a flush). */
    void makeDurable() {
        synchronized (lock) {
            durableTargets = new HashMap<>(pendingTargets);
            durablePerSource = new HashMap<>(pendingPerSource);
        }
    }

    /** Back to the last durable figures (after an abort). */
    void rollback() {
        synchronized (lock) {
            pendingTargets = new HashMap<>(durableTargets);
            pendingPerSource = new HashMap<>(durablePerSource);
        }
    }

    RecordSender.Durable durable() {
        synchronized (lock) {
            return new RecordSender.Durable(new TreeMap<>(durableTargets), Map.copyOf(durablePerSource));
        }
    }

    SortedMap<TargetPartition, TargetStats> targets(boolean durableOnly) {
        synchronized (lock) {
            return new TreeMap<>(durableOnly ? durableTargets : pendingTargets);
        }
    }

    Map<Integer, Long> perSource(boolean durableOnly) {
        synchronized (lock) {
            return Map.copyOf(durableOnly ? durablePerSource : pendingPerSource);
        }
    }

    List<SendFailure> failures() {
        synchronized (lock) {
            return List.copyOf(failures);
        }
    }

    String firstFailure() {
        synchronized (lock) {
            return failures.isEmpty() ? null : failures.get(0).message();
        }
    }

    long failedCount() {
        return failed.get();
    }

    long acknowledgedCount() {
        return acknowledged.get();
    }
}
