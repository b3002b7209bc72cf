package dev.backtrack.filter;

import dev.backtrack.BacktrackException;
import dev.backtrack.browse.Browser;
import dev.backtrack.browse.Cancellation;
import dev.backtrack.browse.ConsumerOffsetLookup;
import dev.backtrack.browse.EndBound;
import dev.backtrack.browse.PartitionRange;
import dev.backtrack.browse.Position;
import dev.backtrack.browse.RangeReader;
import dev.backtrack.browse.RecordSink;
import dev.backtrack.browse.SafeDecoding;
import dev.backtrack.browse.SeekPlan;
import dev.backtrack.browse.SeekPlanner;
import dev.backtrack.codec.DecodedRecord;
import dev.backtrack.codec.RecordDecoder;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.KafkaErrors;
import dev.backtrack.kafka.RawRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;

/**
 * Scans a scope of a topic with a filter. Every record in the scope is read, decoded and tested; a record
 * that does not decode is counted and tested on its raw form, so none is skipped silently. Partitions run
 * in parallel, one assign-only consumer each (at most {@code parallelism} at a time), or all on one
 * consumer when parallelism is 1. Progress ("scanned N of M") goes to the listener per partition. The
 * scan stops at the result limit, on cancel, or at the end of the scope.
 */
public final class SearchScan {
    private final KafkaClients clients;
    private final RecordDecoder decoder;

    public SearchScan(KafkaClients clients, RecordDecoder decoder) {
        this.clients = clients;
        this.decoder = decoder;
    }

    /** The exact ranges a search would scan (after clamping), so a UI can show the size before starting. */
    public List<PartitionRange> plan(SearchRequest request) {
        try (KafkaConsumer<byte[], byte[]> consumer = clients.consumer(request.isolation())) {
            List<Integer> partitions = Browser.partitions(consumer, request.topic(), request.partitions());
            ConsumerOffsetLookup lookup = new ConsumerOffsetLookup(consumer, request.topic());
            return switch (request.scope()) {
                case SearchScope.Range(Position start, EndBound end) -> SeekPlanner.plan(request.topic(), partitions, start, end, lookup).ranges();
                case SearchScope.TimeWindow(var from, var to) -> SeekPlanner.plan(request.topic(), partitions,
                        new Position.AtTimestamp(from), new EndBound.BeforeTime(to), lookup).ranges();
                case SearchScope.WholeTopic w -> SeekPlanner.plan(request.topic(), partitions, Position.BEGINNING, EndBound.CURRENT_END, lookup).ranges();
                case SearchScope.LastOffsets(long n) -> {
                    SeekPlan all = SeekPlanner.plan(request.topic(), partitions, Position.BEGINNING, EndBound.CURRENT_END, lookup);
                    yield all.ranges().stream().map(r -> new PartitionRange(r.partition(), Math.max(r.from(), r.to() - n), r.to())).toList();
                }
            };
        } catch (KafkaException e) {
            throw KafkaErrors.toBacktrack(e, clients.settings(), request.topic());
        }
    }

