package dev.backtrack.sandbox;

import java.util.Map;

/** The demo topics: base name (a prefix may be put in front for tests), partitions and topic configs. */
public enum DemoTopic {
    ORDERS("orders", 6, Map.of()),
    ORDERS_V2("orders-v2", 3, Map.of()),
    PAYMENTS("payments", 3, Map.of()),
    SHIPMENTS("shipments", 3, Map.of()),
    CUSTOMERS("customers", 1, Map.of("cleanup.policy", "compact", "segment.ms", "100",
            "segment.bytes", String.valueOf(1024 * 1024), "min.cleanable.dirty.ratio", "0.01")),
    LEDGER("ledger", 2, Map.of()),
    /** Spring-Kafka style: same partition count as {@code orders}, so a dead letter keeps its original partition. */
    ORDERS_DLT("orders-dlt", 6, Map.of()),
    /** Kafka Connect style DLQ: one partition, as Connect creates it. */
    SINK_DLQ("sink-dlq", 1, Map.of()),
    HOSTILE("hostile", 1, Map.of("max.message.bytes", String.valueOf(16 * 1024 * 1024))),
    CDC_CUSTOMERS("dbserver.inventory.customers", 1, Map.of());

    private final String baseName;
    private final int partitions;
    private final Map<String, String> configs;

    DemoTopic(String baseName, int partitions, Map<String, String> configs) {
        this.baseName = baseName;
        this.partitions = partitions;
        this.configs = configs;
    }

    public String baseName() {
        return baseName;
    }

    public int partitions() {
        return partitions;
    }

    /** Topic configs; the demo timestamps span seven days, so time retention is off for all of them. */
    public Map<String, String> configs() {
        Map<String, String> all = new java.util.HashMap<>(configs);
        all.putIfAbsent("retention.ms", "-1");
        all.putIfAbsent("max.message.bytes", String.valueOf(16 * 1024 * 1024));
        return Map.copyOf(all);
    }
}
