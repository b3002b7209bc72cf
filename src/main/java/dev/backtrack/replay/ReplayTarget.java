package dev.backtrack.replay;

import dev.backtrack.kafka.ConnectionSettings;
import java.util.Map;
import java.util.Objects;

/**
 * Where a replay writes: a connection (same or other cluster) and topic. With {@code create} set, a missing
 * topic is created (a guarded write): with {@code create.partitions()} partitions, or the source's partition
 * count when null.
 */
public record ReplayTarget(ConnectionSettings connection, String topic, Creation create) {
    public ReplayTarget {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(topic, "topic");
    }

    /** How to create a missing target topic: partitions (null = source's), replication factor (null = broker default), configs. */
    public record Creation(Integer partitions, Short replicationFactor, Map<String, String> configs) {
        public Creation {
            configs = Map.copyOf(configs);
        }

        public static Creation likeSource() {
            return new Creation(null, null, Map.of());
        }
    }
}
