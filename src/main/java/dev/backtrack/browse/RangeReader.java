package dev.backtrack.browse;

import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RawRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Reads exact offset ranges [from, to) of several partitions of one topic with one assign-only consumer.
 * A partition is done when its position reaches {@code to} (not when record {@code to-1} is seen: compaction,
 * transaction markers and aborted records leave gaps). If the partition's end moves below {@code to}
 * (e.g. an open transaction holds the LSO), the read stops at that end instead of waiting forever.
 */
public final class RangeReader {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final int MAX_OUT_OF_RANGE = 20;
    private static final long END_CHECK_NANOS = Duration.ofSeconds(2).toNanos();

    private final KafkaClients clients;
    private final IsolationLevel isolation;
    private final Map<String, Object> consumerOverrides;

    public RangeReader(KafkaClients clients, IsolationLevel isolation) {
        this(clients, isolation, Map.of());
    }

    public RangeReader(KafkaClients clients, IsolationLevel isolation, Map<String, Object> consumerOverrides) {
        this.clients = clients;
        this.isolation = isolation;
        this.consumerOverrides = consumerOverrides;
    }

    /** What a read did per partition: where it stopped and whether it reached the requested end. */
    public record Outcome(Map<Integer, Long> stoppedAt, Set<Integer> reachedEnd, boolean cancelled, boolean stoppedBySink) {
    }

    public Outcome read(String topic, List<PartitionRange> ranges, RecordSink sink, Cancellation cancellation) {
        if (ranges.stream().allMatch(PartitionRange::isEmpty)) {
            return read(null, topic, ranges, sink, cancellation);
        }
        try (KafkaConsumer<byte[], byte[]> consumer = clients.consumer(isolation, consumerOverrides)) {
            return read(consumer, topic, ranges, sink, cancellation);
        }
    }

    /**
     * Same as {@link #read(String, List, RecordSink, Cancellation)} with a consumer the caller owns (and closes),
     * so a job that reads several windows keeps one consumer. The consumer is re-assigned to the ranges.
     */
    public Outcome read(Consumer<byte[], byte[]> consumer, String topic, List<PartitionRange> ranges, RecordSink sink,
                        Cancellation cancellation) {
        Map<TopicPartition, PartitionRange> active = new HashMap<>();
        Map<Integer, Long> stoppedAt = new HashMap<>();
        for (PartitionRange r : ranges) {
            if (r.isEmpty()) {
                stoppedAt.put(r.partition(), r.from());
            } else {
                active.put(new TopicPartition(topic, r.partition()), r);
            }
        }
        Set<Integer> reachedEnd = ranges.stream().filter(PartitionRange::isEmpty).map(PartitionRange::partition)
                .collect(Collectors.toCollection(java.util.HashSet::new));
        if (active.isEmpty()) {
            return new Outcome(stoppedAt, reachedEnd, false, false);
        }
        try (Cancellation.Registration wakeOnCancel = cancellation.onCancel(() -> {
                try {
                    consumer.wakeup();
                } catch (RuntimeException alreadyClosed) {
                    // the read finished before the cancel arrived
                }
            })) {
            consumer.assign(active.keySet());
            consumer.resume(consumer.paused());
            active.forEach((tp, r) -> consumer.seek(tp, r.from()));
            long lastEndCheck = System.nanoTime();
            int outOfRange = 0;
            while (!active.isEmpty()) {
                if (cancellation.isCancelled()) {
                    return new Outcome(positions(consumer, active, stoppedAt), reachedEnd, true, false);
                }
                ConsumerRecords<byte[], byte[]> polled;
                try {
                    polled = consumer.poll(POLL);
                } catch (OffsetOutOfRangeException e) {
                    if (++outOfRange > MAX_OUT_OF_RANGE) {
                        throw e;
                    }
                    reseek(consumer, e.offsetOutOfRangePartitions());
                    continue;
                }
                List<RawRecord> batch = inRange(polled, active);
                boolean checkEnds = System.nanoTime() - lastEndCheck > END_CHECK_NANOS && polled.isEmpty();
                Map<TopicPartition, Long> currentEnds = checkEnds ? consumer.endOffsets(active.keySet()) : Map.of();
                if (checkEnds) {
                    lastEndCheck = System.nanoTime();
                }
                List<TopicPartition> finished = new ArrayList<>();
                for (Map.Entry<TopicPartition, PartitionRange> e : active.entrySet()) {
                    long position = consumer.position(e.getKey());
                    sink.progress(e.getKey().partition(), Math.min(position, e.getValue().to()));
                    Long end = currentEnds.get(e.getKey());
                    if (position >= e.getValue().to()) {
                        finished.add(e.getKey());
                        reachedEnd.add(e.getKey().partition());
                        stoppedAt.put(e.getKey().partition(), e.getValue().to());
                    } else if (end != null && position >= end) {
                        // the partition ends below the requested range (log truncated, LSO held by an open transaction)
                        finished.add(e.getKey());
                        stoppedAt.put(e.getKey().partition(), position);
                    }
                }
                if (!finished.isEmpty()) {
                    consumer.pause(finished);
                    finished.forEach(active::remove);
                }
                if (!batch.isEmpty() && !sink.accept(batch)) {
                    return new Outcome(positions(consumer, active, stoppedAt), reachedEnd, false, true);
                }
            }
            return new Outcome(stoppedAt, reachedEnd, false, false);
        } catch (WakeupException e) {
            return new Outcome(stoppedAt, reachedEnd, true, false);
        }
    }

    /**
     * The polled records inside their partition's range. A method of its own, called once per poll: the CLI runs
     * without on-stack replacement (see the CLI launcher's options), and a loop over every record of a scan inside
     * the one long call of {@link #read} would stay interpreted.
     */
    private static List<RawRecord> inRange(ConsumerRecords<byte[], byte[]> polled, Map<TopicPartition, PartitionRange> active) {
        List<RawRecord> batch = new ArrayList<>(polled.count());
        for (TopicPartition tp : polled.partitions()) {
            PartitionRange r = active.get(tp);
            if (r == null) {
                continue;
            }
            for (ConsumerRecord<byte[], byte[]> cr : polled.records(tp)) {
                if (cr.offset() >= r.from() && cr.offset() < r.to()) {
                    batch.add(RawRecord.of(cr));
                }
            }
        }
        return batch;
    }

    /**
     * After an out-of-range answer: a position below the log start means retention removed those records
     * (they no longer exist), so reading goes on from the log start; a position inside the log is retried
     * (the broker can answer out-of-range briefly, e.g. right after a leader or high-watermark change).
     */
    private static void reseek(Consumer<byte[], byte[]> consumer, Map<TopicPartition, Long> positions) {
        Map<TopicPartition, Long> begins = consumer.beginningOffsets(positions.keySet());
        positions.forEach((tp, position) -> consumer.seek(tp, Math.max(position, begins.getOrDefault(tp, position))));
    }

    private static Map<Integer, Long> positions(Consumer<byte[], byte[]> consumer, Map<TopicPartition, PartitionRange> active,
                                                Map<Integer, Long> stoppedAt) {
        Map<Integer, Long> out = new HashMap<>(stoppedAt);
        for (TopicPartition tp : active.keySet()) {
            try {
                out.put(tp.partition(), consumer.position(tp));
            } catch (WakeupException e) {
                out.put(tp.partition(), active.get(tp).from());
            }
        }
        return out;
    }
}
