package dev.backtrack.replay;

import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;

/**
 * Everything a replay does, decided before it starts. {@code id} names the replay (provenance header,
 * transactional id, checkpoint, audit); {@code filter} is an optional CEL expression over decoded records;
 * {@code reregisterSchemas} re-registers the writer schemas of registry-framed keys/values in the target's
 * registry and rewrites the schema ids (otherwise bytes are copied as they are); {@code exactlyOnce} with
 * {@code commitEvery} selects {@link Delivery.ExactlyOnce} (see there for what the target sees); in idempotent
 * mode {@code commitEvery} is how often (in records) the job flushes and checkpoints;
 * {@code checkpoint} (optional) is the file that makes the replay resumable; {@code verify} reads the target
 * back after the run and compares checksums; {@code compression} is how the batches sent are compressed
 * ({@link BatchCompression}; the records are the same either way).
 */
public record ReplayPlan(String id, ReplaySource source, String filter, ReplayTarget target, PartitionMapping mapping,
                         TimestampPolicy timestamps, HeaderPolicy headers, boolean reregisterSchemas, Pace pace,
                         boolean exactlyOnce, long commitEvery, Path checkpoint, boolean verify,
                         BatchCompression compression) {
    public ReplayPlan {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(timestamps, "timestamps");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(pace, "pace");
        Objects.requireNonNull(compression, "compression");
        if (commitEvery <= 0) {
            throw new IllegalArgumentException("commitEvery must be > 0");
        }
        if (filter != null && filter.isBlank()) {
            filter = null;
        }
    }

    /** A plan with defaults: same partitions, keep timestamps and headers, provenance on, bytes as they are, fast, idempotent, no checkpoint. */
    public static ReplayPlan of(ReplaySource source, ReplayTarget target) {
        return new ReplayPlan(newId(), source, null, target, PartitionMapping.SAME, TimestampPolicy.KEEP, HeaderPolicy.KEEP_ALL,
                false, Pace.FAST, false, Delivery.SINGLE_TRANSACTION, null, false,
                BatchCompression.AUTO);
    }

    public static String newId() {
        return "replay-" + UUID.randomUUID().toString().substring(0, 13);
    }

    public Delivery delivery() {
        return exactlyOnce ? new Delivery.ExactlyOnce("backtrack-" + id, commitEvery) : Delivery.IDEMPOTENT;
    }

    public ReplayPlan withId(String id) {
        return new ReplayPlan(id, source, filter, target, mapping, timestamps, headers, reregisterSchemas, pace, exactlyOnce, commitEvery, checkpoint, verify, compression);
    }

    public ReplayPlan withFilter(String filter) {
        return new ReplayPlan(id, source, filter, target, mapping, timestamps, headers, reregisterSchemas, pace, exactlyOnce, commitEvery, checkpoint, verify, compression);
    }

    public ReplayPlan withMapping(PartitionMapping mapping) {
        return new ReplayPlan(id, source, filter, target, mapping, timestamps, headers, reregisterSchemas, pace, exactlyOnce, commitEvery, checkpoint, verify, compression);
    }

    public ReplayPlan withTimestamps(TimestampPolicy timestamps) {
        return new ReplayPlan(id, source, filter, target, mapping, timestamps, headers, reregisterSchemas, pace, exactlyOnce, commitEvery, checkpoint, verify, compression);
    }

    public ReplayPlan withHeaders(HeaderPolicy headers) {
        return new ReplayPlan(id, source, filter, target, mapping, timestamps, headers, reregisterSchemas, pace, exactlyOnce, commitEvery, checkpoint, verify, compression);
    }

    public ReplayPlan withReregisterSchemas(boolean on) {
        return new ReplayPlan(id, source, filter, target, mapping, timestamps, headers, on, pace, exactlyOnce, commitEvery, checkpoint, verify, compression);
    }

    public ReplayPlan withPace(Pace pace) {
        return new ReplayPlan(id, source, filter, target, mapping, timestamps, headers, reregisterSchemas, pace, exactlyOnce, commitEvery, checkpoint, verify, compression);
    }

    /** Exactly-once delivery; {@code commitEvery} = {@link Delivery#SINGLE_TRANSACTION} for all-or-nothing. */
    public ReplayPlan withExactlyOnce(long commitEvery) {
        return new ReplayPlan(id, source, filter, target, mapping, timestamps, headers, reregisterSchemas, pace, true, commitEvery, checkpoint, verify, compression);
    }

    /** Idempotent mode: flush and checkpoint about every {@code records} records (default 50 000). */
    public ReplayPlan withCheckpointEvery(long records) {
        return new ReplayPlan(id, source, filter, target, mapping, timestamps, headers, reregisterSchemas, pace, exactlyOnce, records, checkpoint, verify, compression);
    }

    public ReplayPlan withIdempotent() {
        return new ReplayPlan(id, source, filter, target, mapping, timestamps, headers, reregisterSchemas, pace, false, Delivery.SINGLE_TRANSACTION, checkpoint, verify, compression);
    }

    public ReplayPlan withCheckpoint(Path checkpoint) {
        return new ReplayPlan(id, source, filter, target, mapping, timestamps, headers, reregisterSchemas, pace, exactlyOnce, commitEvery, checkpoint, verify, compression);
    }

    public ReplayPlan withVerify(boolean verify) {
        return new ReplayPlan(id, source, filter, target, mapping, timestamps, headers, reregisterSchemas, pace, exactlyOnce, commitEvery, checkpoint, verify, compression);
    }

    public ReplayPlan withTarget(ReplayTarget target) {
        return new ReplayPlan(id, source, filter, target, mapping, timestamps, headers, reregisterSchemas, pace, exactlyOnce, commitEvery, checkpoint, verify, compression);
    }

    public ReplayPlan withCompression(BatchCompression compression) {
        return new ReplayPlan(id, source, filter, target, mapping, timestamps, headers, reregisterSchemas, pace, exactlyOnce, commitEvery, checkpoint, verify, compression);
    }
}
