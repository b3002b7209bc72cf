package dev.backtrack.history;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backtrack.browse.Cancellation;
import dev.backtrack.codec.DecodedRecord;
import dev.backtrack.codec.RecordDecoder;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RawRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.utils.Utils;

/**
 * Builds the history of one key. By default only the partition the default partitioner assigns to the key
 * ({@code toPositive(murmur2(key)) % partitions}) is scanned, since that is where a key normally lives; with
 * {@code allPartitions} every partition is scanned and the result says in how many the key was found.
 */
public final class KeyHistoryFinder {
    private final KafkaClients clients;
    private final RecordDecoder decoder;

    public KeyHistoryFinder(KafkaClients clients) {
        this(clients, new RecordDecoder(clients.settings().registry()));
    }

    public KeyHistoryFinder(KafkaClients clients, RecordDecoder decoder) {
        this.clients = clients;
        this.decoder = decoder;
    }

    /** The partition Kafka's default partitioner chooses for these key bytes. */
    public static int defaultPartition(byte[] key, int partitionCount) {
        return Utils.toPositive(Utils.murmur2(key)) % partitionCount;
    }

    public KeyHistory find(String topic, KeySpec key, TimeWindow window, boolean allPartitions, ScanProgress progress,
                           Cancellation cancellation) {
        TopicScan scan = new TopicScan(clients);
        int count;
        boolean compacted;
        try (Admin admin = clients.admin()) {
            count = TopicScan.partitionCount(admin, topic);
            compacted = isCompacted(admin, topic);
        }
        int expected = defaultPartition(key.bytes(), count);
        TopicScan.TopicPlan plan = scan.plan(topic, allPartitions ? null : List.of(expected), window);
        TopicScan.TopicResult result = scan.scan(List.of(plan), window, r -> key.matches(r.key()), false, progress, cancellation).get(0);
        List<RawRecord> ordered = mergeByTime(result.matches());
        List<KeyVersion> versions = versions(ordered);
        List<Integer> foundIn = ordered.stream().map(RawRecord::partition).distinct().sorted().toList();
        List<Integer> scanned = plan.ranges().stream().map(r -> r.partition()).toList();
        long recordsScanned = result.recordsRead().values().stream().mapToLong(Long::longValue).sum();
        List<String> notes = notes(plan, result, key, expected, allPartitions, foundIn, compacted, window);
        return new KeyHistory(topic, key, window, count, expected, scanned, foundIn, versions, notes, recordsScanned, result.cancelled());
    }

    /** Turns the key's records, in order, into versions with diffs; change events use their own before → after. */
    public List<KeyVersion> versions(List<RawRecord> ordered) {
        List<KeyVersion> out = new ArrayList<>();
        JsonNode previous = null;
        for (RawRecord raw : ordered) {
            DecodedRecord decoded = decoder.decode(raw);
            KeyVersion v;
            if (raw.isTombstone()) {
                v = new KeyVersion(decoded, KeyVersion.Kind.TOMBSTONE, null, null, JsonDiff.diff(previous, null));
            } else {
                JsonNode value = decoded.value().json();
                Optional<ChangeEvent> event = ChangeEvent.recognise(value);
                if (event.isPresent()) {
                    ChangeEvent e = event.get();
                    KeyVersion.Kind kind = switch (e.op()) {
                        case "c" -> KeyVersion.Kind.CDC_CREATE;
                        case "u" -> KeyVersion.Kind.CDC_UPDATE;
                        case "d" -> KeyVersion.Kind.CDC_DELETE;
                        case "r" -> KeyVersion.Kind.CDC_SNAPSHOT;
                        default -> KeyVersion.Kind.CDC_OTHER;
                    };
                    JsonNode state = e.isDelete() ? null : (e.after() != null ? e.after() : previous);
                    v = new KeyVersion(decoded, kind, state, e, JsonDiff.diff(e.before(), e.after()));
                } else {
                    v = new KeyVersion(decoded, KeyVersion.Kind.VALUE, value, null, JsonDiff.diff(previous, value));
                }
            }
            out.add(v);
            previous = v.state();
        }
        return out;
    }

    /** Log order within each partition, partitions interleaved by timestamp (ties: lower partition first). */
    static List<RawRecord> mergeByTime(List<RawRecord> records) {
        Map<Integer, List<RawRecord>> byPartition = new TreeMap<>();
        for (RawRecord r : records) {
            byPartition.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(r);
        }
        byPartition.values().forEach(l -> l.sort(Comparator.comparingLong(RawRecord::offset)));
        List<RawRecord> out = new ArrayList<>(records.size());
        Map<Integer, Integer> next = new TreeMap<>();
        byPartition.keySet().forEach(p -> next.put(p, 0));
        while (out.size() < records.size()) {
            RawRecord best = null;
            for (Map.Entry<Integer, List<RawRecord>> e : byPartition.entrySet()) {
                int i = next.get(e.getKey());
                if (i < e.getValue().size()) {
                    RawRecord head = e.getValue().get(i);
                    if (best == null || head.timestamp() < best.timestamp()) {
                        best = head;
                    }
                }
            }
            out.add(best);
            next.merge(best.partition(), 1, Integer::sum);
        }
        return out;
    }

    private static List<String> notes(TopicScan.TopicPlan plan, TopicScan.TopicResult result, KeySpec key, int expected,
                                      boolean allPartitions, List<Integer> foundIn, boolean compacted, TimeWindow window) {
        List<String> notes = new ArrayList<>();
        if (!allPartitions) {
            notes.add("searched only partition " + expected + ", where the default partitioner puts this key; search all partitions"
                    + " (--all-partitions) if its producer chose partitions itself"
                    + (key.json() != null ? " or wrote the JSON key with different spacing" : ""));
        } else if (foundIn.size() > 1) {
            notes.add("key found in " + foundIn.size() + " partitions " + foundIn + ": its producer did not always use the default"
                    + " partitioner, or the partition count changed; versions are merged by timestamp");
        } else if (foundIn.size() == 1 && foundIn.get(0) != expected) {
            notes.add("key found in partition " + foundIn.get(0) + ", not in partition " + expected + " where the default partitioner would put it");
        }
        if (compacted) {
            notes.add("the topic is compacted: versions the log cleaner already removed are gone; this is the history compaction kept");
        }
        for (var range : plan.ranges()) {
            long first = plan.firstRetained().getOrDefault(range.partition(), 0L);
            if (first > 0 && range.from() == first && window.from() == null) {
                notes.add("partition " + range.partition() + " starts at offset " + first
                        + ": older records were deleted (retention or compaction), so earlier versions may be gone");
            }
            long read = result.recordsRead().getOrDefault(range.partition(), 0L);
            if (!result.cancelled() && read < range.span() && range.span() > 0) {
                notes.add("partition " + range.partition() + " has offset gaps in the searched range (" + read + " records in "
                        + range.span() + " offsets): compaction, transaction markers or aborted records removed some");
            }
        }
        if (result.cancelled()) {
            notes.add("the search was cancelled: the history is incomplete");
        }
        return notes;
    }

    private static boolean isCompacted(Admin admin, String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            Config config = admin.describeConfigs(List.of(resource)).all().get(KafkaClients.API_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(resource);
            ConfigEntry policy = config == null ? null : config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
            return policy != null && policy.value() != null && policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT);
        } catch (Exception e) {
            // without DescribeConfigs permission we cannot tell; the offset-gap note still reports lost versions
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }
}
