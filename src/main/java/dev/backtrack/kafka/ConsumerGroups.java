package dev.backtrack.kafka;

import dev.backtrack.BacktrackException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Reads consumer groups (classic and KIP-848 "consumer" protocol groups): the list, and per group its
 * members, assignment, committed offsets and lag. Lag = high watermark − committed offset, exactly as
 * Kafka's {@code kafka-consumer-groups --describe} computes it; time lag is the age of the record at the
 * committed offset (see {@link CommittedRecordAge}). Offsets are reset by {@link GroupOffsetReset}.
 */
public final class ConsumerGroups {
    private final KafkaClients clients;
    private final Clock clock;

    public ConsumerGroups(KafkaClients clients) {
        this(clients, Clock.systemUTC());
    }

    public ConsumerGroups(KafkaClients clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    /** All consumer groups of the cluster (classic and consumer protocol), sorted by id. */
    public List<GroupSummary> list() {
        try (Admin admin = clients.admin()) {
            List<GroupSummary> out = new ArrayList<>();
            for (GroupListing g : await(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all(), "list groups")) {
                out.add(new GroupSummary(g.groupId(), g.type().map(t -> t.toString().toLowerCase(java.util.Locale.ROOT)).orElse("unknown"),
                        g.protocol(), g.groupState().map(Object::toString).orElse("Unknown"), g.isSimpleConsumerGroup()));
            }
            out.sort(Comparator.comparing(GroupSummary::groupId));
            return out;
        }
    }

    /** Describes one group with lag per partition; {@code withTimeLag} also reads the committed records' ages. */
    public GroupInfo describe(String groupId, boolean withTimeLag) {
        try (Admin admin = clients.admin()) {
            ConsumerGroupDescription d = describeGroup(admin, groupId);
            Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets(admin, groupId);
            Map<TopicPartition, String> owner = new HashMap<>();
            List<GroupMember> members = new ArrayList<>();
            for (MemberDescription m : d.members()) {
                List<TopicPartition> assigned = new ArrayList<>(m.assignment().topicPartitions());
                assigned.sort(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
                assigned.forEach(tp -> owner.put(tp, m.consumerId()));
                members.add(new GroupMember(m.consumerId(), m.groupInstanceId().orElse(null), m.clientId(), m.host(), assigned));
            }
            java.util.Set<TopicPartition> partitions = new java.util.HashSet<>(committed.keySet());
            partitions.addAll(owner.keySet());
            Map<TopicPartition, Long> ends = endOffsetsPerTopic(admin, partitions);
            List<GroupLag> lags = new ArrayList<>();
            long total = 0;
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata c = committed.get(tp);
                Long committedOffset = c == null ? null : c.offset();
                Long end = ends.get(tp);
                Long lag = committedOffset == null || end == null ? null : Math.max(0, end - committedOffset);
                total += lag == null ? 0 : lag;
                lags.add(new GroupLag(tp.topic(), tp.partition(), committedOffset, end, lag, owner.get(tp), null, null));
            }
            lags.sort(Comparator.comparing(GroupLag::topic).thenComparingInt(GroupLag::partition));
            if (withTimeLag) {
                lags = withRecordAges(lags);
            }
            Duration maxTimeLag = lags.stream().map(GroupLag::timeLag).filter(java.util.Objects::nonNull)
                    .max(Comparator.naturalOrder()).orElse(null);
            String type = d.type() == null ? "unknown" : d.type().toString().toLowerCase(java.util.Locale.ROOT);
            String coordinator = d.coordinator() == null ? null : d.coordinator().host() + ":" + d.coordinator().port();
            return new GroupInfo(groupId, type, String.valueOf(d.groupState()), coordinator, d.partitionAssignor(),
                    members, lags, total, maxTimeLag);
        }
    }

    private List<GroupLag> withRecordAges(List<GroupLag> lags) {
        Map<TopicPartition, Long> wanted = new HashMap<>();
        for (GroupLag l : lags) {
            if (l.lag() != null && l.lag() > 0) {
                wanted.put(new TopicPartition(l.topic(), l.partition()), l.committed());
            }
        }
        Map<TopicPartition, Instant> times = new CommittedRecordAge(clients).recordTimes(wanted, Duration.ofSeconds(10));
        Instant now = clock.instant();
        List<GroupLag> out = new ArrayList<>(lags.size());
        for (GroupLag l : lags) {
            TopicPartition tp = new TopicPartition(l.topic(), l.partition());
            out.add(l.lag() != null && l.lag() == 0 ? l.withRecordTime(null, now).zeroTimeLag() : l.withRecordTime(times.get(tp), now));
        }
        return out;
    }

    static ConsumerGroupDescription describeGroup(Admin admin, String groupId) {
        ConsumerGroupDescription d = await(admin.describeConsumerGroups(List.of(groupId)).describedGroups().get(groupId), "describe group '" + groupId + "'");
        if (d.groupState() == org.apache.kafka.common.GroupState.DEAD) {
            throw new BacktrackException("group '" + groupId + "' does not exist");
        }
        return d;
    }

    static Map<TopicPartition, OffsetAndMetadata> committedOffsets(Admin admin, String groupId) {
        Map<TopicPartition, OffsetAndMetadata> raw = await(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata(),
                "read committed offsets of group '" + groupId + "'");
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        raw.forEach((tp, om) -> {
            if (om != null) {
                out.put(tp, om);
            }
        });
        return out;
    }

    /** End offsets topic by topic, so one deleted or unavailable topic leaves only its own partitions without an end. */
    static Map<TopicPartition, Long> endOffsetsPerTopic(Admin admin, java.util.Collection<TopicPartition> partitions) {
        Map<String, List<TopicPartition>> byTopic = new java.util.TreeMap<>();
        partitions.forEach(tp -> byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp));
        Map<TopicPartition, Long> out = new HashMap<>();
        for (List<TopicPartition> tps : byTopic.values()) {
            try {
                out.putAll(offsets(admin, tps, OffsetSpec.latest()));
            } catch (BacktrackException unavailable) {
                // reported as an unknown end (lag "-") for these partitions; the other topics still show their lag
            }
        }
        return out;
    }

    static Map<TopicPartition, Long> offsets(Admin admin, java.util.Collection<TopicPartition> partitions, OffsetSpec spec) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> info = await(admin.listOffsets(request).all(), "list offsets");
        Map<TopicPartition, Long> out = new HashMap<>();
        info.forEach((tp, i) -> out.put(tp, i.offset()));
        return out;
    }

    static <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(KafkaClients.API_TIMEOUT.toMillis() + 5000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BacktrackException("interrupted while trying to " + what);
        } catch (TimeoutException e) {
            throw new BacktrackException("could not " + what + ": the cluster did not answer in time");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof GroupIdNotFoundException) {
                throw new BacktrackException("could not " + what + ": the group does not exist");
            }
            throw new BacktrackException("could not " + what + ": " + (cause == null ? e.getMessage() : cause.getMessage()), cause);
        }
    }
}
