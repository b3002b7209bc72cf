package dev.backtrack.browse;

import dev.backtrack.codec.DecodedRecord;
import dev.backtrack.codec.DecoderChoice;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.apache.kafka.common.IsolationLevel;

/**
 * What to browse: a topic, its partitions (empty = all), where to start, where to stop, how many records a
 * page holds, the isolation level, the decoders, an optional filter (null = every record; the
 * {@code filter} package builds CEL and "contains" predicates), the order, and whether aborted records are
 * marked under read_uncommitted (costs one read_committed pass over the page's ranges).
 */
public record BrowseRequest(String topic, List<Integer> partitions, Position position, EndBound end, int pageSize,
                            IsolationLevel isolation, DecoderChoice decoders, Predicate<DecodedRecord> filter,
                            BrowseOrder order, boolean markAborted) {
    public static final int DEFAULT_PAGE_SIZE = 200;
    public static final int MAX_PAGE_SIZE = 10_000;

    public BrowseRequest {
        Objects.requireNonNull(topic, "topic");
        partitions = List.copyOf(partitions);
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(isolation, "isolation");
        Objects.requireNonNull(decoders, "decoders");
        Objects.requireNonNull(order, "order");
        if (pageSize <= 0 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page size must be 1.." + MAX_PAGE_SIZE + ", was " + pageSize);
        }
    }

    /** All partitions from the beginning, 200 per page, read_uncommitted, auto-decoded, timestamp order. */
    public static BrowseRequest of(String topic) {
        return new BrowseRequest(topic, List.of(), Position.BEGINNING, EndBound.NONE, DEFAULT_PAGE_SIZE,
                IsolationLevel.READ_UNCOMMITTED, DecoderChoice.AUTO, null, BrowseOrder.TIMESTAMP, true);
    }

    public BrowseRequest withPartitions(List<Integer> partitions) {
        return new BrowseRequest(topic, partitions, position, end, pageSize, isolation, decoders, filter, order, markAborted);
    }

    public BrowseRequest withPosition(Position position) {
        return new BrowseRequest(topic, partitions, position, end, pageSize, isolation, decoders, filter, order, markAborted);
    }

    public BrowseRequest withEnd(EndBound end) {
        return new BrowseRequest(topic, partitions, position, end, pageSize, isolation, decoders, filter, order, markAborted);
    }

    public BrowseRequest withPageSize(int pageSize) {
        return new BrowseRequest(topic, partitions, position, end, pageSize, isolation, decoders, filter, order, markAborted);
    }

    public BrowseRequest withIsolation(IsolationLevel isolation) {
        return new BrowseRequest(topic, partitions, position, end, pageSize, isolation, decoders, filter, order, markAborted);
    }

    public BrowseRequest withDecoders(DecoderChoice decoders) {
        return new BrowseRequest(topic, partitions, position, end, pageSize, isolation, decoders, filter, order, markAborted);
    }

    public BrowseRequest withFilter(Predicate<DecodedRecord> filter) {
        return new BrowseRequest(topic, partitions, position, end, pageSize, isolation, decoders, filter, order, markAborted);
    }

    public BrowseRequest withOrder(BrowseOrder order) {
        return new BrowseRequest(topic, partitions, position, end, pageSize, isolation, decoders, filter, order, markAborted);
    }

    public BrowseRequest withMarkAborted(boolean markAborted) {
        return new BrowseRequest(topic, partitions, position, end, pageSize, isolation, decoders, filter, order, markAborted);
    }

    public boolean filtered() {
        return filter != null;
    }
}
