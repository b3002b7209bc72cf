package dev.backtrack.kafka;

import static dev.backtrack.kafka.ConsumerGroups.await;

import dev.backtrack.BacktrackException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownMemberIdException;

/**
 * Time travel for consumers: moves a group's committed offsets on one topic. {@link #preview} computes
 * from → to per partition without writing; {@link #apply} writes exactly a previewed plan, only when the
 * group has no active members (a running consumer would overwrite the reset with its next commit) and only
 * after the write guard allowed it. Applied resets are audited.
 */
public final class GroupOffsetReset {
    private final KafkaClients clients;

    public GroupOffsetReset(KafkaClients clients) {
        this.clients = clients;
    }

    /**
     * The moves a reset would make. {@code partitions} empty means every partition of the topic. Targets
     * are clamped to [earliest, end]; a time with no record at or after it resolves to the end.
     */
    public OffsetResetPlan preview(String groupId, String topic, Collection<Integer> partitions, OffsetReset reset) {
        try (Admin admin = clients.admin()) {
            List<TopicPartition> tps = partitionsOf(admin, topic, partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = ConsumerGroups.committedOffsets(admin, groupId);
            Map<TopicPartition, Long> earliest = ConsumerGroups.offsets(admin, tps, OffsetSpec.earliest());
            Map<TopicPartition, Long> latest = ConsumerGroups.offsets(admin, tps, OffsetSpec.latest());
            Map<TopicPartition, Long> byTime = reset instanceof OffsetReset.ToTime t
                    ? ConsumerGroups.offsets(admin, tps, OffsetSpec.forTimestamp(t.instant().toEpochMilli())) : Map.of();
            List<OffsetResetPlan.Move> moves = new ArrayList<>();
            for (TopicPartition tp : tps) {
                OffsetAndMetadata c = committed.get(tp);
                Long from = c == null ? null : c.offset();
                long lo = earliest.get(tp);
                long hi = latest.get(tp);
                long target = switch (reset) {
                    case OffsetReset.ToEarliest e -> lo;
                    case OffsetReset.ToLatest l -> hi;
                    case OffsetReset.ToOffset o -> o.offset();
                    case OffsetReset.ToTime t -> {
                        Long at = byTime.get(tp);
                        yield at == null || at < 0 ? hi : at;
                    }
                    case OffsetReset.Shift s -> {
                        if (from == null) {
                            throw new BacktrackException("group '" + groupId + "' has no committed offset on " + tp
                                    + "; a shift needs one (use --to-earliest, --to-latest, --to-offset or --to-time)");
                        }
                        yield saturatedAdd(from, s.by());
                    }
                };
                moves.add(new OffsetResetPlan.Move(tp.partition(), from, Math.max(lo, Math.min(hi, target))));
            }
            return new OffsetResetPlan(groupId, topic, reset, moves);
        }
    }

    /** Writes the plan's offsets. Refused while the group has members, or when the guard refuses. */
    public void apply(OffsetResetPlan plan) {
        clients.guard().checkWrite(clients.settings(), WriteAction.RESET_OFFSETS, plan.topic());
        try (Admin admin = clients.admin()) {
            ConsumerGroupDescription d = ConsumerGroups.describeGroup(admin, plan.groupId());
            requireNoMembers(plan.groupId(), d.members().size());
            Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
            plan.moves().forEach(m -> offsets.put(new TopicPartition(plan.topic(), m.partition()), new OffsetAndMetadata(m.to())));
            try {
                admin.alterConsumerGroupOffsets(plan.groupId(), offsets).all().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BacktrackException("interrupted while resetting offsets of group '" + plan.groupId() + "'");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownMemberIdException) {
                    // a member joined between our check and the write; the broker refused for the same reason
                    int members = ConsumerGroups.describeGroup(admin, plan.groupId()).members().size();
                    requireNoMembers(plan.groupId(), Math.max(1, members));
                }
                throw new BacktrackException("could not reset offsets of group '" + plan.groupId() + "': " + e.getCause().getMessage(), e.getCause());
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("group", plan.groupId());
            details.put("reset", plan.reset().describe());
            details.put("partitions", plan.moves().size());
            details.put("moved", plan.moves().stream().filter(OffsetResetPlan.Move::changes).count());
            clients.guard().recordWrite(clients.settings(), WriteAction.RESET_OFFSETS, plan.topic(), details);
        }
    }

    private static void requireNoMembers(String groupId, int members) {
        if (members > 0) {
            throw new BacktrackException("group '" + groupId + "' has " + members + " active member" + (members == 1 ? "" : "s")
                    + "; stop them before resetting offsets");
        }
    }

    private static List<TopicPartition> partitionsOf(Admin admin, String topic, Collection<Integer> wanted) {
        TopicDescription td = await(admin.describeTopics(List.of(topic)).allTopicNames(), "describe topic '" + topic + "'").get(topic);
        int count = td.partitions().size();
        Map<Integer, TopicPartition> all = new HashMap<>();
        for (int p = 0; p < count; p++) {
            all.put(p, new TopicPartition(topic, p));
        }
        if (wanted == null || wanted.isEmpty()) {
            return new ArrayList<>(new java.util.TreeMap<>(all).values());
        }
        List<TopicPartition> out = new ArrayList<>();
        for (int p : new TreeSet<>(wanted)) {
            TopicPartition tp = all.get(p);
            if (tp == null) {
                throw new BacktrackException("topic '" + topic + "' has no partition " + p + " (it has " + count + ")");
            }
            out.add(tp);
        }
        return out;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) {
            return b > 0 ? Long.MAX_VALUE : 0;
        }
        return r;
    }
}
