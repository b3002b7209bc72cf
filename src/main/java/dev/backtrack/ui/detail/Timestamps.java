package dev.backtrack.ui.detail;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Timestamp text in local time or UTC, millisecond precision. */
public final class Timestamps {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private Timestamps() {
    }

    public static String format(long epochMillis, boolean utc) {
        if (epochMillis < 0) {
            return "—";
        }
        ZoneId zone = utc ? ZoneOffset.UTC : ZoneId.systemDefault();
        return FORMAT.format(Instant.ofEpochMilli(epochMillis).atZone(zone)) + (utc ? "Z" : "");
    }
}
