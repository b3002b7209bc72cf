package dev.backtrack.redrive;

import java.util.HexFormat;

/**
 * A dead-letter header that could not be read as its convention says: shown raw (hex) with the reason,
 * never guessed. {@code occurrence} is 0 for the first header of that name, 1 for the second, and so on.
 */
public record HeaderProblem(String header, int occurrence, byte[] raw, String reason) {
    public String rawHex() {
        return raw == null ? null : HexFormat.of().formatHex(raw);
    }

    @Override
    public String toString() {
        return header + "#" + occurrence + ": " + reason + " (raw " + (raw == null ? "null" : rawHex()) + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeaderProblem p && header.equals(p.header) && occurrence == p.occurrence
                && java.util.Arrays.equals(raw, p.raw) && reason.equals(p.reason);
    }

    @Override
    public int hashCode() {
        return header.hashCode() * 31 + occurrence;
    }
}
