package dev.backtrack.history;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One difference between two versions of a value. {@code path} names the field, e.g. {@code customer.city}
 * or {@code items[2].qty}; the empty path is the whole value (a non-JSON value, a creation, a deletion).
 * {@code oldValue} is null for ADDED, {@code newValue} is null for REMOVED.
 */
public record FieldChange(String path, Kind kind, JsonNode oldValue, JsonNode newValue) {
    public enum Kind { ADDED, REMOVED, CHANGED }

    /** One line as a person reads it: {@code ~ status: "NEW" → "PAID"}. */
    public String describe() {
        String name = path.isEmpty() ? "(value)" : path;
        return switch (kind) {
            case ADDED -> "+ " + name + ": " + newValue;
            case REMOVED -> "- " + name + ": " + oldValue;
            case CHANGED -> "~ " + name + ": " + oldValue + " → " + newValue;
        };
    }
}
