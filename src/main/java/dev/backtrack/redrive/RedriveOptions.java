package dev.backtrack.redrive;

import java.util.Objects;

/**
 * How dead letters are sent back.
 *
 * @param targetTopic     null: each dead letter's original topic (headers, else the name without suffix)
 * @param partitioning    by key (default partitioner) or the original partition (checked against the target)
 * @param keepDeadLetterHeaders false (default): strip {@code kafka_dlt-*}, {@code kafka_original-*},
 *                        {@code kafka_exception-*}, {@code retry_topic-*}, {@code __connect.errors.*},
 *                        {@code springDeserializerException*}; business headers always stay
 * @param timestamps      now (default) or the original CreateTime (checked against the broker's limits)
 * @param edit            a value edit applied to every selected record; null sends the value as it is
 * @param maxRedrives     a record that already came back this many times is refused
 * @param forceResend     send even dead letters the journal says were already redriven
 * @param dryRun          prepare and report, send nothing
 * @param previewSize     how many diffs the report shows
 */
public record RedriveOptions(String targetTopic, Partitioning partitioning, boolean keepDeadLetterHeaders,
                             Timestamps timestamps, ValueEdit edit, int maxRedrives, boolean forceResend, boolean dryRun,
                             int previewSize) {
    public static final int DEFAULT_MAX_REDRIVES = 5;

    /** Where a redriven record's partition comes from. */
    public enum Partitioning { KEY, ORIGINAL }

    /** Which timestamp a redriven record gets. */
    public enum Timestamps { NOW, KEEP }

    public RedriveOptions {
        Objects.requireNonNull(partitioning, "partitioning");
        Objects.requireNonNull(timestamps, "timestamps");
        if (maxRedrives < 1) {
            throw new IllegalArgumentException("max redrives must be at least 1, was " + maxRedrives);
        }
        if (previewSize < 0) {
            throw new IllegalArgumentException("preview size must be >= 0");
        }
    }

    public static RedriveOptions defaults() {
        return new RedriveOptions(null, Partitioning.KEY, false, Timestamps.NOW, null, DEFAULT_MAX_REDRIVES, false, false, 5);
    }

    public RedriveOptions withTargetTopic(String topic) {
        return new RedriveOptions(topic, partitioning, keepDeadLetterHeaders, timestamps, edit, maxRedrives, forceResend, dryRun, previewSize);
    }

    public RedriveOptions withPartitioning(Partitioning p) {
        return new RedriveOptions(targetTopic, p, keepDeadLetterHeaders, timestamps, edit, maxRedrives, forceResend, dryRun, previewSize);
    }

    public RedriveOptions withKeepDeadLetterHeaders(boolean keep) {
        return new RedriveOptions(targetTopic, partitioning, keep, timestamps, edit, maxRedrives, forceResend, dryRun, previewSize);
    }

    public RedriveOptions withTimestamps(Timestamps t) {
        return new RedriveOptions(targetTopic, partitioning, keepDeadLetterHeaders, t, edit, maxRedrives, forceResend, dryRun, previewSize);
    }

    public RedriveOptions withEdit(ValueEdit e) {
        return new RedriveOptions(targetTopic, partitioning, keepDeadLetterHeaders, timestamps, e, maxRedrives, forceResend, dryRun, previewSize);
    }

    public RedriveOptions withMaxRedrives(int max) {
        return new RedriveOptions(targetTopic, partitioning, keepDeadLetterHeaders, timestamps, edit, max, forceResend, dryRun, previewSize);
    }

    public RedriveOptions withForceResend(boolean force) {
        return new RedriveOptions(targetTopic, partitioning, keepDeadLetterHeaders, timestamps, edit, maxRedrives, force, dryRun, previewSize);
    }

    public RedriveOptions withDryRun(boolean dry) {
        return new RedriveOptions(targetTopic, partitioning, keepDeadLetterHeaders, timestamps, edit, maxRedrives, forceResend, dry, previewSize);
    }
}
