package dev.backtrack.replay;

import dev.backtrack.kafka.RawRecord;
import java.util.List;
import java.util.function.Predicate;

/**
 * A batch of source records with what the replay sends for each, worked out on the reader's thread: the filter's
 * verdict, the mapped record and its content hash ({@link RecordChecksum#contentHash}). The sending thread then
 * only sends; on two cores it was the bottleneck of a replay, with the reader waiting on a full queue. Without a
 * mapper only the filter runs ahead and the sending thread maps: so for a replay that re-registers schemas
 * (registering ahead would write to the target registry for records a cancel or a failure never sends) and for
 * one that stamps records with the time of sending (a paced replay sends long after reading ahead).
 *
 * <p>Preparing stops at the first record that cannot be filtered or mapped ({@link #failedAt()}): the records
 * before it are sent, then the failure is raised where the sending thread meets it, as if it had mapped the batch
 * itself. {@link #roundRobinAfter()} is the round-robin counter after the prepared records, what a checkpoint
 * taken after them must carry.
 */
final class PreparedBatch {
    private final List<RawRecord> records;
    private final boolean[] matched;
    private final OutgoingRecord[] outgoing;
    private final long[] contentHashes;
    private final int failedAt;
    private final RuntimeException failure;
    private final long roundRobinAfter;

    private PreparedBatch(List<RawRecord> records, boolean[] matched, OutgoingRecord[] outgoing, long[] contentHashes, int failedAt,
                          RuntimeException failure, long roundRobinAfter) {
        this.records = records;
        this.matched = matched;
        this.outgoing = outgoing;
        this.contentHashes = contentHashes;
        this.failedAt = failedAt;
        this.failure = failure;
        this.roundRobinAfter = roundRobinAfter;
    }

    /**
     * Filters and (when {@code mapper} is not null) maps {@code batch} in order with the job's one filter and
     * mapper; call from one thread only.
     */
    static PreparedBatch prepare(List<RawRecord> batch, Predicate<RawRecord> filter, RecordMapper mapper) {
        int n = batch.size();
        boolean[] matched = new boolean[n];
        OutgoingRecord[] outgoing = new OutgoingRecord[n];
        long[] hashes = new long[n];
        for (int i = 0; i < n; i++) {
            RawRecord r = batch.get(i);
            try {
                matched[i] = filter.test(r);
            } catch (RuntimeException e) {
                return new PreparedBatch(batch, matched, outgoing, hashes, i, e, counter(mapper));
            }
            if (matched[i] && mapper != null) {
                try {
                    OutgoingRecord out = mapper.map(r);
                    outgoing[i] = out;
                    hashes[i] = RecordChecksum.contentHash(out.key(), out.value(), out.headers());
                } catch (RuntimeException e) {
                    return new PreparedBatch(batch, matched, outgoing, hashes, i, e, counter(mapper));
                }
            }
        }
        return new PreparedBatch(batch, matched, outgoing, hashes, -1, null, counter(mapper));
    }

    private static long counter(RecordMapper mapper) {
        return mapper == null ? -1 : mapper.roundRobinCounter();
    }

    List<RawRecord> records() {
        return records;
    }

    /** How many records were prepared: all of them, or those before the failed one. */
    int prepared() {
        return failedAt < 0 ? records.size() : failedAt;
    }

    /** Whether the filter kept record {@code i}. */
    boolean matched(int i) {
        return matched[i];
    }

    /** The record to send for record {@code i}: null when the filter left it out or the sending thread maps it. */
    OutgoingRecord outgoing(int i) {
        return outgoing[i];
    }

    long contentHash(int i) {
        return contentHashes[i];
    }

    /** The index of the record that could not be prepared, or -1. */
    int failedAt() {
        return failedAt;
    }

    RuntimeException failure() {
        return failure;
    }

    /** Whether the failure came from mapping the record (the filter had matched it), not from the filter. */
    boolean mappingFailed() {
        return failedAt >= 0 && matched[failedAt];
    }

    /** The mapper's round-robin counter after this batch; -1 when the sending thread maps. */
    long roundRobinAfter() {
        return roundRobinAfter;
    }
}
