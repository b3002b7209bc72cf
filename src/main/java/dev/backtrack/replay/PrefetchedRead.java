package dev.backtrack.replay;

import dev.backtrack.BacktrackException;
import dev.backtrack.browse.Cancellation;
import dev.backtrack.browse.PartitionRange;
import dev.backtrack.browse.RangeReader;
import dev.backtrack.browse.RecordSink;
import dev.backtrack.kafka.RawRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads exact ranges on a reader thread while the caller's thread handles the batches read before: polling,
 * decompressing and copying records overlaps with mapping and sending them, so a replay uses two cores instead
 * of one. At most {@link #QUEUE_BATCHES} batches wait (memory stays bounded). Each batch travels with the read
 * positions that hold once it is handled, so a checkpoint never counts a batch that was read ahead but not sent.
 * The reader keeps the job's single assign-only consumer and closes it; a stop of the handler, a cancel or a
 * failure on either side stops both threads.
 */
final class PrefetchedRead {
    static final int QUEUE_BATCHES = 4;
    private static final long WAIT_MS = 100;

    /** What the reader hands over: a batch with the positions after it, the end of the read, or its failure. */
    private sealed interface Item {
    }

    private record Batch(List<RawRecord> records, Map<Integer, Long> positionsAfter) implements Item {
    }

    private record End(Map<Integer, Long> positionsAfter) implements Item {
    }

    private record Failure(Throwable error) implements Item {
    }

    /** The caller's side: handles one batch ({@code false} stops the read) and learns positions as they become final. */
    interface Handler {
        boolean handle(List<RawRecord> batch, Map<Integer, Long> positionsAfter);

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

    void run(Handler handler, Cancellation cancellation) {
        BlockingQueue<Item> queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
        Cancellation readerStop = new Cancellation();
        try (Cancellation.Registration link = cancellation.onCancel(readerStop::cancel)) {
            Thread thread = Thread.ofPlatform().name("backtrack-replay-reader").daemon().start(() -> read(queue, readerStop));
            try {
                consume(queue, thread, handler, cancellation);
            } finally {
                readerStop.cancel();
                joinQuietly(thread);
            }
        }
    }

    private void read(BlockingQueue<Item> queue, Cancellation stop) {
        Map<Integer, Long> positions = new HashMap<>();
        try {
            reader.read(topic, ranges, new RecordSink() {
                @Override
                public boolean accept(List<RawRecord> batch) {
                    return offer(queue, new Batch(batch, Map.copyOf(positions)), stop);
                }

                @Override
                public void progress(int partition, long position) {
                    positions.put(partition, position);
                }
            }, stop);
            offer(queue, new End(Map.copyOf(positions)), stop);
        } catch (Throwable t) {
            offer(queue, new Failure(t), stop);
        }
    }

    private static boolean offer(BlockingQueue<Item> queue, Item item, Cancellation stop) {
        try {
            while (!stop.isCancelled()) {
                if (queue.offer(item, WAIT_MS, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void consume(BlockingQueue<Item> queue, Thread thread, Handler handler, Cancellation cancellation) {
        while (true) {
            Item item;
            try {
                item = queue.poll(WAIT_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (item == null) {
                if (cancellation.isCancelled() || (!thread.isAlive() && queue.isEmpty())) {
                    return;
                }
                continue;
            }
            switch (item) {
                case Batch b -> {
                    if (cancellation.isCancelled() || !handler.handle(b.records(), b.positionsAfter())) {
                        return;
                    }
                }
                case End end -> {
                    if (!cancellation.isCancelled()) {
                        handler.finished(end.positionsAfter());
                    }
                    return;
                }
                case Failure failure -> throw rethrow(failure.error());
            }
        }
    }

    private static RuntimeException rethrow(Throwable error) {
        if (error instanceof RuntimeException e) {
            return e;
        }
        if (error instanceof Error e) {
            throw e;
        }
        return new BacktrackException("reading the source failed: " + error.getMessage(), error);
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
