package dev.backtrack.redrive;

import dev.backtrack.browse.Browser;
import dev.backtrack.browse.Cancellation;
import dev.backtrack.browse.ConsumerOffsetLookup;
import dev.backtrack.browse.EndBound;
import dev.backtrack.browse.PartitionRange;
import dev.backtrack.browse.Position;
import dev.backtrack.browse.RangeReader;
import dev.backtrack.browse.RecordSink;
import dev.backtrack.browse.SeekPlan;
import dev.backtrack.browse.SeekPlanner;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RawRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;

/**
 * Reads the dead letters of a dead-letter topic through the browse engine (exact bounded range reads,
 * one assign-only consumer) and parses each record. The end of each partition is fixed when the read is
 * planned, so a read of a growing topic terminates.
 */
public final class DeadLetterReader {
    private final KafkaClients clients;
    private final DeadLetterParser parser = new DeadLetterParser();

    public DeadLetterReader(KafkaClients clients) {
        this.clients = clients;
    }

    /** What a read covered: records read, records that matched, and whether it was cancelled. */
    public record ReadSummary(long read, long matched, boolean cancelled) {
    }

    /** Reads all records of the partitions (all when empty) from the beginning to the current end. */
    public ReadSummary read(String topic, List<Integer> partitions, Predicate<DeadLetter> filter,
                            java.util.function.Consumer<List<DeadLetter>> sink, Cancellation cancellation) {
        long[] counts = new long[2];
        RangeReader.Outcome outcome;
        // one consumer plans the read and reads it: a second one would cost its start-up and a metadata round trip
        try (KafkaConsumer<byte[], byte[]> consumer = clients.consumer(IsolationLevel.READ_UNCOMMITTED)) {
            List<PartitionRange> ranges = plan(consumer, topic, partitions);
            RecordSink parseAndFilter = batch -> {
                List<DeadLetter> matched = new ArrayList<>(batch.size());
                for (RawRecord record : batch) {
                    counts[0]++;
                    DeadLetter letter = parser.parse(record);
                    if (filter.test(letter)) {
                        matched.add(letter);
                    }
                }
                counts[1] += matched.size();
                if (!matched.isEmpty()) {
                    sink.accept(matched);
                }
                return true;
            };
            outcome = new RangeReader(clients, IsolationLevel.READ_UNCOMMITTED).read(consumer, topic, ranges, parseAndFilter, cancellation);
        }
        return new ReadSummary(counts[0], counts[1], outcome.cancelled());
    }

    /** All matching dead letters of the topic, in per-partition offset order. */
    public List<DeadLetter> readAll(String topic, Predicate<DeadLetter> filter, Cancellation cancellation) {
        List<DeadLetter> out = new ArrayList<>();
        read(topic, List.of(), filter, out::addAll, cancellation);
        return out;
    }

    /** The dead letter at exactly this offset; empty when that offset holds no record (gap, deleted, past the end). */
    public Optional<DeadLetter> readOne(String topic, int partition, long offset) {
        List<DeadLetter> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = clients.consumer(IsolationLevel.READ_UNCOMMITTED)) {
            PartitionRange limit = plan(consumer, topic, List.of(partition)).getFirst();
            if (offset < limit.from() || offset >= limit.to()) {
                return Optional.empty();
            }
            new RangeReader(clients, IsolationLevel.READ_UNCOMMITTED).read(consumer, topic,
                    List.of(new PartitionRange(partition, offset, offset + 1)), batch -> {
                        batch.stream().filter(r -> r.offset() == offset).map(parser::parse).forEach(found::add);
                        return true;
                    }, Cancellation.none());
        }
        return found.stream().findFirst();
    }

    /** Every record of the partitions, from the beginning to the end as it is now. */
    private static List<PartitionRange> plan(KafkaConsumer<byte[], byte[]> consumer, String topic, List<Integer> partitions) {
        List<Integer> chosen = Browser.partitions(consumer, topic, partitions);
        SeekPlan plan = SeekPlanner.plan(topic, chosen, Position.BEGINNING, new EndBound.None(), new ConsumerOffsetLookup(consumer, topic));
        return plan.ranges();
    }
}
