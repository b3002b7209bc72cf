package dev.backtrack.redrive;

import dev.backtrack.browse.Cancellation;
import dev.backtrack.browse.PartitionRange;
import dev.backtrack.browse.RangeReader;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Finds each redriven record by its {@code backtrack.redrive.id} header, for runs where some record was not
 * acknowledged: one whose acknowledgement was lost or timed out may still have landed. It reads every partition of
 * the target topics from where it ended before the run to where it ends now, since an unacknowledged record can be
 * after the last acknowledged one, or in a partition nothing was acknowledged in (records of other producers in the
 * same ranges are ignored).
 */
final class LandingCheck {
    private LandingCheck() {
    }

    /** Where one redriven record landed. */
    record Landing(String topic, int partition, long offset) {
    }

    /** {@code endsBefore}: per target topic, each partition's end offset before the run sent anything to it. */
    static Map<String, Landing> find(KafkaClients target, Map<String, Map<Integer, Long>> endsBefore, Cancellation cancellation) {
        Map<String, List<PartitionRange>> byTopic = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = target.consumer(IsolationLevel.READ_UNCOMMITTED)) {
            endsBefore.forEach((topic, starts) -> {
                List<TopicPartition> tps = starts.keySet().stream().map(p -> new TopicPartition(topic, p)).toList();
                consumer.endOffsets(tps, KafkaClients.API_TIMEOUT).forEach((tp, end) -> {
                    long from = starts.get(tp.partition());
                    if (end > from) {
                        byTopic.computeIfAbsent(topic, t -> new ArrayList<>()).add(new PartitionRange(tp.partition(), from, end));
                    }
                });
            });
        }
        Map<String, Landing> out = new HashMap<>();
        RangeReader reader = new RangeReader(target, IsolationLevel.READ_UNCOMMITTED);
        for (Map.Entry<String, List<PartitionRange>> e : byTopic.entrySet()) {
            reader.read(e.getKey(), e.getValue(), batch -> {
                for (RawRecord r : batch) {
                    RawHeader id = r.lastHeader(DeadLetterHeaders.REDRIVE_ID);
                    if (id != null && id.value() != null) {
                        out.put(new String(id.value(), StandardCharsets.UTF_8), new Landing(r.topic(), r.partition(), r.offset()));
                    }
                }
                return true;
            }, cancellation);
        }
        return out;
    }
}
