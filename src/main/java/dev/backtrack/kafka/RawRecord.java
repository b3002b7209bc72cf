package dev.backtrack.kafka;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.TimestampType;

/**
 * A record exactly as read from Kafka: coordinates, timestamp and its type, key/value bytes (null for a
 * null key or a tombstone) and headers in order (duplicates kept). Everything Backtrack shows, replays or
 * archives starts from this; decoding happens afterwards and never changes it.
 */
public record RawRecord(String topic, int partition, long offset, long timestamp, TimestampType timestampType,
                        byte[] key, byte[] value, List<RawHeader> headers) {
    public RawRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(timestampType, "timestampType");
        headers = List.copyOf(headers);
    }

    public static RawRecord of(ConsumerRecord<byte[], byte[]> record) {
        List<RawHeader> headers = new ArrayList<>();
        for (Header h : record.headers()) {
            headers.add(new RawHeader(h.key(), h.value()));
        }
        return new RawRecord(record.topic(), record.partition(), record.offset(), record.timestamp(),
                record.timestampType(), record.key(), record.value(), headers);
    }

    public int keySize() {
        return key == null ? 0 : key.length;
    }

    public int valueSize() {
        return value == null ? 0 : value.length;
    }

    /** Serialized size estimate: key + value + header names and values. */
    public int size() {
        int size = keySize() + valueSize();
        for (RawHeader h : headers) {
            size += h.key().length() + (h.value() == null ? 0 : h.value().length);
        }
        return size;
    }

    public boolean isTombstone() {
        return value == null;
    }

    /** First header with this name, as Spring's "true origin" rule needs. */
    public RawHeader firstHeader(String name) {
        for (RawHeader h : headers) {
            if (h.key().equals(name)) {
                return h;
            }
        }
        return null;
    }

    /** Last header with this name, as Kafka's {@code Headers.lastHeader} does. */
    public RawHeader lastHeader(String name) {
        RawHeader last = null;
        for (RawHeader h : headers) {
            if (h.key().equals(name)) {
                last = h;
            }
        }
        return last;
    }

    public String coordinates() {
        return topic + "/" + partition + "@" + offset;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawRecord r && topic.equals(r.topic) && partition == r.partition && offset == r.offset
                && timestamp == r.timestamp && timestampType == r.timestampType && Arrays.equals(key, r.key)
                && Arrays.equals(value, r.value) && headers.equals(r.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, offset, timestamp);
    }

    @Override
    public String toString() {
        return "RawRecord[" + coordinates() + ", ts=" + timestamp + ", key=" + keySize() + "B, value="
                + (value == null ? "null" : valueSize() + "B") + ", headers=" + headers.size() + "]";
    }
}
