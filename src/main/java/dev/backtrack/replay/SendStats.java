package dev.backtrack.replay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a {@link RecordSender} knows landed on the target, updated from the producer's callbacks: per target
 * partition count, offsets and checksums, per source partition count, and failures. Two generations are
 * kept: pending (acknowledged) and durable (committed, or flushed in idempotent mode), so an aborted
 * transaction rolls back to the last durable figures.
 *
 * <p>Acknowledgements arrive on the producer's I/O thread, once per record, so the pending figures are
 * mutable accumulators found without allocating (immutable {@link TargetStats} are built only for
 * snapshots): the I/O thread stays free to send.
 */
final class SendStats {
    private static final int MAX_KEPT_FAILURES = 100;
    /** How many timed-out records' sources are kept for the verify step to look for on the target. */
    private static final int MAX_KEPT_TIMEOUTS = 100_000;

    private final Object lock = new Object();
    private Map<TargetPartition, Partition> pendingTargets = new HashMap<>();
    private Map<TargetPartition, TargetStats> durableTargets = new HashMap<>();
    private Map<Integer, long[]> pendingPerSource = new HashMap<>();
    private Map<Integer, Long> durablePerSource = new HashMap<>();
    private final List<SendFailure> failures = new ArrayList<>();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private final Set<String> timedOutSources = new HashSet<>();
    private final Set<TargetPartition> timedOutTargets = new HashSet<>();
    private boolean timedOutUnkept;
    private final AtomicLong acknowledged = new AtomicLong();
    // the partitions of the topic acknowledged most often, by number, so the hot path skips the map
    private String fastTopic;
    private Partition[] fast = new Partition[0];

    /** One target partition's running figures, updated in acknowledgement (= offset) order. */
    private static final class Partition {
        final RecordChecksum checksum;
        Long firstOffset;
        Long lastOffset;

        Partition(TargetStats stats) {
            checksum = new RecordChecksum(stats.count(), stats.rolling(), stats.sum());
            firstOffset = stats.firstOffset();
            lastOffset = stats.lastOffset();
        }

        void add(long offset, long hash) {
            checksum.add(hash);
            if (offset < 0) {
                // acknowledged without an offset (a resent batch the broker no longer knew the place of): offsets stay
                return;
            }
            if (firstOffset == null) {
                firstOffset = offset;
            }
            lastOffset = offset;
        }

        TargetStats snapshot() {
            return new TargetStats(checksum.count(), firstOffset, lastOffset, checksum.rolling(), checksum.sum());
        }
    }

    void restore(Map<TargetPartition, TargetStats> targets, Map<Integer, Long> perSource) {
        synchronized (lock) {
            durableTargets = new HashMap<>(targets);
            durablePerSource = new HashMap<>(perSource);
            resetPending();
        }
    }

    void acknowledged(String topic, int partition, long offset, long hash, Integer sourcePartition) {
        acknowledged.incrementAndGet();
        synchronized (lock) {
            partition(topic, partition).add(offset, hash);
            if (sourcePartition != null) {
                pendingPerSource.computeIfAbsent(sourcePartition, p -> new long[1])[0]++;
            }
        }
    }

    void acknowledged(TargetPartition tp, long offset, long hash, Integer sourcePartition) {
        acknowledged(tp.topic(), tp.partition(), offset, hash, sourcePartition);
    }

    private Partition partition(String topic, int number) {
        boolean fastOne = topic.equals(fastTopic);
        if (fastOne && number < fast.length && fast[number] != null) {
            return fast[number];
        }
        Partition p = pendingTargets.computeIfAbsent(new TargetPartition(topic, number), k -> new Partition(TargetStats.EMPTY));
        if (fastTopic == null) {
            fastTopic = topic;
            fastOne = true;
        }
        if (fastOne && number >= 0 && number < 65_536) {
            if (number >= fast.length) {
                fast = Arrays.copyOf(fast, Math.max(number + 1, fast.length * 2));
            }
            fast[number] = p;
        }
        return p;
    }

    void failed(OutgoingRecord record, Exception e) {
        failed(record.source(), record.topic(), record.partition(), e);
    }

    void failed(SourceRef source, String topic, Integer partition, Exception e) {
        failed.incrementAndGet();
        synchronized (lock) {
            if (failures.size() < MAX_KEPT_FAILURES) {
                failures.add(new SendFailure(source, topic, partition, e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }
    }

    /** Everything acknowledged so far is durable now (after a commit or a flush). */
    void makeDurable() {
        synchronized (lock) {
            durableTargets = snapshot(pendingTargets);
            durablePerSource = counts(pendingPerSource);
        }
    }

    /** Back to the last durable figures (after an abort). */
    void rollback() {
        synchronized (lock) {
            resetPending();
        }
    }

    /** Pending figures restarted from the durable ones (holding the lock). */
    private void resetPending() {
        pendingTargets = new HashMap<>();
        durableTargets.forEach((tp, stats) -> pendingTargets.put(tp, new Partition(stats)));
        pendingPerSource = new HashMap<>();
        durablePerSource.forEach((p, n) -> pendingPerSource.put(p, new long[] {n}));
        fastTopic = null;
        fast = new Partition[0];
    }

    RecordSender.Durable durable() {
        synchronized (lock) {
            return new RecordSender.Durable(new TreeMap<>(durableTargets), Map.copyOf(durablePerSource));
        }
    }

    SortedMap<TargetPartition, TargetStats> targets(boolean durableOnly) {
        synchronized (lock) {
            return new TreeMap<>(durableOnly ? durableTargets : snapshot(pendingTargets));
        }
    }

    Map<Integer, Long> perSource(boolean durableOnly) {
        synchronized (lock) {
            return Map.copyOf(durableOnly ? durablePerSource : counts(pendingPerSource));
        }
    }

    private static Map<TargetPartition, TargetStats> snapshot(Map<TargetPartition, Partition> pending) {
        Map<TargetPartition, TargetStats> out = new HashMap<>();
        pending.forEach((tp, p) -> out.put(tp, p.snapshot()));
        return out;
    }

    private static Map<Integer, Long> counts(Map<Integer, long[]> pending) {
        Map<Integer, Long> out = new HashMap<>();
        pending.forEach((p, n) -> out.put(p, n[0]));
        return out;
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

    /** A failure for want of an acknowledgement in time: the record may have been written nonetheless. */
    void timedOut(SourceRef source, String topic, Integer partition, Exception e) {
        timedOut.incrementAndGet();
        synchronized (lock) {
            if (source == null || partition == null || timedOutSources.size() >= MAX_KEPT_TIMEOUTS) {
                timedOutUnkept = true;
            } else {
                timedOutSources.add(source.coordinates());
                timedOutTargets.add(new TargetPartition(topic, partition));
            }
        }
        failed(source, topic, partition, e);
    }

    TimedOutRecords timedOutRecords() {
        synchronized (lock) {
            return new TimedOutRecords(timedOutSources, timedOutTargets, !timedOutUnkept);
        }
    }

    long timedOutCount() {
        return timedOut.get();
    }

    long failedCount() {
        return failed.get();
    }

    long acknowledgedCount() {
        return acknowledged.get();
    }
}
