package dev.backtrack.replay;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The producers of one {@link RecordSender}: one, or several that split the target partitions between them
 * (partition {@code p} belongs to producer {@code p % n}). Every target partition is thus written by exactly one
 * producer and keeps the order its records were sent in; that is why, with several, a record must name its
 * partition (a partitioner choosing one could put it behind another producer's records out of order).
 *
 * <p>Producers after the first start when their first partition is used, or ahead, in the background, for the
 * partitions a job says it will write ({@link #startAhead}): a producer takes ~60 ms to construct, time in which
 * the sending thread would otherwise send nothing. Use from the sending thread only.
 */
final class PartitionProducers {
    private final Supplier<KafkaProducer<byte[], byte[]>> factory;
    private final KafkaProducer<byte[], byte[]>[] producers;
    private final CompletableFuture<KafkaProducer<byte[], byte[]>>[] starting;

    @SuppressWarnings("unchecked")
    PartitionProducers(int count, Supplier<KafkaProducer<byte[], byte[]>> factory) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1");
        }
        this.factory = factory;
        this.producers = new KafkaProducer[count];
        this.starting = new CompletableFuture[count];
        producers[0] = factory.get();
    }

    KafkaProducer<byte[], byte[]> first() {
        return producers[0];
    }

    /** Starts the producers of these target partitions that are not running yet, each on a thread of its own. */
    void startAhead(Collection<Integer> targetPartitions) {
        for (int partition : targetPartitions) {
            int index = partition % producers.length;
            if (producers[index] == null && starting[index] == null) {
                starting[index] = CompletableFuture.supplyAsync(factory,
                        task -> Thread.ofPlatform().daemon().name("backtrack-producer-start-" + index).start(task));
            }
        }
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
            producer = takeStarted(index);
            if (producer == null) {
                // none started ahead, or its start failed: created here, a failure shows where the job expects it
                producer = factory.get();
            }
            producers[index] = producer;
        }
        return producer;
    }

    /** The producer started ahead for this index, once; null when none was or it failed to start. */
    private KafkaProducer<byte[], byte[]> takeStarted(int index) {
        CompletableFuture<KafkaProducer<byte[], byte[]>> started = starting[index];
        starting[index] = null;
        return started == null ? null : started.exceptionally(e -> null).join();
    }

    /** Waits until everything sent through any of them is acknowledged or failed. */
    void flush() {
        for (KafkaProducer<byte[], byte[]> p : producers) {
            if (p != null) {
                p.flush();
            }
        }
    }

    /**
     * Closes them all, even when one fails to close; the first failure is thrown afterwards. A producer started
     * ahead but never used is closed too (one that failed to start has nothing to close).
     */
    void close(Duration timeout) {
        RuntimeException failure = null;
        for (int i = 0; i < producers.length; i++) {
            KafkaProducer<byte[], byte[]> p = producers[i] != null ? producers[i] : takeStarted(i);
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
