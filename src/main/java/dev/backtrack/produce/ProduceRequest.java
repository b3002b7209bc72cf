package dev.backtrack.produce;

import dev.backtrack.kafka.RawHeader;
import java.util.List;
import java.util.Objects;

/**
 * A new record: topic, partition (null: by key with the default partitioner), key, value, headers in order,
 * and timestamp (null: the time of sending; otherwise epoch milliseconds as CreateTime).
 */
public record ProduceRequest(String topic, Integer partition, ProducePayload key, ProducePayload value,
                             List<RawHeader> headers, Long timestamp) {
    public ProduceRequest {
        Objects.requireNonNull(topic, "topic");
        key = key == null ? ProducePayload.none() : key;
        value = value == null ? ProducePayload.none() : value;
        headers = List.copyOf(headers);
        if (partition != null && partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0, was " + partition);
        }
    }
}