    public SearchResult run(SearchRequest request, SearchListener listener, Cancellation cancellation) {
        long started = System.nanoTime();
        List<PartitionRange> ranges = plan(request);
        long span = ranges.stream().mapToLong(PartitionRange::span).sum();
        if (span > request.largeThreshold() && !request.confirmLarge()) {
            throw new BacktrackException("this search would scan up to " + span + " records of '" + request.topic()
                    + "'; confirm the large scan to run it (threshold " + request.largeThreshold() + ")");
        }
        Map<Integer, Counters> counters = new TreeMap<>();
        ranges.forEach(r -> counters.put(r.partition(), new Counters(r)));
        List<DecodedRecord> matches = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean limitReached = new AtomicBoolean();
        Cancellation stop = new Cancellation();
        cancellation.onCancel(stop::cancel);
        List<String> warnings = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            if (request.parallelism() == 1 || ranges.size() == 1) {
                scan(request, ranges, counters, matches, limitReached, listener, stop, warnings);
            } else {
                scanInParallel(request, ranges, counters, matches, limitReached, listener, stop, warnings);
            }
        } catch (KafkaException e) {
            throw KafkaErrors.toBacktrack(e, clients.settings(), request.topic());
        }
        long filterErrors = request.filter() instanceof CelFilter cel ? cel.evaluationErrors() : 0;
        if (filterErrors > 0 && request.filter() instanceof CelFilter cel) {
            warnings.add("the filter raised an error on " + filterErrors + " records (counted as not matching), first: "
                    + cel.firstEvaluationError());
        }
        Map<Integer, PartitionScan> partitions = new TreeMap<>();
        counters.forEach((p, c) -> partitions.put(p, c.snapshot()));
        List<DecodedRecord> sorted = new ArrayList<>(matches);
        sorted.sort(Comparator.<DecodedRecord>comparingLong(r -> r.raw().timestamp()).thenComparingInt(r -> r.raw().partition())
                .thenComparingLong(r -> r.raw().offset()));
        return new SearchResult(sorted, partitions, limitReached.get(), cancellation.isCancelled(), filterErrors, warnings,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private void scanInParallel(SearchRequest request, List<PartitionRange> ranges, Map<Integer, Counters> counters,
                                List<DecodedRecord> matches, AtomicBoolean limitReached, SearchListener listener, Cancellation stop,
                                List<String> warnings) {
        Semaphore slots = new Semaphore(request.parallelism());
        Map<Integer, Throwable> failures = new ConcurrentHashMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (PartitionRange range : ranges) {
                futures.add(pool.submit(() -> {
                    try {
                        slots.acquire();
                        try {
                            if (!stop.isCancelled()) {
                                scan(request, List.of(range), counters, matches, limitReached, listener, stop, warnings);
                            }
                        } finally {
                            slots.release();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException e) {
                        failures.put(range.partition(), e);
                        stop.cancel();
                    }
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stop.cancel();
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.putIfAbsent(-1, e.getCause());
                }
            }
        }
        if (!failures.isEmpty()) {
            Throwable first = failures.values().iterator().next();
            throw first instanceof RuntimeException re ? re : new IllegalStateException(first);
        }
    }

    private void scan(SearchRequest request, List<PartitionRange> ranges, Map<Integer, Counters> counters, List<DecodedRecord> matches,
                      AtomicBoolean limitReached, SearchListener listener, Cancellation stop, List<String> warnings) {
        RangeReader reader = new RangeReader(clients, request.isolation());
        List<PartitionRange> todo = ranges;
        while (!todo.isEmpty()) {
            todo = scanOnce(reader, request, todo, counters, matches, limitReached, listener, stop, warnings);
        }
    }

    /**
     * One pass over the ranges; returns what is left to read of partitions the reader saw end below their range
     * (re-read from where it stopped, never skipped; given up with a warning only when a pass makes no progress).
     */
    private List<PartitionRange> scanOnce(RangeReader reader, SearchRequest request, List<PartitionRange> ranges, Map<Integer, Counters> counters,
                                          List<DecodedRecord> matches, AtomicBoolean limitReached, SearchListener listener, Cancellation stop,
                                          List<String> warnings) {
        RangeReader.Outcome outcome = reader.read(request.topic(), ranges, new RecordSink() {
            @Override
            public boolean accept(List<RawRecord> batch) {
                try {
                    return test(batch);
                } finally {
                    batch.stream().map(RawRecord::partition).distinct().forEach(p -> listener.progress(counters.get(p).snapshot()));
                }
            }

            private boolean test(List<RawRecord> batch) {
                for (RawRecord raw : batch) {
                    Counters c = counters.get(raw.partition());
                    // rendered only when it matches (or is shown): most records of a scan are rejected
                    DecodedRecord decoded = SafeDecoding.decodeForFilter(decoder, raw, request.decoders());
                    c.scanned.incrementAndGet();
                    c.position.set(raw.offset() + 1);
                    if (decoded.hasError()) {
                        c.undecodable.incrementAndGet();
                    }
                    if (request.filter().test(decoded)) {
                        synchronized (matches) {
                            if (matches.size() >= request.resultLimit()) {
                                limitReached.set(true);
                                stop.cancel();
                                return false;
                            }
                            matches.add(decoded);
                        }
                        c.matched.incrementAndGet();
                        listener.match(decoded);
                        if (matches.size() >= request.resultLimit()) {
                            limitReached.set(true);
                            stop.cancel();
                            return false;
                        }
                    }
                }
                return !stop.isCancelled();
            }

        }, stop);
        List<PartitionRange> again = new ArrayList<>();
        boolean interrupted = outcome.cancelled() || outcome.stoppedBySink() || stop.isCancelled();
        for (PartitionRange r : ranges) {
            Counters c = counters.get(r.partition());
            if (outcome.reachedEnd().contains(r.partition())) {
                c.complete.set(true);
                c.position.set(r.to());
            } else if (!interrupted) {
                long at = outcome.stoppedAt().getOrDefault(r.partition(), r.from());
                if (at > r.from()) {
                    again.add(new PartitionRange(r.partition(), at, r.to()));
                } else {
                    warnings.add("partition " + r.partition() + " ends at offset " + at + ", below the end of the scope ("
                            + r.to() + "); scanned up to there");
                }
            }
            listener.progress(c.snapshot());
        }
        return again;
    }

    /** Live counters of one partition, updated by its scan thread. */
    private static final class Counters {
        final PartitionRange range;
        final AtomicLong scanned = new AtomicLong();
        final AtomicLong matched = new AtomicLong();
        final AtomicLong undecodable = new AtomicLong();
        final AtomicLong position;
        final AtomicBoolean complete = new AtomicBoolean();

        Counters(PartitionRange range) {
            this.range = range;
            this.position = new AtomicLong(range.from());
            complete.set(range.isEmpty());
        }

        PartitionScan snapshot() {
            return new PartitionScan(range.partition(), range.from(), range.to(), scanned.get(), matched.get(), undecodable.get(),
                    Math.min(position.get(), range.to()), complete.get());
        }
    }
}
