package dev.backtrack.replay;

/** How fast records are sent. */
public sealed interface Pace {
    /** No pacing: as fast as the producer accepts records. */
    record AsFastAsPossible() implements Pace {
    }

    /** At most {@code recordsPerSecond}, enforced by a token bucket with a small burst. */
    record RateLimit(double recordsPerSecond) implements Pace {
        public RateLimit {
            if (!(recordsPerSecond > 0)) {
                throw new IllegalArgumentException("rate must be > 0 records/s, was " + recordsPerSecond);
            }
        }
    }

    /**
     * The recorded inter-arrival times of the source (by original timestamp), divided by {@code speedUp}
     * (1 = real time, 10 = ten times faster). Records whose timestamp goes backwards are sent at once.
     */
    record Original(double speedUp) implements Pace {
        public Original {
            if (!(speedUp > 0)) {
                throw new IllegalArgumentException("speed-up must be > 0, was " + speedUp);
            }
        }
    }

    Pace FAST = new AsFastAsPossible();
}
