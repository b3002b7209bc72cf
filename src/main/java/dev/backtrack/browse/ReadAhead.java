package dev.backtrack.browse;

import dev.backtrack.BacktrackException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs a producer of items (a read, and whatever per-record work can go with it) on its own thread while the
 * caller's thread handles the items produced before: a job uses two cores instead of one. At most
 * {@code capacity} items wait, so memory stays bounded. Items are handled in the order produced. A stop of the
 * handler, a cancel, or a failure on either side stops both threads; a producer failure is rethrown on the
 * caller's thread.
 */
public final class ReadAhead {
    private static final long WAIT_MS = 100;

    private ReadAhead() {
    }

    /** Produces items into {@code out} until done; returns early when {@code out} refuses (stopped). */
    @FunctionalInterface
    public interface Producer<T> {
        void produce(Output<T> out, Cancellation stop) throws Exception;
    }

    /** Where the producer puts items; false means stop producing. */
    @FunctionalInterface
    public interface Output<T> {
        boolean put(T item);
    }

    /** Handles one item on the caller's thread; false stops the job. */
    @FunctionalInterface
    public interface Handler<T> {
        boolean handle(T item);
    }

    /** How the run ended: every item handled, or stopped early (handler, cancel). */
    public enum Outcome { COMPLETED, STOPPED }

    private sealed interface Slot<T> {
    }

    private record Item<T>(T value) implements Slot<T> {
    }

    private record Done<T>() implements Slot<T> {
    }

    private record Failed<T>(Throwable error) implements Slot<T> {
    }

    public static <T> Outcome run(String threadName, int capacity, Producer<T> producer, Handler<T> handler, Cancellation cancellation) {
        BlockingQueue<Slot<T>> queue = new ArrayBlockingQueue<>(capacity);
        Cancellation producerStop = new Cancellation();
        try (Cancellation.Registration link = cancellation.onCancel(producerStop::cancel)) {
            Thread thread = Thread.ofPlatform().name(threadName).daemon().start(() -> {
                try {
                    producer.produce(item -> offer(queue, new Item<>(item), producerStop), producerStop);
                    offer(queue, new Done<>(), producerStop);
                } catch (Throwable t) {
                    offer(queue, new Failed<>(t), producerStop);
                }
            });
            try {
                return consume(queue, thread, handler, cancellation);
            } finally {
                producerStop.cancel();
                joinQuietly(thread);
            }
        }
    }

    private static <T> boolean offer(BlockingQueue<Slot<T>> queue, Slot<T> slot, Cancellation stop) {
        try {
            while (!stop.isCancelled()) {
                if (queue.offer(slot, WAIT_MS, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static <T> Outcome consume(BlockingQueue<Slot<T>> queue, Thread thread, Handler<T> handler, Cancellation cancellation) {
        while (true) {
            Slot<T> slot;
            try {
                slot = queue.poll(WAIT_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.STOPPED;
            }
            if (slot == null) {
                if (cancellation.isCancelled() || (!thread.isAlive() && queue.isEmpty())) {
                    return Outcome.STOPPED;
                }
                continue;
            }
            switch (slot) {
                case Item<T> item -> {
                    if (cancellation.isCancelled() || !handler.handle(item.value())) {
                        return Outcome.STOPPED;
                    }
                }
                case Done<T> done -> {
                    return cancellation.isCancelled() ? Outcome.STOPPED : Outcome.COMPLETED;
                }
                case Failed<T> failed -> throw rethrow(failed.error());
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
        return new BacktrackException("reading failed: " + error.getMessage(), error);
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
