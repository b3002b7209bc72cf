package dev.backtrack.browse;

import dev.backtrack.codec.DecodedRecord;
import dev.backtrack.codec.RecordDecoder;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RawRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Follows a topic from its current end. One thread owns the one assign-only consumer (closed on stop) and
 * puts decoded, filtered batches into a bounded queue; a second thread hands them to the listener. When
 * the listener falls behind, the queue fills and polling waits: back-pressure, never a dropped record.
 * Pause stops fetching (the consumer pauses its partitions) and delivery until resume; nothing is lost.
 */
public final class LiveTail implements AutoCloseable {
    public static final int DEFAULT_BUFFER_BATCHES = 64;
    private static final Duration POLL = Duration.ofMillis(200);

    /** Receives batches on the tail's delivery thread; must not block for long. */
    public interface Listener {
        void onBatch(List<DecodedRecord> batch);

        /** The tail stopped because of an error (it is already closed). */
        default void onError(RuntimeException error) {
        }

        /** The tail has stopped (after stop(), or after an error); called once. */
        default void onStopped() {
        }
    }

    private final BlockingQueue<List<DecodedRecord>> buffer;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean paused = new AtomicBoolean();
    private final java.util.concurrent.locks.ReentrantLock deliveryLock = new java.util.concurrent.locks.ReentrantLock();
    private final AtomicLong delivered = new AtomicLong();
    private final CountDownLatch pollerDone = new CountDownLatch(1);
    private final CountDownLatch deliveryDone = new CountDownLatch(1);
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile Map<Integer, Long> startOffsets = Map.of();
    private volatile Thread deliveryThread;

    private LiveTail(int bufferBatches) {
        this.buffer = new ArrayBlockingQueue<>(bufferBatches);
    }

    public static LiveTail start(KafkaClients clients, RecordDecoder decoder, BrowseRequest request, Listener listener, int bufferBatches) {
        LiveTail tail = new LiveTail(bufferBatches);
        KafkaConsumer<byte[], byte[]> consumer = clients.consumer(request.isolation());
        try {
            List<Integer> partitions = Browser.partitions(consumer, request.topic(), request.partitions());
            List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(request.topic(), p)).toList();
            consumer.assign(tps);
            consumer.seekToEnd(tps);
            Map<Integer, Long> starts = new java.util.TreeMap<>();
            tps.forEach(tp -> starts.put(tp.partition(), consumer.position(tp)));
            tail.startOffsets = Map.copyOf(starts);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
        tail.consumer = consumer;
        Thread.ofVirtual().name("backtrack-tail-poll-" + request.topic()).start(() -> tail.poll(decoder, request, listener));
        tail.deliveryThread = Thread.ofVirtual().name("backtrack-tail-deliver-" + request.topic()).start(() -> tail.deliver(listener));
        return tail;
    }

    /** The offsets the tail started at: records from these on are delivered. */
    public Map<Integer, Long> startOffsets() {
        return startOffsets;
    }

    public long delivered() {
        return delivered.get();
    }

    public boolean isPaused() {
        return paused.get();
    }

    public boolean isRunning() {
        return deliveryDone.getCount() > 0;
    }

    /** Stops delivery and fetching; when this returns, no batch is being delivered and none will be until resume. */
    public void pause() {
        deliveryLock.lock();
        try {
            paused.set(true);
        } finally {
            deliveryLock.unlock();
        }
    }

    public void resume() {
        paused.set(false);
    }

    /** Stops polling, delivers nothing more, closes the consumer; waits up to 10 s for both threads. */
    public void stop() {
        if (stopping.compareAndSet(false, true)) {
            KafkaConsumer<byte[], byte[]> c = consumer;
            if (c != null) {
                try {
                    c.wakeup();
                } catch (RuntimeException alreadyClosed) {
                    // the poll thread already closed it
                }
            }
        }
        if (Thread.currentThread() == deliveryThread) {
            return; // called from the listener: waiting for ourselves would only time out
        }
        try {
            pollerDone.await(10, TimeUnit.SECONDS);
            deliveryDone.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void poll(RecordDecoder decoder, BrowseRequest request, Listener listener) {
        Predicate<DecodedRecord> filter = request.filter();
        try (KafkaConsumer<byte[], byte[]> c = consumer) {
            boolean consumerPaused = false;
            while (!stopping.get()) {
                if (paused.get() != consumerPaused) {
                    if (paused.get()) {
                        c.pause(c.assignment());
                    } else {
                        c.resume(c.assignment());
                    }
                    consumerPaused = paused.get();
                }
                ConsumerRecords<byte[], byte[]> polled = c.poll(POLL);
                if (polled.isEmpty()) {
                    continue;
                }
                List<DecodedRecord> batch = new ArrayList<>(polled.count());
                for (ConsumerRecord<byte[], byte[]> cr : polled) {
                    DecodedRecord decoded = SafeDecoding.decode(decoder, RawRecord.of(cr), request.decoders());
                    if (filter == null || filter.test(decoded)) {
                        batch.add(decoded);
                    }
                }
                while (!batch.isEmpty() && !stopping.get() && !buffer.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                    // back-pressure: the listener is behind, keep the batch and wait
                }
            }
        } catch (WakeupException stopped) {
            // stop() woke the poll up
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!stopping.get()) {
                listener.onError(e);
            }
            stopping.set(true);
        } finally {
            consumer = null;
            pollerDone.countDown();
        }
    }

    private void deliver(Listener listener) {
        try {
            List<DecodedRecord> pending = null;
            while (!stopping.get()) {
                if (pending == null) {
                    pending = buffer.poll(100, TimeUnit.MILLISECONDS);
                }
                if (pending == null) {
                    continue;
                }
                deliveryLock.lock();
                try {
                    if (!paused.get() && !stopping.get()) {
                        listener.onBatch(pending);
                        delivered.addAndGet(pending.size());
                        pending = null;
                    }
                } finally {
                    deliveryLock.unlock();
                }
                if (pending != null) {
                    // paused: the batch waits (and the bounded buffer holds the poller back) until resume
                    java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            stopping.set(true);
            listener.onError(e);
        } finally {
            buffer.clear();
            try {
                listener.onStopped();
            } finally {
                // counted down last so that stop() returns only after the listener heard of it
                deliveryDone.countDown();
            }
        }
    }
}
