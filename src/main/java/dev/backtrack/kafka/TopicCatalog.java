package dev.backtrack.kafka;

import dev.backtrack.BacktrackException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Cluster metadata for browsing: the topic list (internal topics hidden unless asked) and per-partition
 * details (leader, replicas, ISR, watermarks, LSO, count estimate, first/last record timestamps). Every
 * Admin call is bounded by {@link KafkaClients#API_TIMEOUT}; failures become one-sentence
 * {@link BacktrackException}s via {@link KafkaErrors}.
 */
public final class TopicCatalog {
    private static final Duration CLOSE = Duration.ofSeconds(2);
    private static final int EDGE_WINDOW = 64;
    private static final long MAX_EDGE_WINDOW = 65_536;

    private final KafkaClients clients;

    public TopicCatalog(KafkaClients clients) {
        this.clients = clients;
    }

    /** Checks the cluster answers within the API timeout; returns its cluster id. */
    public String checkReachable() {
        Admin admin = clients.admin();
        try {
            return await(admin.describeCluster().clusterId(), null);
        } finally {
            admin.close(CLOSE);
        }
    }

    /** Topics sorted by name, with partition count, replication factor and record estimate. */
    public List<TopicInfo> topics(boolean includeInternal) {
        Admin admin = clients.admin();
        try {
            Collection<String> names = await(admin.listTopics(new ListTopicsOptions().listInternal(includeInternal)).names(), null);
            Map<String, TopicDescription> descriptions = await(admin.describeTopics(names).allTopicNames(), null);
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (TopicDescription d : descriptions.values()) {
                for (TopicPartitionInfo p : d.partitions()) {
                    earliest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.earliest());
                    latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
                }
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> low = await(admin.listOffsets(earliest).all(), null);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> high = await(admin.listOffsets(latest).all(), null);
            List<TopicInfo> out = new ArrayList<>();
            for (TopicDescription d : descriptions.values()) {
                long estimate = 0;
                for (TopicPartitionInfo p : d.partitions()) {
                    TopicPartition tp = new TopicPartition(d.name(), p.partition());
                    estimate += Math.max(0, high.get(tp).offset() - low.get(tp).offset());
                }
                int rf = d.partitions().isEmpty() ? 0 : d.partitions().getFirst().replicas().size();
                out.add(new TopicInfo(d.name(), d.isInternal(), d.partitions().size(), rf, estimate));
            }
            out.sort(Comparator.comparing(TopicInfo::name));
            return out;
        } finally {
            admin.close(CLOSE);
        }
    }

    /** Every partition of a topic, described; reads the first and last record of each to get their timestamps. */
    public TopicDetails describe(String topic) {
        Admin admin = clients.admin();
        TopicDescription description;
        Map<TopicPartition, Long> low = new HashMap<>();
        Map<TopicPartition, Long> high = new HashMap<>();
        Map<TopicPartition, Long> stable = new HashMap<>();
        try {
            description = await(admin.describeTopics(List.of(topic)).allTopicNames(), topic).get(topic);
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (TopicPartitionInfo p : description.partitions()) {
                earliest.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest());
                latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
            }
            await(admin.listOffsets(earliest).all(), topic).forEach((tp, i) -> low.put(tp, i.offset()));
            await(admin.listOffsets(latest).all(), topic).forEach((tp, i) -> high.put(tp, i.offset()));
            await(admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all(), topic)
                    .forEach((tp, i) -> stable.put(tp, i.offset()));
        } finally {
            admin.close(CLOSE);
        }
        Map<Integer, EdgeRecords.Edges> edges = EdgeRecords.read(clients, topic, low, high);
        List<PartitionDetails> partitions = new ArrayList<>();
        for (TopicPartitionInfo p : description.partitions()) {
            TopicPartition tp = new TopicPartition(topic, p.partition());
            EdgeRecords.Edges e = edges.get(p.partition());
            long first = e.firstOffset() == null ? low.get(tp) : e.firstOffset();
            partitions.add(new PartitionDetails(p.partition(), p.leader() == null || p.leader().isEmpty() ? null : p.leader().id(),
                    ids(p.replicas()), ids(p.isr()), low.get(tp), first, high.get(tp), stable.get(tp),
                    Math.max(0, high.get(tp) - first), e.firstTimestamp(), e.lastTimestamp()));
        }
        return new TopicDetails(topic, description.isInternal(), partitions);
    }

    private static List<Integer> ids(List<Node> nodes) {
        return nodes.stream().map(Node::id).toList();
    }

    private <T> T await(KafkaFuture<T> future, String topic) {
        try {
            return future.get(KafkaClients.API_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BacktrackException("interrupted while talking to Kafka at " + clients.settings().bootstrapServers(), e);
        } catch (ExecutionException e) {
            throw KafkaErrors.toBacktrack(e, clients.settings(), topic);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new BacktrackException("cannot reach Kafka at " + clients.settings().bootstrapServers() + " within "
                    + KafkaClients.API_TIMEOUT.toSeconds() + " s", e);
        }
    }

    /** Reads the first and last record of each partition with one consumer, walking over gaps in growing windows. */
    static final class EdgeRecords {
        record Edges(Long firstOffset, Instant firstTimestamp, Instant lastTimestamp) {
        }

        static Map<Integer, Edges> read(KafkaClients clients, String topic, Map<TopicPartition, Long> low, Map<TopicPartition, Long> high) {
            Map<Integer, Edges> out = new HashMap<>();
            try (KafkaConsumer<byte[], byte[]> consumer = clients.consumer(IsolationLevel.READ_UNCOMMITTED, Map.of("max.poll.records", 500))) {
                for (TopicPartition tp : low.keySet()) {
                    long lo = low.get(tp);
                    long hi = high.get(tp);
                    if (lo >= hi) {
                        out.put(tp.partition(), new Edges(null, null, null));
                        continue;
                    }
                    ConsumerRecord<byte[], byte[]> first = null;
                    for (long w = EDGE_WINDOW; first == null && w <= MAX_EDGE_WINDOW * 4; w *= 8) {
                        List<ConsumerRecord<byte[], byte[]>> window = readWindow(consumer, tp, lo, Math.min(hi, lo + w));
                        first = window.isEmpty() ? null : window.getFirst();
                        if (lo + w >= hi) {
                            break;
                        }
                    }
                    ConsumerRecord<byte[], byte[]> last = null;
                    for (long w = EDGE_WINDOW; last == null && w <= MAX_EDGE_WINDOW * 4; w *= 8) {
                        List<ConsumerRecord<byte[], byte[]>> window = readWindow(consumer, tp, Math.max(lo, hi - w), hi);
                        last = window.isEmpty() ? null : window.getLast();
                        if (hi - w <= lo) {
                            break;
                        }
                    }
                    out.put(tp.partition(), new Edges(first == null ? null : first.offset(),
                            first == null ? null : Instant.ofEpochMilli(first.timestamp()),
                            last == null ? null : Instant.ofEpochMilli(last.timestamp())));
                }
            }
            return out;
        }

        /** The records of [from, to) of one partition (stops when the position reaches {@code to}). */
        private static List<ConsumerRecord<byte[], byte[]>> readWindow(KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp, long from, long to) {
            consumer.assign(List.of(tp));
            consumer.seek(tp, from);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + KafkaClients.API_TIMEOUT.toNanos();
            while (consumer.position(tp) < to && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> r : polled.records(tp)) {
                    if (r.offset() < to) {
                        out.add(r);
                    }
                }
            }
            return out;
        }
    }
}
