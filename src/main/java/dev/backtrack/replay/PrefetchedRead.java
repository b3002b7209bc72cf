package dev.backtrack.replay;

import dev.backtrack.browse.Cancellation;
import dev.backtrack.browse.PartitionRange;
import dev.backtrack.browse.RangeReader;
import dev.backtrack.browse.ReadAhead;
import dev.backtrack.browse.RecordSink;
import dev.backtrack.kafka.RawRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads exact ranges on a reader thread ({@link ReadAhead}) while the caller's thread handles the batches read
 * before: polling, decompressing, copying and preparing records (the caller's {@code prepare}, on the reader's
 * thread) overlaps with sending them. At most
 * {@link #QUEUE_BATCHES} batches wait. Each batch travels with the read positions that hold once it is handled,
 * so a checkpoint never counts a batch that was read ahead but not sent. The reader keeps the job's single
 * assign-only consumer and closes it.
 */
final class PrefetchedRead {
    static final int QUEUE_BATCHES = 4;

    /** A prepared batch with the positions after it, or (records null) the end of the read with the final positions. */
    private record Batch<T>(T records, Map<Integer, Long> positionsAfter) {
    }

    /** The caller's side: handles one batch ({@code false} stops the read) and learns positions as they become final. */
    interface Handler<T> {
        boolean handle(T batch, Map<Integer, Long> positionsAfter);

        void finished(Map<Integer, Long> positionsAfter);
    }

    private final RangeReader reader;
    private final String topic;
    private final List<PartitionRange> ranges;

    PrefetchedRead(RangeReader reader, String topic, List<PartitionRange> ranges) {
        this.reader = reader;
        this.topic = topic;
        this.ranges = List.copyOf(ranges);
    }

    <T> void run(Function<List<RawRecord>, T> prepare, Handler<T> handler, Cancellation cancellation) {
        ReadAhead.<Batch<T>>run("backtrack-replay-reader", QUEUE_BATCHES, (out, stop) -> {
            Map<Integer, Long> positions = new HashMap<>();
            RangeReader.Outcome outcome = reader.read(topic, ranges, new RecordSink() {
                @Override
                public boolean accept(List<RawRecord> batch) {
                    return out.put(new Batch<>(prepare.apply(batch), Map.copyOf(positions)));
                }

                @Override
                public void progress(int partition, long position) {
                    positions.put(partition, position);
                }
            }, stop);
            if (!outcome.cancelled() && !stop.isCancelled()) {
                out.put(new Batch<>(null, Map.copyOf(positions)));
            }
        }, batch -> {
            if (batch.records() == null) {
                handler.finished(batch.positionsAfter());
                return true;
            }
            return handler.handle(batch.records(), batch.positionsAfter());
        }, cancellation);
    }
}
