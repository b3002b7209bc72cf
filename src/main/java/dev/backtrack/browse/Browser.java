package dev.backtrack.browse;

import dev.backtrack.BacktrackException;
import dev.backtrack.codec.DecodedRecord;
import dev.backtrack.codec.RecordDecoder;
import dev.backtrack.kafka.KafkaClients;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;

/**
 * The browse engine: plans a request into exact offset ranges, reads one page with one assign-only
 * consumer (closed before returning), decodes, filters, merges, and hands back cursors for the next and
 * previous pages. Pages hold only their records. Safe to share between threads; each call is one job.
 */
public final class Browser {
    private static final Map<String, Object> SCAN_FETCH = Map.of(
            ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 1024 * 1024);

    private final KafkaClients clients;
    private final RecordDecoder decoder;

    public Browser(KafkaClients clients, RecordDecoder decoder) {
        this.clients = clients;
        this.decoder = decoder;
    }

    public KafkaClients clients() {
        return clients;
    }

    public RecordDecoder decoder() {
        return decoder;
    }

    /** The exact ranges a request would read (for last-N: the first backward windows). */
    public SeekPlan plan(BrowseRequest request) {
        try (KafkaConsumer<byte[], byte[]> consumer = clients.consumer(request.isolation())) {
            return plan(consumer, request);
        }
    }

