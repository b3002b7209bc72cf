package dev.backtrack.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The state of a key at an instant: the last version whose timestamp is at or before it (a record stamped
 * exactly at the instant counts), or none, with a sentence explaining the answer.
 */
public record AsOf(Instant at, KeyVersion version, String explanation) {
    /** True when the key had a live value at the instant. */
    public boolean exists() {
        return version != null && !version.deleted();
    }

    public JsonNode state() {
        return exists() ? version.state() : null;
    }
}
