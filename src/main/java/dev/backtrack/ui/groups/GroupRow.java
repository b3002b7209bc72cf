package dev.backtrack.ui.groups;

import dev.backtrack.kafka.GroupInfo;
import dev.backtrack.kafka.GroupLag;
import dev.backtrack.kafka.GroupSummary;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One line of the groups table: the broker's summary plus what describing the group gave (members, total
 * lag, largest time lag, the topics it has offsets or assignments on) and the recent total-lag values of
 * this session's refreshes ({@code trend}, oldest first). {@code error} is set when the group could not be
 * described; the numbers are null then.
 */
public record GroupRow(String groupId, String type, String protocol, String state, Integer members, Long totalLag,
                       Duration maxTimeLag, Set<String> topics, List<Long> trend, String error) {
    public GroupRow {
        topics = topics == null ? Set.of() : Set.copyOf(topics);
        trend = trend == null ? List.of() : List.copyOf(trend);
    }

    static GroupRow of(GroupSummary summary, GroupInfo info, List<Long> trend) {
        Set<String> topics = new TreeSet<>();
        info.partitions().stream().map(GroupLag::topic).forEach(topics::add);
        info.members().forEach(m -> m.assigned().forEach(tp -> topics.add(tp.topic())));
        return new GroupRow(summary.groupId(), summary.type(), protocolOf(summary), info.state(), info.members().size(),
                info.totalLag(), info.maxTimeLag(), topics, trend, null);
    }

    static GroupRow failed(GroupSummary summary, String error) {
        return new GroupRow(summary.groupId(), summary.type(), protocolOf(summary), summary.state(), null, null, null,
                Set.of(), List.of(), error);
    }

    /** "consumer", "connect"…, or "simple" for groups that only commit offsets and never join. */
    private static String protocolOf(GroupSummary summary) {
        if (summary.simple() || summary.protocol() == null || summary.protocol().isBlank()) {
            return "simple";
        }
        return summary.protocol();
    }

    public boolean uses(String topic) {
        return topic == null || topics.contains(topic);
    }

    public boolean matches(String filter) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        String f = filter.trim().toLowerCase(java.util.Locale.ROOT);
        return groupId.toLowerCase(java.util.Locale.ROOT).contains(f) || state.toLowerCase(java.util.Locale.ROOT).contains(f);
    }
}
