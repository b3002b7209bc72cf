package dev.backtrack.kafka;

import java.util.List;
import org.apache.kafka.common.TopicPartition;

/** A live member of a group and the partitions currently assigned to it. */
public record GroupMember(String memberId, String groupInstanceId, String clientId, String host, List<TopicPartition> assigned) {
    public GroupMember {
        assigned = List.copyOf(assigned);
    }
}
