package dev.backtrack.kafka;

import java.time.Duration;
import java.time.Instant;

/**
 * Lag of one partition for one group. {@code committed} is null when the group has no committed offset
 * there (then {@code lag} is null too, as in Kafka's own tool). {@code endOffset} is the high watermark;
 * null (and lag null) when it could not be read, e.g. the group still has offsets for a deleted topic.
 * {@code committedRecordTime} is the timestamp of the record at the committed offset — the oldest record
 * the group has not consumed yet — and {@code timeLag} is its age when measured. A caught-up partition
 * (lag 0) has time lag zero; both are null when there is no commit or the record could not be read in time.
 */
public record GroupLag(String topic, int partition, Long committed, Long endOffset, Long lag, String memberId,
                       Instant committedRecordTime, Duration timeLag) {
    public GroupLag withRecordTime(Instant recordTime, Instant now) {
        Duration age = recordTime == null ? null : Duration.between(recordTime, now);
        if (age != null && age.isNegative()) {
            age = Duration.ZERO;
        }
        return new GroupLag(topic, partition, committed, endOffset, lag, memberId, recordTime, age);
    }

    /** A caught-up partition: nothing is waiting, so the time lag is zero. */
    public GroupLag zeroTimeLag() {
        return new GroupLag(topic, partition, committed, endOffset, lag, memberId, null, Duration.ZERO);
    }
}
