package dev.backtrack.filter;

import dev.backtrack.codec.DecoderChoice;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.IsolationLevel;

/**
 * A search: topic, partitions (empty = all), scope, filter, how many matches to keep before stopping,
 * isolation, decoders, parallelism (1 = one consumer for all partitions; more = one consumer per partition,
 * at most that many at a time), and the confirmation needed when the scope spans more than
 * {@code largeThreshold} offsets.
 */
public record SearchRequest(String topic, List<Integer> partitions, SearchScope scope, RecordFilter filter, int resultLimit,
                            IsolationLevel isolation, DecoderChoice decoders, int parallelism, boolean confirmLarge,
                            long largeThreshold) {
    public static final long DEFAULT_LARGE_THRESHOLD = 1_000_000;
    public static final int DEFAULT_RESULT_LIMIT = 1_000;

    public SearchRequest {
        Objects.requireNonNull(topic, "topic");
        partitions = List.copyOf(partitions);
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(isolation, "isolation");
        Objects.requireNonNull(decoders, "decoders");
        if (resultLimit <= 0) {
            throw new IllegalArgumentException("result limit must be > 0, was " + resultLimit);
        }
        if (parallelism <= 0) {
            throw new IllegalArgumentException("parallelism must be > 0, was " + parallelism);
        }
    }

    public static SearchRequest of(String topic, SearchScope scope, RecordFilter filter) {
        return new SearchRequest(topic, List.of(), scope, filter, DEFAULT_RESULT_LIMIT, IsolationLevel.READ_UNCOMMITTED,
                DecoderChoice.AUTO, Math.max(2, Runtime.getRuntime().availableProcessors()), false, DEFAULT_LARGE_THRESHOLD);
    }

    public SearchRequest withPartitions(List<Integer> partitions) {
        return new SearchRequest(topic, partitions, scope, filter, resultLimit, isolation, decoders, parallelism, confirmLarge, largeThreshold);
    }

    public SearchRequest withResultLimit(int resultLimit) {
        return new SearchRequest(topic, partitions, scope, filter, resultLimit, isolation, decoders, parallelism, confirmLarge, largeThreshold);
    }

    public SearchRequest withIsolation(IsolationLevel isolation) {
        return new SearchRequest(topic, partitions, scope, filter, resultLimit, isolation, decoders, parallelism, confirmLarge, largeThreshold);
    }

    public SearchRequest withDecoders(DecoderChoice decoders) {
        return new SearchRequest(topic, partitions, scope, filter, resultLimit, isolation, decoders, parallelism, confirmLarge, largeThreshold);
    }

    public SearchRequest withParallelism(int parallelism) {
        return new SearchRequest(topic, partitions, scope, filter, resultLimit, isolation, decoders, parallelism, confirmLarge, largeThreshold);
    }

    public SearchRequest confirmedLarge() {
        return new SearchRequest(topic, partitions, scope, filter, resultLimit, isolation, decoders, parallelism, true, largeThreshold);
    }

    public SearchRequest withLargeThreshold(long largeThreshold) {
        return new SearchRequest(topic, partitions, scope, filter, resultLimit, isolation, decoders, parallelism, confirmLarge, largeThreshold);
    }
}
