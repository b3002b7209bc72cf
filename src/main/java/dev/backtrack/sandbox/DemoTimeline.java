package dev.backtrack.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Random;

/**
 * When demo orders happen: spread over the last seven days with a daily rhythm (busy around 14:00 UTC,
 * quiet around 02:00) and one visible burst of about 8 % of all orders within twenty minutes, three days ago.
 */
final class DemoTimeline {
    static final Duration SPAN = Duration.ofDays(7);
    static final Duration BURST_LENGTH = Duration.ofMinutes(20);

    final Instant from;
    final Instant to;
    final Instant burstFrom;
    final Instant burstTo;

    DemoTimeline(Instant now) {
        this.to = now.minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.MILLIS);
        this.from = to.minus(SPAN);
        this.burstFrom = now.minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
        this.burstTo = burstFrom.plus(BURST_LENGTH);
    }

    /** {@code n} ascending epoch-millisecond timestamps. */
    long[] orderTimestamps(int n, Random random) {
        long[] out = new long[n];
        int burst = n * 8 / 100;
        long start = from.toEpochMilli();
        long span = to.toEpochMilli() - start;
        for (int i = 0; i < burst; i++) {
            out[i] = burstFrom.toEpochMilli() + (long) (random.nextDouble() * BURST_LENGTH.toMillis());
        }
        for (int i = burst; i < n; i++) {
            long t;
            do {
                t = start + (long) (random.nextDouble() * span);
            } while (random.nextDouble() * 1.8 > rhythm(t));
            out[i] = t;
        }
        Arrays.sort(out);
        return out;
    }

    /** Relative activity at an instant: 0.2 at 02:00 UTC, 1.8 at 14:00 UTC. */
    static double rhythm(long epochMillis) {
        double hour = (epochMillis % 86_400_000L) / 3_600_000.0;
        return 1.0 + 0.8 * Math.sin(2 * Math.PI * (hour - 8) / 24);
    }

    long burstCount(long[] timestamps) {
        return Arrays.stream(timestamps).filter(t -> t >= burstFrom.toEpochMilli() && t < burstTo.toEpochMilli()).count();
    }
}
