package dev.backtrack.replay;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of a running send. {@code expected} totals are known only when the caller announced them
 * ({@link RecordSender#expect}); the ETAs are then remaining records over the current overall rate.
 * Per-partition figures are keyed by source partition; records without a source count only in the totals.
 */
public record SendProgress(long sent, long acknowledged, long failed, long bytes, double recordsPerSecond,
                           Long expected, Duration eta, boolean paused, Map<Integer, PartitionProgress> perSourcePartition) {

    /**
     * The snapshot of a send that started {@code seconds} ago: {@code sentPerSource} holds the records sent per source
     * partition, {@code expectedPerSource} the announced totals (empty when none were).
     */
    static SendProgress of(double seconds, long sent, long acknowledged, long failed, long bytes, boolean paused,
                           Map<Integer, long[]> sentPerSource, Map<Integer, Long> expectedPerSource) {
        double rate = sent / Math.max(1e-9, seconds);
        Long expectedTotal = expectedPerSource.isEmpty() ? null : expectedPerSource.values().stream().mapToLong(Long::longValue).sum();
        Map<Integer, PartitionProgress> per = new TreeMap<>();
        sentPerSource.forEach((p, n) -> {
            Long exp = expectedPerSource.get(p);
            per.put(p, new PartitionProgress(n[0], exp, eta(exp, n[0], rate)));
        });
        expectedPerSource.forEach((p, exp) -> per.putIfAbsent(p, new PartitionProgress(0, exp, eta(exp, 0, rate))));
        return new SendProgress(sent, acknowledged, failed, bytes, rate, expectedTotal, eta(expectedTotal, sent, rate), paused, per);
    }

    private static Duration eta(Long expected, long done, double rate) {
        if (expected == null || rate <= 0) {
            return null;
        }
        long remaining = Math.max(0, expected - done);
        return Duration.ofMillis((long) (remaining / rate * 1000));
    }

    /** Progress of one source partition: records handed to the producer, announced total, ETA. */
    public record PartitionProgress(long sent, Long expected, Duration eta) {
    }
}
