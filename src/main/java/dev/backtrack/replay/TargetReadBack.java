package dev.backtrack.replay;

import dev.backtrack.browse.Cancellation;
import dev.backtrack.browse.ConsumerOffsetLookup;
import dev.backtrack.browse.PartitionRange;
import dev.backtrack.browse.RangeReader;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;

/**
 * Reads a replay's records back from the target: for the verify step (checksums per target partition over
 * the recorded offset ranges, read_committed) and for a resume (records of this replay written after the
 * last checkpoint). Records of this replay are recognized by the {@code backtrack.replay.id} header; without
 * provenance headers every record in the range counts.
 */
final class TargetReadBack {
    private static final int PARALLEL_READS = 4;
    /** How long the read-back waits for a committed range to become readable in full. */
    private static final java.time.Duration MARKER_WAIT = java.time.Duration.ofSeconds(30);
    private static final Map<String, Object> READ_BACK_FETCH = Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
    private final KafkaClients target;
    private final String replayId;
    private final boolean provenance;
    private final byte[] replayIdBytes;

    TargetReadBack(KafkaClients target, String replayId, boolean provenance) {
        this.target = target;
        this.replayId = replayId;
        this.provenance = provenance;
        this.replayIdBytes = replayId.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * What the verify step read back: per written partition the figures of the records of this replay in its
     * [first, last] range (read_committed), without the earlier copies of records a resumed idempotent run sent
     * again; {@code duplicates} counts those copies (null without provenance headers: they cannot be told apart).
     * {@code landedUnacknowledged}: the sources ({@link SourceRef#coordinates()}) of the records that failed for want
     * of an acknowledgement and were found on the target all the same; they are left out of the figures, which
     * compare with what was acknowledged. Null when such records could not be looked for (none timed out, no
     * provenance headers, or not all of them were kept: {@link TimedOutRecords#complete()}).
     */
    record Verified(SortedMap<TargetPartition, TargetStats> partitions, Long duplicates, Set<String> landedUnacknowledged) {
    }

    /** Checksums of what the target holds in each written partition's [first, last] range, read_committed. */
    Verified verify(Map<TargetPartition, TargetStats> written, Cancellation cancellation) {
        return verify(written, Map.of(), TimedOutRecords.NONE, cancellation);
    }

    /**
     * Like {@link #verify(Map, Cancellation)}, but each partition's range starts no later than {@code startAt}
     * (target partition to offset): a resumed run passes where the replay first started, so the copies an
     * interrupted run wrote to a partition its checkpoint had no record in yet are read (and counted) too.
     *
     * <p>When records timed out (and provenance headers name them), the partitions they were sent to are read from
     * {@code startAt} to their end now: such a record may have been written before or after any acknowledged one,
     * also to a partition without one. Call after the producers are closed, so no request is still on its way.
     */
    Verified verify(Map<TargetPartition, TargetStats> written, Map<Integer, Long> startAt, TimedOutRecords timedOut,
                    Cancellation cancellation) {
        boolean lookForTimedOut = provenance && timedOut.complete() && !timedOut.sources().isEmpty();
        Map<TargetPartition, TargetStats> partitions = new TreeMap<>(written);
        Map<TargetPartition, Long> endsNow = Map.of();
        if (lookForTimedOut) {
            timedOut.partitions().forEach(tp -> partitions.putIfAbsent(tp, TargetStats.EMPTY));
            endsNow = endOffsets(timedOut.partitions());
        }
        SortedMap<TargetPartition, TargetStats> out = new TreeMap<>();
        List<Callable<ReadBack>> reads = new ArrayList<>();
        List<TargetPartition> order = new ArrayList<>();
        Set<String> lookFor = lookForTimedOut ? timedOut.sources() : Set.of();
        for (Map.Entry<TargetPartition, TargetStats> e : partitions.entrySet()) {
            TargetPartition tp = e.getKey();
            TargetStats stats = e.getValue();
            out.put(tp, TargetStats.EMPTY);
            Long from = stats.firstOffset();
            Long start = startAt.get(tp.partition());
            if (start != null) {
                from = from == null ? start : Math.min(from, start);
            }
            long to = stats.lastOffset() == null ? 0 : stats.lastOffset() + 1;
            Long endNow = endsNow.get(tp);
            if (endNow != null) {
                from = from == null ? 0 : from;
                to = Math.max(to, endNow);
            }
            if (from != null && to > from) {
                PartitionRange range = new PartitionRange(tp.partition(), from, to);
                order.add(tp);
                reads.add(() -> checksum(tp.topic(), range, lookFor, cancellation));
            }
        }
        List<ReadBack> results = runAll(reads);
        long duplicates = 0;
        Set<String> landed = new HashSet<>();
        for (int i = 0; i < order.size(); i++) {
            out.put(order.get(i), results.get(i).stats());
            duplicates += results.get(i).duplicates();
            landed.addAll(results.get(i).landedUnacknowledged());
        }
        return new Verified(out, provenance ? duplicates : null, lookForTimedOut ? Set.copyOf(landed) : null);
    }

    private Map<TargetPartition, Long> endOffsets(Set<TargetPartition> partitions) {
        Map<TargetPartition, Long> out = new HashMap<>();
        partitions.stream().map(TargetPartition::topic).distinct().forEach(topic -> endOffsets(topic,
                partitions.stream().filter(tp -> tp.topic().equals(topic)).map(TargetPartition::partition).toList(), IsolationLevel.READ_COMMITTED)
                .forEach((p, end) -> out.put(new TargetPartition(topic, p), end)));
        return out;
    }

    /** Where these partitions of {@code topic} end now, as a consumer with {@code isolation} sees them. */
    private Map<Integer, Long> endOffsets(String topic, java.util.Collection<Integer> partitions, IsolationLevel isolation) {
        try (KafkaConsumer<byte[], byte[]> consumer = target.consumer(isolation)) {
            return new ConsumerOffsetLookup(consumer, topic).endOffsets(partitions);
        }
    }

    private record ReadBack(TargetStats stats, long duplicates, Set<String> landedUnacknowledged) {
    }

    /**
     * One partition's figures, read raw (bytes and headers as stored, nothing decoded) with large fetches on
     * its own consumer, so several partitions are read back at once. Only when the range holds a resend (after
     * an idempotent resume) is it read a second time, to leave the copies that were sent again out.
     *
     * <p>A read that ends short of the range starts over (for up to {@link #MARKER_WAIT}): its records were
     * acknowledged, and committed in exactly-once mode, but right after a target broker restarts the transaction
     * markers (or the high watermark) can take seconds to catch up, and until then read_committed stops early.
     * Each attempt starts from nothing, since the first pass collects which records were sent again.
     */
    private ReadBack checksum(String topic, PartitionRange range, Set<String> timedOut, Cancellation cancellation) {
        long deadline = System.nanoTime() + MARKER_WAIT.toNanos();
        while (true) {
            ResentCopies resent = new ResentCopies();
            Pass pass = pass(topic, range, timedOut, cancellation, r -> {
                if (provenance) {
                    resent.observe(r);
                }
                return true;
            });
            if (pass.complete() && resent.any()) {
                pass = pass(topic, range, timedOut, cancellation, r -> !resent.supersededLater(r));
            }
            if (pass.complete() || System.nanoTime() > deadline || !pause(cancellation)) {
                return pass.readBack();
            }
        }
    }

    /** One read over the range: its figures, and whether it reached the range's end (or was cancelled). */
    private record Pass(ReadBack readBack, boolean complete) {
    }

    private Pass pass(String topic, PartitionRange range, Set<String> timedOut, Cancellation cancellation,
                      java.util.function.Predicate<RawRecord> counted) {
        RecordChecksum checksum = new RecordChecksum();
        long[] firstLast = {-1, -1};
        long[] skipped = {0};
        Set<String> landedUnacknowledged = new HashSet<>();
        RangeReader.Outcome outcome = new RangeReader(target, IsolationLevel.READ_COMMITTED, READ_BACK_FETCH).read(topic, List.of(range), batch -> {
            for (RawRecord r : batch) {
                if (!ours(r)) {
                    continue;
                }
                if (!counted.test(r)) {
                    skipped[0]++;
                    continue;
                }
                if (!timedOut.isEmpty()) {
                    String source = sourceCoordinates(r);
                    if (source != null && timedOut.contains(source)) {
                        landedUnacknowledged.add(source);
                        continue;
                    }
                }
                checksum.add(hash(r));
                if (firstLast[0] < 0) {
                    firstLast[0] = r.offset();
                }
                firstLast[1] = r.offset();
            }
            return true;
        }, cancellation);
        TargetStats stats = checksum.count() == 0 ? TargetStats.EMPTY
                : new TargetStats(checksum.count(), firstLast[0], firstLast[1], checksum.rolling(), checksum.sum());
        return new Pass(new ReadBack(stats, skipped[0], landedUnacknowledged), outcome.reachedEnd().contains(range.partition()) || outcome.cancelled());
    }

    /** Waits before another pass; false when cancelled meanwhile. */
    private static boolean pause(Cancellation cancellation) {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !cancellation.isCancelled();
    }

    private static <T> List<T> runAll(List<Callable<T>> reads) {
        List<T> results = new ArrayList<>(reads.size());
        if (reads.size() <= 1) {
            for (Callable<T> read : reads) {
                results.add(call(read));
            }
            return results;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL_READS, reads.size()),
                Thread.ofPlatform().name("backtrack-read-back-", 0).daemon().factory());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> read : reads) {
                futures.add(pool.submit(read));
            }
            for (Future<T> f : futures) {
                results.add(await(f));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static <T> T call(Callable<T> read) {
        try {
            return read.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.backtrack.BacktrackException("interrupted while reading the target back", e);
        }
    }

    /** Records of this replay after the given offsets (per target partition) up to the current end, in order. */
    void scanAfter(String topic, Map<Integer, Long> fromOffsets, IsolationLevel isolation, Consumer<RawRecord> each) {
        Map<Integer, Long> ends = endOffsets(topic, fromOffsets.keySet(), isolation);
        List<PartitionRange> ranges = new ArrayList<>();
        fromOffsets.forEach((p, from) -> {
            long end = ends.getOrDefault(p, from);
            if (end > from) {
                ranges.add(new PartitionRange(p, from, end));
            }
        });
        read(topic, ranges, isolation, Cancellation.none(), each);
    }

    private void read(String topic, List<PartitionRange> ranges, IsolationLevel isolation, Cancellation cancellation, Consumer<RawRecord> each) {
        if (ranges.isEmpty()) {
            return;
        }
        new RangeReader(target, isolation).read(topic, ranges, batch -> {
            for (RawRecord r : batch) {
                if (ours(r)) {
                    each.accept(r);
                }
            }
            return true;
        }, cancellation);
    }

    boolean ours(RawRecord r) {
        if (!provenance) {
            return true;
        }
        RawHeader id = r.lastHeader(HeaderPolicy.ID_HEADER);
        return id != null && id.value() != null && Arrays.equals(id.value(), replayIdBytes);
    }

    static long hash(RawRecord r) {
        return RecordChecksum.hash(r.key(), r.value(), r.headers(), r.timestamp());
    }

    /** A record's provenance source header as text ({@link SourceRef#coordinates()}), or null. */
    private static String sourceCoordinates(RawRecord r) {
        RawHeader h = r.lastHeader(HeaderPolicy.SOURCE_HEADER);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** The source partition and offset from a record's provenance header, or null. */
    static long[] sourceOf(RawRecord r) {
        String coordinates = sourceCoordinates(r);
        if (coordinates == null) {
            return null;
        }
        String[] parts = coordinates.split("/");
        if (parts.length < 4) {
            return null;
        }
        try {
            return new long[] {Long.parseLong(parts[parts.length - 2]), Long.parseLong(parts[parts.length - 1])};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
