package dev.backtrack.browse;

import dev.backtrack.BacktrackException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Record counts of a topic over time, per partition, without reading records: the offsets at N+1 evenly
 * spaced instants between the first and the newest timestamp are looked up ({@code listOffsets} for a
 * timestamp) and the difference of consecutive offsets is the number of records in that bucket. Gaps from
 * compaction or transaction markers make these counts estimates; out-of-order timestamps shift records
 * between neighbouring buckets. Cost: N+3 metadata round trips, independent of the topic size.
 */
public final class TopicTimeline {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private TopicTimeline() {
    }

    /** Counts per bucket: {@code counts.get(partition)[i]} records between {@code bucketStart(i)} and the next. */
    public record Timeline(String topic, Instant from, Instant to, int buckets, Map<Integer, long[]> counts,
                           Map<Integer, Long> startOffsets, Map<Integer, Long> endOffsets) {
        public Timeline {
            counts = Map.copyOf(new TreeMap<>(counts));
            startOffsets = Map.copyOf(startOffsets);
            endOffsets = Map.copyOf(endOffsets);
        }

        public boolean isEmpty() {
            return from == null;
        }

        public Duration bucketWidth() {
            return isEmpty() ? Duration.ZERO : Duration.between(from, to).dividedBy(buckets);
        }

        public Instant bucketStart(int index) {
            return from.plus(bucketWidth().multipliedBy(index));
        }

        /** The bucket holding the instant, clamped to [0, buckets). */
        public int bucketOf(Instant instant) {
            if (isEmpty() || bucketWidth().isZero()) {
                return 0;
            }
            long idx = Duration.between(from, instant).toMillis() / Math.max(1, bucketWidth().toMillis());
            return (int) Math.max(0, Math.min(buckets - 1, idx));
        }

        public long total(int bucket) {
            long sum = 0;
            for (long[] c : counts.values()) {
                sum += c[bucket];
            }
            return sum;
        }

        public long estimatedRecords() {
            long sum = 0;
            for (Map.Entry<Integer, Long> e : endOffsets.entrySet()) {
                sum += e.getValue() - startOffsets.getOrDefault(e.getKey(), 0L);
            }
            return sum;
        }
    }

    /** Samples {@code buckets} buckets of the topic; returns an empty timeline for a topic without records. */
    public static Timeline sample(Admin admin, String topic, int buckets, Cancellation cancellation) {
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be >= 1, was " + buckets);
        }
        List<TopicPartition> partitions = partitions(admin, topic);
        Map<Integer, Long> start = offsets(admin, partitions, OffsetSpec.earliest());
        Map<Integer, Long> end = offsets(admin, partitions, OffsetSpec.latest());
        Map<TopicPartition, ListOffsetsResultInfo> first = list(admin, partitions, OffsetSpec.forTimestamp(0L));
        Map<TopicPartition, ListOffsetsResultInfo> newest = list(admin, partitions, OffsetSpec.maxTimestamp());
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (TopicPartition tp : partitions) {
            ListOffsetsResultInfo f = first.get(tp);
            ListOffsetsResultInfo n = newest.get(tp);
            if (f != null && f.offset() >= 0 && f.timestamp() >= 0) {
                min = Math.min(min, f.timestamp());
            }
            if (n != null && n.offset() >= 0 && n.timestamp() >= 0) {
                max = Math.max(max, n.timestamp());
            }
        }
        Map<Integer, long[]> counts = new HashMap<>();
        partitions.forEach(tp -> counts.put(tp.partition(), new long[buckets]));
        if (min == Long.MAX_VALUE || max < min) {
            return new Timeline(topic, null, null, buckets, counts, start, end);
        }
        long span = Math.max(1, max + 1 - min);
        List<Map<Integer, Long>> boundaries = new ArrayList<>();
        for (int i = 0; i <= buckets; i++) {
            if (cancellation.isCancelled()) {
                throw new BacktrackException("timeline of " + topic + " was cancelled");
            }
            long t = min + span * i / buckets;
            boundaries.add(i == buckets ? end : offsetsAt(admin, partitions, t, end));
        }
        for (TopicPartition tp : partitions) {
            long[] c = counts.get(tp.partition());
            for (int i = 0; i < buckets; i++) {
                long a = boundaries.get(i).get(tp.partition());
                long b = boundaries.get(i + 1).get(tp.partition());
                c[i] = Math.max(0, b - a);
            }
        }
        return new Timeline(topic, Instant.ofEpochMilli(min), Instant.ofEpochMilli(min + span), buckets, counts, start, end);
    }

    private static List<TopicPartition> partitions(Admin admin, String topic) {
        try {
            TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            List<TopicPartition> out = new ArrayList<>();
            for (TopicPartitionInfo p : d.partitions()) {
                out.add(new TopicPartition(topic, p.partition()));
            }
            return out;
        } catch (ExecutionException e) {
            throw new BacktrackException("could not describe topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new BacktrackException("the cluster did not describe topic " + topic + " within " + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BacktrackException("interrupted while describing topic " + topic, e);
        }
    }

    private static Map<Integer, Long> offsetsAt(Admin admin, List<TopicPartition> partitions, long timestamp, Map<Integer, Long> end) {
        Map<TopicPartition, ListOffsetsResultInfo> found = list(admin, partitions, OffsetSpec.forTimestamp(timestamp));
        Map<Integer, Long> out = new HashMap<>();
        for (TopicPartition tp : partitions) {
            ListOffsetsResultInfo info = found.get(tp);
            // no record at or after the instant: everything is before it, so the boundary is the end
            out.put(tp.partition(), info == null || info.offset() < 0 ? end.get(tp.partition()) : info.offset());
        }
        return out;
    }

    private static Map<Integer, Long> offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec) {
        Map<Integer, Long> out = new HashMap<>();
        list(admin, partitions, spec).forEach((tp, info) -> out.put(tp.partition(), Math.max(0, info.offset())));
        return out;
    }

    private static Map<TopicPartition, ListOffsetsResultInfo> list(Admin admin, List<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        try {
            return admin.listOffsets(request).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new BacktrackException("could not list offsets: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new BacktrackException("the cluster did not list offsets within " + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BacktrackException("interrupted while listing offsets", e);
        }
    }
}
