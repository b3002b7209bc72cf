package dev.backtrack.redrive;

import dev.backtrack.replay.RecordSender;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Starts a redrive's sender, and looks up its target topic, on a thread of its own while the dead-letter reader
 * starts its consumer: both take a few hundred milliseconds that otherwise pass between the first dead letter
 * read and the first one sent. It runs only when the target is known before reading (the run's target topic,
 * or the original topic the dead-letter topic's name points to) and the connection is not write-protected: a
 * protected one goes through the guard with the first ready record, as it always did. A sender started for
 * another topic than the first record needs is closed unused, and so is one never asked for.
 */
final class EarlySender implements AutoCloseable {
    private static final EarlySender NONE = new EarlySender(null, null);

    private final String topic;
    private final CompletableFuture<RecordSender> sender;
    private boolean taken;

    private EarlySender(String topic, CompletableFuture<RecordSender> sender) {
        this.topic = topic;
        this.sender = sender;
    }

    static EarlySender none() {
        return NONE;
    }

    /** Looks up {@code topic} in {@code targets} and creates the sender with {@code create}, off the caller's thread. */
    static EarlySender start(String topic, TargetTopics targets, Supplier<RecordSender> create) {
        CompletableFuture<RecordSender> sender = CompletableFuture.supplyAsync(() -> {
            try {
                targets.info(topic);
            } catch (RuntimeException e) {
                // remembered by TargetTopics: the first dead letter for this topic is refused with this message
            }
            return create.get();
        }, task -> Thread.ofPlatform().daemon().name("backtrack-redrive-early-sender").start(task));
        return new EarlySender(topic, sender);
    }

    /** The early sender when it was started for {@code neededTopic} and started well; null otherwise (create one then). */
    RecordSender take(String neededTopic) {
        if (sender == null || taken) {
            return null;
        }
        taken = true;
        RecordSender started = join();
        if (started != null && !topic.equals(neededTopic)) {
            started.close();
            return null;
        }
        return started;
    }

    /** Waits for a sender still starting and closes it when nobody took it (nothing was sent through it). */
    @Override
    public void close() {
        if (sender != null && !taken) {
            taken = true;
            RecordSender unused = join();
            if (unused != null) {
                unused.close();
            }
        }
    }

    private RecordSender join() {
        try {
            return sender.join();
        } catch (CompletionException e) {
            // creating it again on the run's thread reports the failure where the run expects it
            return null;
        }
    }
}
