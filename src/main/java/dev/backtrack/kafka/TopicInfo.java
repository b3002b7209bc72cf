package dev.backtrack.kafka;

/**
 * One topic in a listing: name, whether Kafka marks it internal, partition count, replication factor
 * (of partition 0) and an estimate of the records it holds (sum of high watermark − log start; transaction
 * markers and compaction make the real count smaller).
 */
public record TopicInfo(String name, boolean internal, int partitions, int replicationFactor, long estimatedRecords) {
}
