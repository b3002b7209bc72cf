package dev.backtrack.replay;

import dev.backtrack.BacktrackException;
import dev.backtrack.browse.Cancellation;
import dev.backtrack.browse.PartitionRange;
import dev.backtrack.browse.RangeReader;
import dev.backtrack.browse.RecordSink;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RawRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Turns a topic source into exact offset ranges [from, to) per partition, fixed at plan time (a resumed
 * replay reads the same ranges), clamped to the partitions' watermarks (LSO under read_committed).
 * Public for exports, which read the same kinds of ranges.
 */
public final class SourceResolver {
    private SourceResolver() {
    }

    /** A source with its ranges and the cluster id (for provenance), plus the topic's partition count. */
    public record Resolved(String clusterId, String topic, int partitionCount, List<PartitionRange> ranges) {
    }

    public static String clusterId(KafkaClients clients) {
        try (Admin admin = clients.admin()) {
            return admin.describeCluster().clusterId().get(KafkaClients.API_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new BacktrackException("cannot reach cluster '" + clients.settings().name() + "': " + rootMessage(e), e);
        }
    }

    public static Resolved resolve(KafkaClients clients, ReplaySource.Topic source) {
        String clusterId = clusterId(clients);
        try (KafkaConsumer<byte[], byte[]> consumer = clients.consumer(source.isolation())) {
            List<PartitionInfo> infos = consumer.partitionsFor(source.topic(), KafkaClients.API_TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                throw new BacktrackException("topic '" + source.topic() + "' does not exist on '" + clients.settings().name() + "'");
            }
            int count = infos.size();
            List<Integer> partitions = new ArrayList<>();
            if (source.range() instanceof ReplayRange.PerPartition per) {
                per.ranges().forEach(r -> partitions.add(r.partition()));
            } else if (source.partitions().isEmpty()) {
                for (int p = 0; p < count; p++) {
                    partitions.add(p);
                }
            } else {
                partitions.addAll(source.partitions());
            }
            for (int p : partitions) {
                if (p < 0 || p >= count) {
                    throw new BacktrackException("topic '" + source.topic() + "' has no partition " + p + " (it has " + count + ")");
                }
            }
            List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(source.topic(), p)).toList();
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(tps, KafkaClients.API_TIMEOUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps, KafkaClients.API_TIMEOUT);
            List<PartitionRange> ranges = new ArrayList<>();
            for (TopicPartition tp : tps) {
                long b = begin.get(tp);
                long e = end.get(tp);
                ranges.add(switch (source.range()) {
                    case ReplayRange.All all -> new PartitionRange(tp.partition(), b, e);
                    case ReplayRange.Offsets o -> clamp(tp.partition(), o.from() == null ? b : o.from(), o.to() == null ? e : o.to(), b, e);
                    case ReplayRange.PerPartition per -> {
                        PartitionRange r = per.ranges().stream().filter(x -> x.partition() == tp.partition()).findFirst().orElseThrow();
                        yield clamp(tp.partition(), r.from(), r.to(), b, e);
                    }
                    case ReplayRange.TimeWindow w -> new PartitionRange(tp.partition(),
                            w.from() == null ? b : offsetForTime(consumer, tp, w.from().toEpochMilli(), e),
                            w.to() == null ? e : offsetForTime(consumer, tp, w.to().toEpochMilli(), e));
                    case ReplayRange.LastN last -> new PartitionRange(tp.partition(), lastNStart(clients, source, tp.partition(), last.n(), b, e), e);
                });
            }
            return new Resolved(clusterId, source.topic(), count, ranges);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new BacktrackException("cannot read the offsets of '" + source.topic() + "': " + rootMessage(e), e);
        }
    }

    private static PartitionRange clamp(int partition, long from, long to, long begin, long end) {
        long f = Math.min(Math.max(from, begin), end);
        long t = Math.min(Math.max(to, f), end);
        return new PartitionRange(partition, f, t);
    }

    /** The earliest offset with timestamp >= t, or the end when there is none (so a window bound never reads past it). */
    private static long offsetForTime(KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp, long t, long end) {
        OffsetAndTimestamp found = consumer.offsetsForTimes(Map.of(tp, t), KafkaClients.API_TIMEOUT).get(tp);
        return found == null ? end : Math.min(found.offset(), end);
    }

