package dev.backtrack.browse;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** A cancel flag shared between a long job and whoever may stop it (a button, Ctrl-C, a test). */
public final class Cancellation {
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final List<Runnable> onCancel = new CopyOnWriteArrayList<>();

    public void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            onCancel.forEach(Runnable::run);
        }
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /**
     * Runs the action on cancel (at once if already cancelled), e.g. to wake up a blocked poll. Closing the
     * returned registration forgets the action: a job that reuses one cancellation for many reads (paging
     * through a topic) must not keep every finished reader's consumer reachable.
     */
    public Registration onCancel(Runnable action) {
        onCancel.add(action);
        if (cancelled.get()) {
            action.run();
        }
        return () -> onCancel.remove(action);
    }

    /** Number of actions waiting for a cancel (for tests of the above). */
    int pendingActions() {
        return onCancel.size();
    }

    /** Removes its action when closed. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    public static Cancellation none() {
        return new Cancellation();
    }
}
