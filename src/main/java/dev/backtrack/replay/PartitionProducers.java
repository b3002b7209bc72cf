package dev.backtrack.replay;

import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The producers of one {@link RecordSender}: one, or several that split the target partitions between them
 * (partition {@code p} belongs to producer {@code p % n}). Every target partition is thus written by exactly one
 * producer and keeps the order its records were sent in; that is why, with several, a record must name its
 * partition (a partitioner choosing one could put it behind another producer's records out of order).
 *
 * <p>Producers after the first start when their first partition is used. Use from the sending thread only.
 */
final class PartitionProducers {
    private final Supplier<KafkaProducer<byte[], byte[]>> factory;
    private final KafkaProducer<byte[], byte[]>[] producers;

    @SuppressWarnings("unchecked")
    PartitionProducers(int count, Supplier<KafkaProducer<byte[], byte[]>> factory) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1");
        }
        this.factory = factory;
        this.producers = new KafkaProducer[count];
        producers[0] = factory.get();
    }

    KafkaProducer<byte[], byte[]> first() {
        return producers[0];
    }

    KafkaProducer<byte[], byte[]> forPartition(Integer partition) {
        if (producers.length == 1) {
            return producers[0];
        }
        if (partition == null) {
            throw new IllegalArgumentException("with " + producers.length + " producers every record must name its target partition");
        }
        int index = partition % producers.length;
        KafkaProducer<byte[], byte[]> producer = producers[index];
        if (producer == null) {
            producer = factory.get();
            producers[index] = producer;
        }
        return producer;
    }

    /** Waits until everything sent through any of them is acknowledged or failed. */
    void flush() {
        for (KafkaProducer<byte[], byte[]> p : producers) {
            if (p != null) {
                p.flush();
            }
        }
    }

    /** Closes them all, even when one fails to close; the first failure is thrown afterwards. */
    void close(Duration timeout) {
        RuntimeException failure = null;
        for (KafkaProducer<byte[], byte[]> p : producers) {
            if (p == null) {
                continue;
            }
            try {
                p.close(timeout);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
