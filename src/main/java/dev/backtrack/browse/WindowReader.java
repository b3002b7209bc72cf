package dev.backtrack.browse;

import dev.backtrack.codec.DecodedRecord;
import dev.backtrack.codec.RecordDecoder;
import dev.backtrack.kafka.RawRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * Reads growing offset windows, forward from a start or backward from a boundary, until enough matching
 * records are collected or every partition hit its limit. Windows start at an even share of the wanted
 * count per partition and double each round (gaps and filters make a window yield fewer records).
 * Records read but not selected are dropped at once: memory is bounded by the windows, not the topic.
 */
final class WindowReader {
    private static final long MAX_WINDOW = 100_000;

    private final RangeReader reader;
    private final Consumer<byte[], byte[]> consumer;
    private final RecordDecoder decoder;
    private final BrowseRequest request;

    WindowReader(RangeReader reader, Consumer<byte[], byte[]> consumer, RecordDecoder decoder, BrowseRequest request) {
        this.reader = reader;
        this.consumer = consumer;
        this.decoder = decoder;
        this.request = request;
    }

    /** Reads forward from {@code starts} (each below its limit's end) until {@code wanted} hits or all limits reached. */
    Map<Integer, Lane> forward(Map<Integer, Long> starts, Map<Integer, PartitionRange> limits, int wanted, Cancellation cancellation) {
        Map<Integer, Lane> lanes = new TreeMap<>();
        starts.forEach((p, s) -> lanes.put(p, new Lane(p, s, s)));
        long window = request.order() == BrowseOrder.PARTITION ? wanted : SeekPlanner.windowFor(wanted, Math.max(1, lanes.size()));
        while (!cancellation.isCancelled()) {
            List<PartitionRange> ranges = new ArrayList<>();
            for (Lane lane : lanes.values()) {
                long to = limits.get(lane.partition).to();
                if (lane.high < to && !lane.endedEarly) {
                    ranges.add(new PartitionRange(lane.partition, lane.high, Math.min(to, lane.high + window)));
                    if (request.order() == BrowseOrder.PARTITION) {
                        break; // partition order: a partition is read to its end before the next one starts
                    }
                }
            }
            if (ranges.isEmpty() || hits(lanes) >= wanted) {
                break;
            }
            Map<Integer, List<DecodedRecord>> found = new HashMap<>();
            RangeReader.Outcome outcome = read(ranges, lanes, found, cancellation);
            boolean cancelled = outcome.cancelled() || cancellation.isCancelled();
            for (PartitionRange r : ranges) {
                Lane lane = lanes.get(r.partition());
                lane.hits.addAll(found.getOrDefault(r.partition(), List.of()));
                if (cancelled) {
                    lane.high = cancelledHigh(lane, outcome);
                } else if (outcome.reachedEnd().contains(r.partition())) {
                    lane.high = r.to();
                } else {
                    // the reader saw the partition end below the window: never jump over offsets it did not read;
                    // read again from where it stopped, and give up (with a warning) only when that makes no progress
                    long stopped = Math.max(cancelledHigh(lane, outcome), lane.high);
                    lane.endedEarly = stopped == lane.high;
                    lane.high = stopped;
                }
            }
            if (cancelled) {
                break;
            }
            window = Math.min(MAX_WINDOW, window * 2);
        }
        return lanes;
    }

    /** Reads backward from {@code befores} (exclusive) until {@code wanted} hits or all limits' starts reached. */
    TreeMap<Integer, Lane> backward(Map<Integer, Long> befores, Map<Integer, PartitionRange> limits, int wanted, Cancellation cancellation) {
        TreeMap<Integer, Lane> lanes = new TreeMap<>();
        befores.forEach((p, b) -> lanes.put(p, new Lane(p, b, b)));
        long window = request.order() == BrowseOrder.PARTITION ? wanted : SeekPlanner.windowFor(wanted, Math.max(1, lanes.size()));
        while (!cancellation.isCancelled()) {
            List<PartitionRange> ranges = new ArrayList<>();
            Iterable<Lane> order = request.order() == BrowseOrder.PARTITION ? lanes.descendingMap().values() : lanes.values();
            for (Lane lane : order) {
                long first = limits.get(lane.partition).from();
                if (lane.low > first && needsMore(lane, lanes, wanted)) {
                    ranges.add(SeekPlanner.windowBefore(lane.partition, first, lane.low, window));
                    if (request.order() == BrowseOrder.PARTITION) {
                        break; // partition order backwards: the highest partition is read back to its start first
                    }
                }
            }
            if (ranges.isEmpty()) {
                break;
            }
            Map<Integer, List<DecodedRecord>> found = new HashMap<>();
            RangeReader.Outcome outcome = read(ranges, lanes, found, cancellation);
            if (outcome.cancelled()) {
                break;
            }
            for (PartitionRange r : ranges) {
                Lane lane = lanes.get(r.partition());
                List<DecodedRecord> older = new ArrayList<>(found.getOrDefault(r.partition(), List.of()));
                older.addAll(lane.hits);
                lane.hits.clear();
                lane.hits.addAll(older);
                lane.low = r.from();
            }
            window = Math.min(MAX_WINDOW, window * 2);
        }
        return lanes;
    }

    /**
     * A partition needs an older window unless enough newer hits exist elsewhere: when the other lanes
     * already hold {@code wanted} hits newer than this lane's oldest hit, older records of this lane cannot
     * be among the newest {@code wanted} (timestamp order), and in partition order only the wanted count matters.
     */
    private boolean needsMore(Lane lane, Map<Integer, Lane> lanes, int wanted) {
        int total = hits(lanes);
        if (total < wanted) {
            return true;
        }
        if (request.order() == BrowseOrder.PARTITION || lane.hits.isEmpty()) {
            return false;
        }
        long oldest = lane.hits.getFirst().raw().timestamp();
        long newer = 0;
        for (Lane other : lanes.values()) {
            for (DecodedRecord r : other.hits) {
                if (r.raw().timestamp() >= oldest) {
                    newer++;
                }
            }
        }
        return newer < wanted;
    }

    private RangeReader.Outcome read(List<PartitionRange> ranges, Map<Integer, Lane> lanes, Map<Integer, List<DecodedRecord>> found,
                                     Cancellation cancellation) {
        Predicate<DecodedRecord> filter = request.filter();
        return reader.read(consumer, request.topic(), ranges, batch -> {
            for (RawRecord raw : batch) {
                lanes.get(raw.partition()).scanned++;
                // with a filter, records are rendered only if kept: most of a filtered scan is rejected
                DecodedRecord decoded = filter == null ? SafeDecoding.decode(decoder, raw, request.decoders())
                        : SafeDecoding.decodeForFilter(decoder, raw, request.decoders());
                if (filter == null || filter.test(decoded)) {
                    found.computeIfAbsent(raw.partition(), k -> new ArrayList<>()).add(decoded);
                }
            }
            return !cancellation.isCancelled();
        }, cancellation);
    }

    /** After a cancel, the lane ends after the last record kept (unread offsets are read again next time, never skipped). */
    private static long cancelledHigh(Lane lane, RangeReader.Outcome outcome) {
        long high = outcome.stoppedAt().getOrDefault(lane.partition, lane.high);
        if (!lane.hits.isEmpty()) {
            high = Math.max(high, lane.hits.getLast().raw().offset() + 1);
        }
        return high;
    }

    static int hits(Map<Integer, Lane> lanes) {
        int n = 0;
        for (Lane lane : lanes.values()) {
            n += lane.hits.size();
        }
        return n;
    }
}
