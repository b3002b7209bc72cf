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
        Map<String, Landing> out = new HashMap<>();
        RangeReader reader = new RangeReader(target, IsolationLevel.READ_UNCOMMITTED);
        // one consumer finds the current ends and reads every topic's ranges
        try (KafkaConsumer<byte[], byte[]> consumer = target.consumer(IsolationLevel.READ_UNCOMMITTED)) {
            for (Map.Entry<String, Map<Integer, Long>> e : new TreeMap<>(endsBefore).entrySet()) {
                Map<Integer, Long> starts = e.getValue();
                List<TopicPartition> tps = starts.keySet().stream().map(p -> new TopicPartition(e.getKey(), p)).toList();
                List<PartitionRange> ranges = new ArrayList<>();
                consumer.endOffsets(tps, KafkaClients.API_TIMEOUT).forEach((tp, end) -> {
                    if (end > starts.get(tp.partition())) {
                        ranges.add(new PartitionRange(tp.partition(), starts.get(tp.partition()), end));
                    }
                });
                reader.read(consumer, e.getKey(), ranges, batch -> {
                    for (RawRecord r : batch) {
                        RawHeader id = r.lastHeader(DeadLetterHeaders.REDRIVE_ID);
                        if (id != null && id.value() != null) {
                            out.put(new String(id.value(), StandardCharsets.UTF_8), new Landing(r.topic(), r.partition(), r.offset()));
                        }
                    }
                    return true;
                }, cancellation);
            }
        }
        return out;
    }
}
