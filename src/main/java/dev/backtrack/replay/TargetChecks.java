package dev.backtrack.replay;

import dev.backtrack.BacktrackException;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.WriteAction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * What a replay needs to know about its target before it sends anything: does the topic exist (or will it
 * be created), its partition count, timestamp type and limits, current end offsets; and the warnings a user
 * must see first (the partition mapping does not fit, timestamps the broker would reject).
 */
final class TargetChecks {
    static final String BEFORE_MAX = "message.timestamp.before.max.ms";
    static final String AFTER_MAX = "message.timestamp.after.max.ms";
    static final String TIMESTAMP_TYPE = "message.timestamp.type";
    static final String RETENTION = "retention.ms";
    static final String CLEANUP = "cleanup.policy";
    static final String MAX_MESSAGE_BYTES = "max.message.bytes";
    static final String COMPRESSION = "compression.type";

    private TargetChecks() {
    }

    /**
     * The target as found. {@code exists} false means it will be created with {@code partitions}.
     * {@code maxMessageBytes}: the largest record batch the topic accepts; null when it is the broker's default.
     * {@code compressionType}: the topic's {@code compression.type}; null when unknown (a topic to be created without one).
     */
    record Target(boolean exists, int partitions, String timestampType, Long beforeMaxMs, Long afterMaxMs, Long retentionMs,
                  Integer maxMessageBytes, String compressionType, Map<Integer, Long> endOffsets) {
        /** The existing topic's {@code message.timestamp.type}; empty for a topic still to be created (the broker's default applies). */
        Optional<String> knownTimestampType() {
            return exists && timestampType != null ? Optional.of(timestampType) : Optional.empty();
        }
    }

