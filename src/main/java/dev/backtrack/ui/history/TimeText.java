package dev.backtrack.ui.history;

import dev.backtrack.BacktrackException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Date-times as the history views show and accept them: local time or UTC, seconds or milliseconds. */
final class TimeText {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final List<DateTimeFormatter> INPUTS = List.of(
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS"), SECONDS, DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"),
            DateTimeFormatter.ISO_LOCAL_DATE_TIME);

    private TimeText() {
    }

    static ZoneId zone(boolean utc) {
        return utc ? ZoneOffset.UTC : ZoneId.systemDefault();
    }

    static String format(Instant at, boolean utc) {
        return at == null ? "" : SECONDS.format(at.atZone(zone(utc)));
    }

    /** Blank is null (an open end); otherwise ISO instant, a local date-time or a date (its start). */
    static Instant parse(String text, boolean utc) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.strip();
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException notAnInstant) {
            // a local date-time follows
        }
        for (DateTimeFormatter f : INPUTS) {
            try {
                return LocalDateTime.parse(s, f).atZone(zone(utc)).toInstant();
            } catch (DateTimeParseException next) {
                // try the next pattern
            }
        }
        try {
            return LocalDate.parse(s).atStartOfDay(zone(utc)).toInstant();
        } catch (DateTimeParseException e) {
            throw new BacktrackException("'" + s + "' is not a date-time; use yyyy-MM-dd HH:mm:ss");
        }
    }

    /** "850 ms", "42 s", "3 min 5 s", "2 h 10 min", "3 d 4 h". */
    static String gap(Duration d) {
        long ms = Math.abs(d.toMillis());
        String sign = d.isNegative() ? "-" : "";
        if (ms < 1000) {
            return sign + ms + " ms";
        }
        long s = ms / 1000;
        if (s < 60) {
            return sign + (ms < 10_000 ? String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0) : s + " s");
        }
        if (s < 3600) {
            return sign + (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
        }
        if (s < 86_400) {
            return sign + (s / 3600) + " h" + ((s % 3600) / 60 == 0 ? "" : " " + (s % 3600) / 60 + " min");
        }
        return sign + (s / 86_400) + " d" + ((s % 86_400) / 3600 == 0 ? "" : " " + (s % 86_400) / 3600 + " h");
    }
}
