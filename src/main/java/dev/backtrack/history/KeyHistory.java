package dev.backtrack.history;

import java.time.Instant;
import java.util.List;

/**
 * Every version of one key in a topic and time window, in order (log order within a partition; partitions
 * merged by timestamp), with where the key was looked for and found, and notes about what the answer may be
 * missing (other partitions not searched, compaction, retention, offset gaps).
 */
public record KeyHistory(String topic, KeySpec key, TimeWindow window, int partitionCount, int expectedPartition,
                         List<Integer> scannedPartitions, List<Integer> foundIn, List<KeyVersion> versions,
                         List<String> notes, long recordsScanned, boolean cancelled) {
    public KeyHistory {
        scannedPartitions = List.copyOf(scannedPartitions);
        foundIn = List.copyOf(foundIn);
        versions = List.copyOf(versions);
        notes = List.copyOf(notes);
    }

    /**
     * The state at instant {@code at}: the last version whose timestamp is at or before it. Exactly at a
     * record's timestamp gives that record; before the first version gives no state; after the last gives
     * the last (which may be a deletion).
     */
    public AsOf stateAsOf(Instant at) {
        KeyVersion found = null;
        for (KeyVersion v : versions) {
            if (!v.time().isAfter(at)) {
                found = v;
            }
        }
        if (found == null) {
            if (window.from() != null && at.isBefore(window.from())) {
                return new AsOf(at, null, "no state at " + at + ": it is before the searched window (from " + window.from()
                        + "); search from an earlier time");
            }
            String first = versions.isEmpty() ? "no version of this key was found"
                    : "the first version found is at " + versions.get(0).time();
            return new AsOf(at, null, "no state at " + at + ": the key did not exist yet, or its history was compacted away ("
                    + first + ")");
        }
        boolean last = found == versions.get(versions.size() - 1);
        String where = found.coordinates() + " (" + found.time() + ")";
        if (found.deleted()) {
            return new AsOf(at, found, "deleted at " + at + ": " + (found.kind() == KeyVersion.Kind.TOMBSTONE ? "tombstone" : "delete event")
                    + " at " + where);
        }
        return new AsOf(at, found, "state of the version at " + where + (last ? ", the latest version found" : ""));
    }
}
