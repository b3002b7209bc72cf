package dev.backtrack.replay;

import dev.backtrack.archive.ArchiveEntry;
import dev.backtrack.archive.ArchiveReader;
import dev.backtrack.browse.Cancellation;
import dev.backtrack.browse.PartitionRange;
import dev.backtrack.browse.RangeReader;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RawRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.common.IsolationLevel;

/**
 * The records a replay reads, in order per source partition, batch by batch, from a resume point:
 * exact offset ranges of a topic (one assign-only consumer, read ahead on its own thread: {@link PrefetchedRead})
 * or the records of an archive file.
 * {@link #positions()} / {@link #archiveDone()} say how far the feed got after the last accepted batch.
 */
sealed interface ReplayFeed {
    /**
     * Feeds batches, each turned into {@code T} by {@code prepare} (on the reader's thread for a topic), to
     * {@code handler} until the source ends, the handler returns false or the job is cancelled.
     */
    <T> void run(Function<List<RawRecord>, T> prepare, Predicate<T> handler, Cancellation cancellation);

    /** Per source partition, the next offset to read (topic feeds). */
    Map<Integer, Long> positions();

    /** Records of the archive already handed out (archive feeds). */
    long archiveDone();

    /** Like {@link #positions()} but counting the batch being handled right now as done (call from the handler). */
    Map<Integer, Long> positionsWithCurrentBatch();

    /** Like {@link #archiveDone()} but counting the batch being handled right now (call from the handler). */
    long archiveDoneWithCurrentBatch();

    final class TopicFeed implements ReplayFeed {
        private final KafkaClients clients;
        private final String topic;
        private final IsolationLevel isolation;
        private final List<PartitionRange> ranges;
        private final Map<Integer, Long> positions = new HashMap<>();
        private Map<Integer, Long> current = Map.of();

        TopicFeed(KafkaClients clients, String topic, IsolationLevel isolation, List<PartitionRange> ranges, Map<Integer, Long> resumeAt) {
            this.clients = clients;
            this.topic = topic;
            this.isolation = isolation;
            List<PartitionRange> adjusted = new ArrayList<>();
            for (PartitionRange r : ranges) {
                long from = Math.min(r.to(), Math.max(r.from(), resumeAt.getOrDefault(r.partition(), r.from())));
                adjusted.add(new PartitionRange(r.partition(), from, r.to()));
                positions.put(r.partition(), from);
            }
            this.ranges = adjusted;
        }

        @Override
        public <T> void run(Function<List<RawRecord>, T> prepare, Predicate<T> handler, Cancellation cancellation) {
            new PrefetchedRead(new RangeReader(clients, isolation), topic, ranges).run(prepare, new PrefetchedRead.Handler<T>() {
                @Override
                public boolean handle(T batch, Map<Integer, Long> positionsAfter) {
                    // the positions after a batch count once that batch was handled
                    current = positionsAfter;
                    boolean go = handler.test(batch);
                    current = Map.of();
                    if (go) {
                        positions.putAll(positionsAfter);
                    }
                    return go;
                }

                @Override
                public void finished(Map<Integer, Long> positionsAfter) {
                    positions.putAll(positionsAfter);
                }
            }, cancellation);
        }

        @Override
        public Map<Integer, Long> positions() {
            return Map.copyOf(positions);
        }

        @Override
        public long archiveDone() {
            return 0;
        }

        @Override
        public Map<Integer, Long> positionsWithCurrentBatch() {
            Map<Integer, Long> out = new HashMap<>(positions);
            out.putAll(current);
            return out;
        }

        @Override
        public long archiveDoneWithCurrentBatch() {
            return 0;
        }
    }

    final class ArchiveFeed implements ReplayFeed {
        private static final int BATCH = 500;
        private final Path file;
        private final long skip;
        private long done;
        private int current;

        ArchiveFeed(Path file, long alreadyDone) {
            this.file = file;
            this.skip = alreadyDone;
            this.done = alreadyDone;
        }

        @Override
        public <T> void run(Function<List<RawRecord>, T> prepare, Predicate<T> handler, Cancellation cancellation) {
            try (ArchiveReader reader = ArchiveReader.open(file)) {
                long skipped = 0;
                while (!cancellation.isCancelled()) {
                    List<ArchiveEntry> entries = reader.nextBatch(BATCH);
                    if (entries.isEmpty()) {
                        return;
                    }
                    List<RawRecord> batch = new ArrayList<>(entries.size());
                    for (ArchiveEntry e : entries) {
                        if (skipped < skip) {
                            skipped++;
                        } else {
                            batch.add(e.raw());
                        }
                    }
                    if (!batch.isEmpty()) {
                        current = batch.size();
                        boolean go = handler.test(prepare.apply(batch));
                        current = 0;
                        if (!go) {
                            return;
                        }
                        done += batch.size();
                    }
                }
            }
        }

        @Override
        public Map<Integer, Long> positions() {
            return Map.of();
        }

        @Override
        public long archiveDone() {
            return done;
        }

        @Override
        public Map<Integer, Long> positionsWithCurrentBatch() {
            return Map.of();
        }

        @Override
        public long archiveDoneWithCurrentBatch() {
            return done + current;
        }
    }
}
