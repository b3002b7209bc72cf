package dev.backtrack.redrive;

import dev.backtrack.BacktrackException;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.KafkaErrors;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * What a redrive must know about its target topics before sending: the current partition count and the
 * broker's timestamp rules ({@code message.timestamp.type}, {@code message.timestamp.before.max.ms},
 * {@code message.timestamp.after.max.ms}), so original timestamps the broker would reject are refused up front.
 */
final class TargetTopics implements AutoCloseable {
    private final KafkaClients clients;
    private Admin admin;
    private final Map<String, Info> cache = new HashMap<>();
    private final Map<String, BacktrackException> failures = new HashMap<>();

    TargetTopics(KafkaClients clients) {
        this.clients = clients;
    }

    /**
     * A target topic's partition count and timestamp rules, and {@code endsBefore}: each partition's end offset when
     * the topic was first looked up, before the run sent anything to it (where a record of this run can be at the earliest).
     */
    record Info(String topic, int partitions, String timestampType, long beforeMaxMs, long afterMaxMs, Map<Integer, Long> endsBefore) {
        Info {
            endsBefore = Map.copyOf(endsBefore);
        }

        /** Why the broker would reject this CreateTime, or empty when it is within the limits. */
        Optional<String> rejects(long timestamp, long now) {
            if ("LogAppendTime".equals(timestampType)) {
                return Optional.empty();
            }
            if (beforeMaxMs != Long.MAX_VALUE && timestamp < now - beforeMaxMs) {
                return Optional.of("original timestamp " + java.time.Instant.ofEpochMilli(timestamp) + " is older than the "
                        + topic + " limit message.timestamp.before.max.ms=" + beforeMaxMs + "; the broker would reject it");
            }
            if (afterMaxMs != Long.MAX_VALUE && timestamp > now + afterMaxMs) {
                return Optional.of("original timestamp " + java.time.Instant.ofEpochMilli(timestamp) + " is further in the future than the "
                        + topic + " limit message.timestamp.after.max.ms=" + afterMaxMs + "; the broker would reject it");
            }
            return Optional.empty();
        }
    }

    synchronized Info info(String topic) {
        Info cached = cache.get(topic);
        if (cached != null) {
            return cached;
        }
        BacktrackException failed = failures.get(topic);
        if (failed != null) {
            throw failed;
        }
        try {
            Info info = describe(topic);
            cache.put(topic, info);
            return info;
        } catch (BacktrackException e) {
            // asked once per topic, not once per dead letter
            failures.put(topic, e);
            throw e;
        }
    }

    private Info describe(String topic) {
        if (admin == null) {
            admin = clients.admin();
        }
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(KafkaClients.API_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all()
                    .get(KafkaClients.API_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(resource);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<Integer, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get(KafkaClients.API_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((tp, offset) -> ends.put(tp.partition(), offset.offset()));
            return new Info(topic, description.partitions().size(),
                    value(config, "message.timestamp.type", "CreateTime"),
                    longValue(config, "message.timestamp.before.max.ms"),
                    longValue(config, "message.timestamp.after.max.ms"), ends);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new BacktrackException("target topic '" + topic + "' does not exist on " + clients.settings().name());
            }
            throw KafkaErrors.toBacktrack(e.getCause(), clients.settings(), topic);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new BacktrackException("describing target topic '" + topic + "' on " + clients.settings().name()
                    + " timed out after " + KafkaClients.API_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BacktrackException("interrupted while describing target topic '" + topic + "'");
        }
    }

    private static String value(Config config, String name, String fallback) {
        ConfigEntry entry = config.get(name);
        return entry == null || entry.value() == null ? fallback : entry.value();
    }

    private static long longValue(Config config, String name) {
        ConfigEntry entry = config.get(name);
        if (entry == null || entry.value() == null) {
            return Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(entry.value());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
