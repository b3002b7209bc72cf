package dev.backtrack.browse;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where the next or previous page starts, per partition. For a forward cursor the offsets are the first
 * offsets not yet read; for a backward cursor they are the first offsets shown (the previous page ends
 * just before them). A partition missing from the map has nothing left in that direction.
 */
public record PageCursor(Direction direction, Map<Integer, Long> offsets) {
    public enum Direction { FORWARD, BACKWARD }

    public PageCursor {
        offsets = Map.copyOf(offsets);
    }

    public boolean exhausted() {
        return offsets.isEmpty();
    }

    @Override
    public String toString() {
        return direction + new TreeMap<>(offsets).toString();
    }
}