    static Target inspect(KafkaClients clients, ReplayTarget target, Integer sourcePartitions) {
        try (Admin admin = clients.admin()) {
            Optional<TopicDescription> description = describe(admin, target.topic());
            if (description.isEmpty()) {
                if (target.create() == null) {
                    throw new BacktrackException("target topic '" + target.topic() + "' does not exist on '" + clients.settings().name()
                            + "'; create it first or ask for it to be created");
                }
                Integer partitions = target.create().partitions() != null ? target.create().partitions() : sourcePartitions;
                if (partitions == null) {
                    throw new BacktrackException("say how many partitions the new target topic '" + target.topic() + "' should have");
                }
                Map<String, String> configs = target.create().configs();
                return new Target(false, partitions, configs.getOrDefault(TIMESTAMP_TYPE, "CreateTime"),
                        parseLong(configs.get(BEFORE_MAX)), parseLong(configs.get(AFTER_MAX)),
                        configs.getOrDefault(CLEANUP, "delete").contains("delete") ? parseRetention(configs.get(RETENTION)) : null,
                        parseInt(configs.get(MAX_MESSAGE_BYTES)), configs.get(COMPRESSION), zeros(partitions));
            }
            int partitions = description.get().partitions().size();
            Config config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, target.topic())))
                    .all().get(timeout(), TimeUnit.MILLISECONDS).values().iterator().next();
            Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                specs.put(new TopicPartition(target.topic(), p), OffsetSpec.latest());
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(specs).all().get(timeout(), TimeUnit.MILLISECONDS);
            Map<Integer, Long> endOffsets = new HashMap<>();
            ends.forEach((tp, info) -> endOffsets.put(tp.partition(), info.offset()));
            return new Target(true, partitions, value(config, TIMESTAMP_TYPE), parseLong(value(config, BEFORE_MAX)),
                    parseLong(value(config, AFTER_MAX)), String.valueOf(value(config, CLEANUP)).contains("delete")
                    ? parseRetention(value(config, RETENTION)) : null, parseInt(value(config, MAX_MESSAGE_BYTES)),
                    value(config, COMPRESSION), endOffsets);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new BacktrackException("cannot inspect target topic '" + target.topic() + "': " + SourceResolver.rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BacktrackException("interrupted while inspecting the target", e);
        }
    }

    /** Creates the target topic (a guarded, audited write). */
    static void create(KafkaClients clients, ReplayTarget target, int partitions) {
        clients.guard().checkWrite(clients.settings(), WriteAction.CREATE_TOPIC, target.topic());
        ReplayTarget.Creation c = target.create();
        NewTopic topic = new NewTopic(target.topic(), Optional.of(partitions), Optional.ofNullable(c.replicationFactor())).configs(c.configs());
        try (Admin admin = clients.admin()) {
            admin.createTopics(List.of(topic)).all().get(timeout(), TimeUnit.MILLISECONDS);
            dev.backtrack.kafka.TopicCreator.awaitLeaders(admin, List.of(target.topic()), dev.backtrack.kafka.TopicCreator.DEFAULT_TIMEOUT);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new BacktrackException("cannot create target topic '" + target.topic() + "': " + SourceResolver.rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BacktrackException("interrupted while creating the target topic", e);
        }
        clients.guard().recordWrite(clients.settings(), WriteAction.CREATE_TOPIC, target.topic(),
                Map.of("partitions", partitions, "configs", c.configs()));
    }

    /** Why the partition mapping cannot work with this target (empty when it can): a run refuses to start. */
    static List<String> mappingProblems(Target target, PartitionMapping mapping, int maxSourcePartition) {
        List<String> problems = new ArrayList<>();
        if (mapping instanceof PartitionMapping.Same && maxSourcePartition >= target.partitions()) {
            problems.add("the target has " + target.partitions() + " partitions but source partition " + maxSourcePartition
                    + " must keep its number; use another partition mapping or a target with more partitions");
        }
        if (mapping instanceof PartitionMapping.Fixed f && f.partition() >= target.partitions()) {
            problems.add("the target has no partition " + f.partition() + " (it has " + target.partitions() + ")");
        }
        return problems;
    }

    /** What will surprise: timestamps the broker rejects or overwrites. Shown before starting (dry-run and real run). */
    static List<String> warnings(Target target, TimestampPolicy timestamps, Long minTimestamp, Long maxTimestamp, Long shiftBase,
                                 Instant now) {
        List<String> warnings = new ArrayList<>();
        if ("LogAppendTime".equalsIgnoreCase(target.timestampType()) && !(timestamps instanceof TimestampPolicy.Now)) {
            warnings.add("the target topic uses LogAppendTime: the broker replaces every replayed timestamp with the time of writing");
        }
        if (minTimestamp == null || maxTimestamp == null || timestamps instanceof TimestampPolicy.Now) {
            return warnings;
        }
        long lo = minTimestamp;
        long hi = maxTimestamp;
        if (timestamps instanceof TimestampPolicy.ShiftTo shift && shiftBase != null) {
            lo = shift.start().toEpochMilli() + (minTimestamp - shiftBase);
            hi = shift.start().toEpochMilli() + (maxTimestamp - shiftBase);
        }
        if (!"LogAppendTime".equalsIgnoreCase(target.timestampType())) {
            long nowMs = now.toEpochMilli();
            if (target.beforeMaxMs() != null && nowMs - lo > target.beforeMaxMs()) {
                warnings.add("records as old as " + Instant.ofEpochMilli(lo) + " are older than the target's " + BEFORE_MAX + " ("
                        + Duration.ofMillis(target.beforeMaxMs()) + ") and will be rejected; use --timestamps now or shift:ISO");
            }
            if (target.retentionMs() != null && nowMs - lo > target.retentionMs()) {
                warnings.add("records as old as " + Instant.ofEpochMilli(lo) + " are older than the target's retention.ms ("
                        + Duration.ofMillis(target.retentionMs()) + "): the broker may delete them soon after they are written");
            }
            if (target.afterMaxMs() != null && hi - nowMs > target.afterMaxMs()) {
                warnings.add("records as late as " + Instant.ofEpochMilli(hi) + " are further in the future than the target's " + AFTER_MAX
                        + " (" + Duration.ofMillis(target.afterMaxMs()) + ") allows and will be rejected");
            }
        }
        return warnings;
    }

    private static Optional<TopicDescription> describe(Admin admin, String topic) throws InterruptedException, ExecutionException,
            java.util.concurrent.TimeoutException {
        try {
            return Optional.of(admin.describeTopics(List.of(topic)).allTopicNames().get(timeout(), TimeUnit.MILLISECONDS).get(topic));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** retention.ms; -1 (keep forever) and unset mean no limit. New topics get the broker default, 7 days unless changed. */
    private static Long parseRetention(String value) {
        Long v = parseLong(value == null ? "604800000" : value);
        return v == null || v < 0 ? null : v;
    }

    private static Map<Integer, Long> zeros(int partitions) {
        Map<Integer, Long> out = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            out.put(p, 0L);
        }
        return out;
    }

    private static String value(Config config, String name) {
        ConfigEntry entry = config.get(name);
        return entry == null ? null : entry.value();
    }

    private static Long parseLong(String value) {
        if (value == null) {
            return null;
        }
        try {
            long v = Long.parseLong(value.trim());
            return v == Long.MAX_VALUE ? null : v;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer parseInt(String value) {
        Long v = parseLong(value);
        return v == null || v <= 0 || v > Integer.MAX_VALUE ? null : v.intValue();
    }

    private static long timeout() {
        return KafkaClients.API_TIMEOUT.toMillis();
    }
}
