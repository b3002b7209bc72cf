package dev.backtrack.browse;

/** How the records of a page are ordered. */
public enum BrowseOrder {
    /** Merged across partitions by timestamp (ties by partition, then offset); each partition stays in offset order. */
    TIMESTAMP,
    /** Partition by partition, each in offset order. */
    PARTITION
}
