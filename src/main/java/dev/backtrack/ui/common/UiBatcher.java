package dev.backtrack.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Coalesces items produced in the background (records, progress) into one immutable list per flush
 * interval, delivered through {@link UiExecutor#onFx}: never one {@code runLater} per record. Also keeps
 * only the newest value for progress-like data with {@link #replaceWith}.
 */
public final class UiBatcher<T> implements AutoCloseable {
    public static final long FLUSH_MILLIS = 50;
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "backtrack-ui-flush");
        t.setDaemon(true);
        return t;
    });

    private final UiExecutor ui;
    private final Consumer<List<T>> sink;
    private final Object lock = new Object();
    private List<T> pending = new ArrayList<>();
    private final ScheduledFuture<?> timer;

    public UiBatcher(UiExecutor ui, Consumer<List<T>> sink) {
        this.ui = ui;
        this.sink = sink;
        this.timer = TIMER.scheduleWithFixedDelay(this::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    public void add(List<T> items) {
        synchronized (lock) {
            pending.addAll(items);
        }
    }

    public void add(T item) {
        synchronized (lock) {
            pending.add(item);
        }
    }

    /** Drops what is pending and keeps only {@code item} (for "latest value wins" updates). */
    public void replaceWith(T item) {
        synchronized (lock) {
            pending = new ArrayList<>(List.of(item));
        }
    }

    /** Delivers what is pending now (also called by the timer). */
    public void flush() {
        List<T> batch;
        synchronized (lock) {
            if (pending.isEmpty()) {
                return;
            }
            batch = List.copyOf(pending);
            pending = new ArrayList<>();
        }
        ui.onFx(() -> sink.accept(batch));
    }

    @Override
    public void close() {
        timer.cancel(false);
        flush();
    }
}