    /** Steps backwards from the end until n records are in [start, end) or the beginning is reached (gaps make offsets sparse). */
    private static long lastNStart(KafkaClients clients, ReplaySource.Topic source, int partition, long n, long begin, long end) {
        long start = Math.max(begin, end - n);
        long counted = count(clients, source, partition, start, end);
        while (counted < n && start > begin) {
            long step = Math.max(n - counted, 16);
            long earlier = Math.max(begin, start - step);
            long inStep = count(clients, source, partition, earlier, start);
            if (counted + inStep > n) {
                // too many: find the exact start inside [earlier, start) by reading its offsets
                List<Long> offsets = offsets(clients, source, partition, earlier, start);
                return offsets.get((int) (offsets.size() - (n - counted)));
            }
            counted += inStep;
            start = earlier;
        }
        return start;
    }

    private static long count(KafkaClients clients, ReplaySource.Topic source, int partition, long from, long to) {
        return offsets(clients, source, partition, from, to).size();
    }

    private static List<Long> offsets(KafkaClients clients, ReplaySource.Topic source, int partition, long from, long to) {
        List<Long> offsets = new ArrayList<>();
        if (from >= to) {
            return offsets;
        }
        new RangeReader(clients, source.isolation()).read(source.topic(), List.of(new PartitionRange(partition, from, to)),
                batch -> {
                    batch.forEach(r -> offsets.add(r.offset()));
                    return true;
                }, Cancellation.none());
        return offsets;
    }

    /**
     * First and last record of each range (null when a range holds none): for previews, checks and the shift base;
     * {@code compressibility}: {@link Compressibility#ratio()} of the records read here, null when none were.
     */
    record Edges(Map<Integer, RawRecord> first, Map<Integer, RawRecord> last, Double compressibility) {
        Long earliestFirstTimestamp() {
            return first.values().stream().map(RawRecord::timestamp).min(Long::compare).orElse(null);
        }

        Long minTimestamp() {
            return java.util.stream.Stream.concat(first.values().stream(), last.values().stream())
                    .map(RawRecord::timestamp).min(Long::compare).orElse(null);
        }

        Long maxTimestamp() {
            return java.util.stream.Stream.concat(first.values().stream(), last.values().stream())
                    .map(RawRecord::timestamp).max(Long::compare).orElse(null);
        }
    }

    /**
     * Edge reads need one record per partition: small fetches, one consumer for every range. The fetch the
     * consumer sends ahead once a tail window is read sits at the log end, where the broker holds it for
     * {@code fetch.max.wait.ms}; the next partition's read cannot start before it returns, so the wait is short.
     */
    private static final Map<String, Object> EDGE_FETCH = Map.of(
            org.apache.kafka.clients.consumer.ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024,
            org.apache.kafka.clients.consumer.ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 1024 * 1024,
            org.apache.kafka.clients.consumer.ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500,
            org.apache.kafka.clients.consumer.ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);

    static Edges edges(KafkaClients clients, ReplaySource.Topic source, List<PartitionRange> ranges) {
        Map<Integer, RawRecord> first = new HashMap<>();
        Map<Integer, RawRecord> last = new HashMap<>();
        if (ranges.stream().allMatch(PartitionRange::isEmpty)) {
            return new Edges(first, last, null);
        }
        Compressibility sample = new Compressibility();
        RangeReader reader = new RangeReader(clients, source.isolation());
        try (KafkaConsumer<byte[], byte[]> consumer = clients.consumer(source.isolation(), EDGE_FETCH)) {
            for (PartitionRange r : ranges) {
                if (r.isEmpty()) {
                    continue;
                }
                reader.read(consumer, source.topic(), List.of(r), firstOnly(first, sample), Cancellation.none());
                if (first.containsKey(r.partition())) {
                    // the last record: read a short tail window, widening it if gaps left it empty
                    for (long window = 64; ; window *= 8) {
                        long from = Math.max(r.from(), r.to() - window);
                        AtomicLong seen = new AtomicLong();
                        reader.read(consumer, source.topic(), List.of(new PartitionRange(r.partition(), from, r.to())), batch -> {
                            if (!batch.isEmpty()) {
                                last.put(r.partition(), batch.get(batch.size() - 1));
                                seen.addAndGet(batch.size());
                                batch.forEach(sample::add);
                            }
                            return true;
                        }, Cancellation.none());
                        if (seen.get() > 0 || from == r.from()) {
                            break;
                        }
                    }
                }
            }
        }
        return new Edges(first, last, sample.ratio());
    }

    private static RecordSink firstOnly(Map<Integer, RawRecord> first, Compressibility sample) {
        return batch -> {
            if (!batch.isEmpty()) {
                first.putIfAbsent(batch.get(0).partition(), batch.get(0));
                batch.forEach(sample::add);
            }
            return false;
        };
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
