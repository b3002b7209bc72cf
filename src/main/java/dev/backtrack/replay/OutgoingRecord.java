package dev.backtrack.replay;

import dev.backtrack.kafka.RawHeader;
import java.util.List;
import java.util.Objects;

/**
 * One record to send, exactly as it must land: target topic, partition (null lets the producer's
 * partitioner choose), key and value bytes (null kept as null), headers in order (duplicates kept) and
 * timestamp (null lets the producer stamp the send time). {@code source} is optional and only feeds
 * failure reports, pacing and checkpoints; it is never written by the sender itself.
 */
public record OutgoingRecord(String topic, Integer partition, byte[] key, byte[] value, List<RawHeader> headers,
                             Long timestamp, SourceRef source) {
    public OutgoingRecord {
        Objects.requireNonNull(topic, "topic");
        headers = List.copyOf(headers);
    }

    /** Serialized size estimate (key + value + headers), used to bound in-flight memory. */
    public int size() {
        int size = (key == null ? 0 : key.length) + (value == null ? 0 : value.length) + 64;
        for (RawHeader h : headers) {
            size += h.key().length() + (h.value() == null ? 0 : h.value().length) + 8;
        }
        return size;
    }
}