    /** The first page of a request. */
    public Page read(BrowseRequest request, Cancellation cancellation) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(request)) {
            SeekPlan plan = plan(consumer, request);
            WindowReader windows = windows(consumer, request);
            PageSelection selection;
            Map<Integer, Lane> lanes;
            if (plan.position() instanceof Position.LastN(int n)) {
                Map<Integer, Long> befores = new TreeMap<>();
                plan.limits().forEach((p, limit) -> befores.put(p, limit.to()));
                lanes = windows.backward(befores, plan.limits(), n, cancellation);
                PageSelection lastN = PageSelection.backward(lanes, n, BrowseOrder.TIMESTAMP);
                if (n <= request.pageSize() || cancellation.isCancelled()) {
                    selection = reorder(lastN, request.order());
                } else {
                    Map<Integer, Long> starts = lowestShown(lastN, lanes);
                    lanes = windows.forward(starts, plan.limits(), request.pageSize(), cancellation);
                    selection = PageSelection.forward(lanes, request.pageSize(), request.order());
                }
            } else {
                Map<Integer, Long> starts = new TreeMap<>();
                plan.ranges().forEach(r -> starts.put(r.partition(), r.from()));
                lanes = windows.forward(starts, plan.limits(), request.pageSize(), cancellation);
                selection = PageSelection.forward(lanes, request.pageSize(), request.order());
            }
            return page(request, lanes, selection, plan.limits(), plan.warnings(), cancellation);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw dev.backtrack.kafka.KafkaErrors.toBacktrack(e, clients.settings(), request.topic());
        }
    }

    /** The page after {@code page}. Without an end bound the partition ends are refreshed, so new records show up. */
    public Page next(Page page, Cancellation cancellation) {
        return next(page, page.request().pageSize(), cancellation);
    }

    /** The page after {@code page}, holding at most {@code pageSize} records. */
    public Page next(Page page, int pageSize, Cancellation cancellation) {
        BrowseRequest request = page.request().withPageSize(pageSize);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(request)) {
            Map<Integer, PartitionRange> limits = refreshedLimits(consumer, page);
            Map<Integer, Long> starts = new TreeMap<>(page.next().offsets());
            WindowReader windows = windows(consumer, request);
            Map<Integer, Lane> lanes = windows.forward(starts, limits, request.pageSize(), cancellation);
            PageSelection selection = PageSelection.forward(lanes, request.pageSize(), request.order());
            return page(request, lanes, selection, limits, List.of(), cancellation);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw dev.backtrack.kafka.KafkaErrors.toBacktrack(e, clients.settings(), request.topic());
        }
    }

    /** The page before {@code page}. */
    public Page previous(Page page, Cancellation cancellation) {
        BrowseRequest request = page.request();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(request)) {
            Map<Integer, Long> befores = new TreeMap<>(page.previous().offsets());
            WindowReader windows = windows(consumer, request);
            Map<Integer, Lane> lanes = windows.backward(befores, page.limits(), request.pageSize(), cancellation);
            PageSelection selection = PageSelection.backward(lanes, request.pageSize(), request.order());
            return page(request, lanes, selection, page.limits(), List.of(), cancellation);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw dev.backtrack.kafka.KafkaErrors.toBacktrack(e, clients.settings(), request.topic());
        }
    }

    /** Starts a live tail from the current end of the request's partitions; stop it (or close it) when done. */
    public LiveTail tail(BrowseRequest request, LiveTail.Listener listener) {
        return LiveTail.start(clients, decoder, request, listener, LiveTail.DEFAULT_BUFFER_BATCHES);
    }

    /** The partitions a request covers: the requested ones (checked) or all of the topic. */
    public static List<Integer> partitions(Consumer<?, ?> consumer, String topic, List<Integer> requested) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic);
        if (infos == null || infos.isEmpty()) {
            throw new BacktrackException("topic '" + topic + "' does not exist");
        }
        List<Integer> all = infos.stream().map(PartitionInfo::partition).sorted().toList();
        if (requested.isEmpty()) {
            return all;
        }
        for (int p : requested) {
            if (!all.contains(p)) {
                throw new BacktrackException("topic '" + topic + "' has no partition " + p + " (it has " + all.size() + " partitions)");
            }
        }
        return requested.stream().distinct().sorted().toList();
    }

    private SeekPlan plan(Consumer<byte[], byte[]> consumer, BrowseRequest request) {
        List<Integer> partitions = partitions(consumer, request.topic(), request.partitions());
        return SeekPlanner.plan(request.topic(), partitions, request.position(), request.end(),
                new ConsumerOffsetLookup(consumer, request.topic()));
    }

    /**
     * A filtered read scans far more records than it shows, window after window, and each window seeks again,
     * dropping what was fetched past its end: smaller per-partition fetches keep that over-read small, and a
     * larger socket buffer takes the stream in fewer reads.
     */
    private KafkaConsumer<byte[], byte[]> consumer(BrowseRequest request) {
        return request.filter() == null ? clients.consumer(request.isolation()) : clients.consumer(request.isolation(), SCAN_FETCH);
    }

    private WindowReader windows(Consumer<byte[], byte[]> consumer, BrowseRequest request) {
        return new WindowReader(new RangeReader(clients, request.isolation()), consumer, decoder, request);
    }

    private Map<Integer, PartitionRange> refreshedLimits(Consumer<byte[], byte[]> consumer, Page page) {
        if (!(page.request().end() instanceof EndBound.None)) {
            return page.limits();
        }
        Map<Integer, Long> ends = new ConsumerOffsetLookup(consumer, page.request().topic()).endOffsets(page.limits().keySet());
        Map<Integer, PartitionRange> out = new TreeMap<>();
        page.limits().forEach((p, r) -> out.put(p, new PartitionRange(p, r.from(), Math.max(r.to(), ends.getOrDefault(p, r.to())))));
        return out;
    }

    /** Where a forward read must start to show the records a backward selection chose. */
    private static Map<Integer, Long> lowestShown(PageSelection selection, Map<Integer, Lane> lanes) {
        Map<Integer, Long> starts = new TreeMap<>(selection.previous().offsets());
        lanes.keySet().forEach(p -> starts.putIfAbsent(p, lanes.get(p).high));
        return starts;
    }

    private static PageSelection reorder(PageSelection selection, BrowseOrder order) {
        if (order == BrowseOrder.TIMESTAMP) {
            return selection;
        }
        List<DecodedRecord> sorted = new ArrayList<>(selection.records());
        sorted.sort(PageSelection.BY_PARTITION);
        return new PageSelection(sorted, selection.next(), selection.previous());
    }

    private Page page(BrowseRequest request, Map<Integer, Lane> lanes, PageSelection selection, Map<Integer, PartitionRange> limits,
                      List<String> planWarnings, Cancellation cancellation) {
        List<PartitionRange> ranges = new ArrayList<>();
        long scanned = 0;
        List<String> warnings = new ArrayList<>(planWarnings);
        for (Lane lane : lanes.values()) {
            ranges.add(new PartitionRange(lane.partition, lane.low, Math.max(lane.low, lane.high)));
            scanned += lane.scanned;
            if (lane.endedEarly) {
                warnings.add("partition " + lane.partition + " ends at offset " + lane.high + ", below the end planned for this read ("
                        + limits.get(lane.partition).to() + "); the log was truncated or the broker reported a lower end");
            }
        }
        long failed = selection.records().stream().filter(DecodedRecord::hasError).count();
        if (failed > 0) {
            warnings.add(failed + " of " + selection.records().size() + " records could not be fully decoded; they are shown raw with the reason");
        }
        Map<Integer, Set<Long>> aborted = Map.of();
        Map<Integer, Long> lastStable = Map.of();
        if (request.markAborted() && request.isolation() == IsolationLevel.READ_UNCOMMITTED && !selection.records().isEmpty()
                && !cancellation.isCancelled()) {
            AbortedRecords.Result tx = AbortedRecords.detect(clients, request.topic(), selection.records(), cancellation);
            aborted = tx.aborted();
            lastStable = tx.lastStable();
        }
        Map<Integer, Long> nextOffsets = new HashMap<>(selection.next().offsets());
        return new Page(request, selection.records(), ranges, new PageCursor(PageCursor.Direction.FORWARD, nextOffsets),
                selection.previous(), limits, scanned, aborted, lastStable, warnings, cancellation.isCancelled());
    }
}
