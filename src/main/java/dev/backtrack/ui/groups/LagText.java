package dev.backtrack.ui.groups;

import java.time.Duration;

/** Short texts for lag numbers and lag in time, as the tables show them ("-" when unknown). */
final class LagText {
    private LagText() {
    }

    static String count(Long n) {
        return n == null ? "-" : String.format(java.util.Locale.ROOT, "%,d", n);
    }

    /** "0 s", "850 ms", "42 s", "3 min 5 s", "2 h 10 min", "4 d 3 h". */
    static String duration(Duration d) {
        if (d == null) {
            return "-";
        }
        if (d.isZero()) {
            return "0 s";
        }
        long s = d.toSeconds();
        if (s < 1) {
            return d.toMillis() + " ms";
        }
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        if (s < 86400) {
            return (s / 3600) + " h " + (s % 3600 / 60) + " min";
        }
        return (s / 86400) + " d " + (s % 86400 / 3600) + " h";
    }
}
