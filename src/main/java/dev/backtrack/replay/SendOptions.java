package dev.backtrack.replay;

import java.util.Map;
import java.util.Objects;

/**
 * How a {@link RecordSender} sends: delivery mode, pace, the bound on bytes handed to the producer but not
 * yet acknowledged (memory stays flat however large the job), how often an idempotent job flushes for a
 * checkpoint, and extra producer properties (batching, compression; never acks or idempotence).
 */
public record SendOptions(Delivery delivery, Pace pace, long maxInFlightBytes, long checkpointEveryRecords,
                          Map<String, Object> producerOverrides) {
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
        producerOverrides = Map.copyOf(producerOverrides);
    }

    /** Idempotent, acks=all, as fast as possible, 16 MiB in flight. */
    public static SendOptions defaults() {
        return new SendOptions(Delivery.IDEMPOTENT, Pace.FAST, DEFAULT_IN_FLIGHT_BYTES, DEFAULT_CHECKPOINT_EVERY, Map.of());
    }

    public SendOptions withDelivery(Delivery delivery) {
        return new SendOptions(delivery, pace, maxInFlightBytes, checkpointEveryRecords, producerOverrides);
    }

    public SendOptions withPace(Pace pace) {
        return new SendOptions(delivery, pace, maxInFlightBytes, checkpointEveryRecords, producerOverrides);
    }

    public SendOptions withCheckpointEvery(long records) {
        return new SendOptions(delivery, pace, maxInFlightBytes, records, producerOverrides);
    }

    public SendOptions withProducerOverrides(Map<String, Object> overrides) {
        return new SendOptions(delivery, pace, maxInFlightBytes, checkpointEveryRecords, overrides);
    }
}
