package dev.backtrack.kafka;

import java.util.List;

/** A topic with all its partitions described. */
public record TopicDetails(String name, boolean internal, List<PartitionDetails> partitions) {
    public TopicDetails {
        partitions = List.copyOf(partitions);
    }

    public long estimatedRecords() {
        return partitions.stream().mapToLong(PartitionDetails::estimatedRecords).sum();
    }
}
