package dev.backtrack.ui.history;

import dev.backtrack.history.ScanProgress;
import dev.backtrack.ui.common.UiExecutor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleConsumer;

/**
 * Scan progress for the FX thread: the scanning threads call it per poll, it hands at most about ten
 * updates a second (and the final one) to the UI as a fraction, so a fast scan never floods the event queue.
 */
final class ScanTicker implements ScanProgress {
    private static final long INTERVAL_NANOS = 100_000_000L;
    private final UiExecutor ui;
    private final DoubleConsumer onFraction;
    private final AtomicLong last = new AtomicLong(System.nanoTime() - INTERVAL_NANOS);

    ScanTicker(UiExecutor ui, DoubleConsumer onFraction) {
        this.ui = ui;
        this.onFraction = onFraction;
    }

    @Override
    public void progress(long scanned, long total, long matches) {
        long now = System.nanoTime();
        long prev = last.get();
        if ((now - prev >= INTERVAL_NANOS || scanned >= total) && last.compareAndSet(prev, now)) {
            double fraction = total <= 0 ? 1.0 : Math.min(1.0, scanned / (double) total);
            ui.onFx(() -> onFraction.accept(fraction));
        }
    }
}
