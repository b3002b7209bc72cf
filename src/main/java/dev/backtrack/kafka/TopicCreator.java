package dev.backtrack.kafka;

import dev.backtrack.BacktrackException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Creates topics and waits until every partition has an active leader. Writing to a topic the moment
 * {@code createTopics} returns races with leader election: an idempotent producer whose first batch gets
 * NOT_LEADER_OR_FOLLOWER while a later batch is accepted can be left retrying an out-of-order sequence
 * until its records expire. Waiting for leaders (and for the leader to answer a list-offsets request)
 * closes that window.
 */
public final class TopicCreator {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private TopicCreator() {
    }

    public static void createAndAwait(Admin admin, Collection<NewTopic> topics) {
        try {
            admin.createTopics(topics).all().get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BacktrackException("interrupted while creating topics");
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw KafkaErrors.toBacktrack(e.getCause() != null ? e.getCause() : e, null, null);
        }
        awaitLeaders(admin, topics.stream().map(NewTopic::name).toList(), DEFAULT_TIMEOUT);
    }

    /** Waits until each partition of the topics has a leader that answers a list-offsets request. */
    public static void awaitLeaders(Admin admin, Collection<String> topics, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
                boolean allLed = true;
                for (TopicDescription d : described.values()) {
                    for (TopicPartitionInfo p : d.partitions()) {
                        allLed &= p.leader() != null && !p.leader().isEmpty();
                        partitions.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
                    }
                }
                if (allLed) {
                    admin.listOffsets(partitions).all().get(10, TimeUnit.SECONDS);
                    return;
                }
                last = "a partition has no leader yet";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BacktrackException("interrupted while waiting for the leaders of " + topics);
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                last = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BacktrackException("interrupted while waiting for the leaders of " + topics);
            }
        }
        throw new BacktrackException("topics " + List.copyOf(topics) + " have no active leader after " + timeout.toSeconds() + " s (" + last + ")");
    }
}
