package dev.backtrack.replay;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * How a {@link RecordSender} sends: delivery mode, pace, the bound on bytes handed to the producers but not
 * yet acknowledged (memory stays flat however large the job), how often an idempotent job flushes for a
 * checkpoint, extra producer properties (batching, compression; never acks or idempotence), and how many
 * producers may split the target partitions between them (idempotent jobs whose records all name their
 * partition; exactly-once jobs always use one, see {@link PartitionProducers}).
 */
public record SendOptions(Delivery delivery, Pace pace, long maxInFlightBytes, long checkpointEveryRecords,
                          Map<String, Object> producerOverrides, int producers) {
    /**
     * 16 MiB: several times what a broker connection can have outstanding (5 requests of full batches), so
     * throughput does not suffer, while records waiting for acknowledgement stay few enough not to be
     * promoted to the old generation in bulk. With the 16 MiB headroom the producer's buffer is Kafka's default 32 MiB.
     */
    public static final long DEFAULT_IN_FLIGHT_BYTES = 16L * 1024 * 1024;
    public static final long DEFAULT_CHECKPOINT_EVERY = 50_000;

    public SendOptions {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(pace, "pace");
        if (maxInFlightBytes < 1024 * 1024) {
            throw new IllegalArgumentException("maxInFlightBytes must be at least 1 MiB");
        }
        if (checkpointEveryRecords <= 0) {
            throw new IllegalArgumentException("checkpointEveryRecords must be > 0");
        }
        if (producers < 1) {
            throw new IllegalArgumentException("producers must be >= 1");
        }
        producerOverrides = Map.copyOf(producerOverrides);
    }

    /** The producers a job actually uses: an exactly-once job's transaction belongs to one. */
    public int producersUsed() {
        return delivery instanceof Delivery.ExactlyOnce ? 1 : producers;
    }

    /** Each producer's {@code buffer.memory}: the bytes in flight plus room for the batches being filled. */
    public long producerBufferBytes() {
        return maxInFlightBytes + 16L * 1024 * 1024;
    }

    /** Idempotent, acks=all, as fast as possible, 16 MiB in flight, one producer. */
    /**
     * The producer properties of a job sent with these options: the overrides, the buffer, and what is not negotiable,
     * acks=all and idempotence (they carry the ordering and no-loss guarantees), plus the transactional id of an
     * exactly-once job.
     */
    Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, producerBufferBytes());
        config.putAll(producerOverrides);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        if (delivery instanceof Delivery.ExactlyOnce eos) {
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, eos.transactionalId());
            config.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, eos.singleTransaction() ? 900_000 : 300_000);
        }
        return config;
    }

    public static SendOptions defaults() {
        return new SendOptions(Delivery.IDEMPOTENT, Pace.FAST, DEFAULT_IN_FLIGHT_BYTES, DEFAULT_CHECKPOINT_EVERY, Map.of(), 1);
    }

    public SendOptions withDelivery(Delivery delivery) {
        return new SendOptions(delivery, pace, maxInFlightBytes, checkpointEveryRecords, producerOverrides, producers);
    }

    public SendOptions withPace(Pace pace) {
        return new SendOptions(delivery, pace, maxInFlightBytes, checkpointEveryRecords, producerOverrides, producers);
    }

    public SendOptions withCheckpointEvery(long records) {
        return new SendOptions(delivery, pace, maxInFlightBytes, records, producerOverrides, producers);
    }

    public SendOptions withProducerOverrides(Map<String, Object> overrides) {
        return new SendOptions(delivery, pace, maxInFlightBytes, checkpointEveryRecords, overrides, producers);
    }

    /** Every record sent must then name its target partition. */
    public SendOptions withProducers(int producers) {
        return new SendOptions(delivery, pace, maxInFlightBytes, checkpointEveryRecords, producerOverrides, producers);
    }
}
