package dev.backtrack.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything about one group: type, state, coordinator, members with their assignment, and per
 * partition the committed offset and lag. {@code totalLag} sums the known lags; {@code maxTimeLag} is the
 * largest time lag over the partitions (null when none is known).
 */
public record GroupInfo(String groupId, String type, String state, String coordinator, String assignor,
                        List<GroupMember> members, List<GroupLag> partitions, long totalLag, Duration maxTimeLag) {
    public GroupInfo {
        members = List.copyOf(members);
        partitions = List.copyOf(partitions);
    }

    public boolean hasActiveMembers() {
        return !members.isEmpty();
    }

    public List<GroupLag> partitionsOf(String topic) {
        return partitions.stream().filter(p -> Objects.equals(p.topic(), topic)).toList();
    }
}
