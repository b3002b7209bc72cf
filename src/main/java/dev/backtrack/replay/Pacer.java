package dev.backtrack.replay;

import dev.backtrack.browse.Cancellation;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Blocks the sending thread until the next record may go, according to a {@link Pace}. The clock is
 * {@link System#nanoTime()}; waiting parks in short slices so cancel and pause are noticed quickly.
 */
final class Pacer {
    private static final long SLICE_NANOS = 20_000_000L;

    private final Pace pace;
    private final Cancellation cancellation;
    // token bucket (RateLimit)
    private final double tokensPerNano;
    private final double burst;
    private double tokens;
    private long lastRefill;
    // original pacing
    private long startNanos = -1;
    private long firstTimestamp;
    private long latestTimestamp;

    Pacer(Pace pace, Cancellation cancellation) {
        this.pace = pace;
        this.cancellation = cancellation;
        if (pace instanceof Pace.RateLimit limit) {
            tokensPerNano = limit.recordsPerSecond() / 1e9;
            // a burst of 50 ms worth of records (at least one) keeps the rate within a few percent over a second
            burst = Math.max(1.0, limit.recordsPerSecond() * 0.05);
        } else {
            tokensPerNano = 0;
            burst = 0;
        }
        tokens = 1.0;
        lastRefill = System.nanoTime();
    }

    /** Waits for the record's turn. Returns false when cancelled while waiting. */
    boolean await(Long originalTimestamp, BooleanSupplier paused) {
        return switch (pace) {
            case Pace.AsFastAsPossible fast -> !cancellation.isCancelled();
            case Pace.RateLimit limit -> awaitToken(paused);
            case Pace.Original original -> awaitOriginal(original.speedUp(), originalTimestamp, paused);
        };
    }

    /** After a pause the pacing restarts from "now" so paused time is not caught up in a burst. */
    void resumedAfterPause() {
        lastRefill = System.nanoTime();
        tokens = Math.min(tokens, 1.0);
        startNanos = -1;
    }

    private boolean awaitToken(BooleanSupplier paused) {
        while (true) {
            if (cancellation.isCancelled()) {
                return false;
            }
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - lastRefill) * tokensPerNano);
            lastRefill = now;
            if (tokens >= 1.0 && !paused.getAsBoolean()) {
                tokens -= 1.0;
                return true;
            }
            long waitNanos = (long) Math.ceil((1.0 - tokens) / tokensPerNano);
            LockSupport.parkNanos(Math.max(10_000L, Math.min(waitNanos, SLICE_NANOS)));
        }
    }

    private boolean awaitOriginal(double speedUp, Long originalTimestamp, BooleanSupplier paused) {
        if (originalTimestamp == null) {
            return !cancellation.isCancelled();
        }
        if (startNanos < 0) {
            startNanos = System.nanoTime();
            firstTimestamp = originalTimestamp;
            latestTimestamp = originalTimestamp;
        }
        // a record older than one already sent goes at once (several partitions interleave in poll order)
        latestTimestamp = Math.max(latestTimestamp, originalTimestamp);
        long due = startNanos + (long) ((latestTimestamp - firstTimestamp) * 1_000_000L / speedUp);
        while (true) {
            if (cancellation.isCancelled()) {
                return false;
            }
            long now = System.nanoTime();
            if (now >= due && !paused.getAsBoolean()) {
                return true;
            }
            LockSupport.parkNanos(Math.max(10_000L, Math.min(due - now, SLICE_NANOS)));
        }
    }
}
