package dev.backtrack.redrive;

import dev.backtrack.browse.Cancellation;
import dev.backtrack.browse.PartitionRange;
import dev.backtrack.browse.RangeReader;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.replay.TargetPartition;
import dev.backtrack.replay.TargetStats;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.IsolationLevel;

/**
 * Reads back the offset ranges a redrive wrote and finds each redriven record by its
 * {@code backtrack.redrive.id} header, for runs where some record was not acknowledged: one whose
 * acknowledgement was lost may still have landed (records of other producers in the same range are ignored).
 */
final class LandingCheck {
    private LandingCheck() {
    }

    /** Where one redriven record landed. */
    record Landing(String topic, int partition, long offset) {
    }

    static Map<String, Landing> find(KafkaClients target, Map<TargetPartition, TargetStats> written, Cancellation cancellation) {
        Map<String, List<PartitionRange>> byTopic = new TreeMap<>();
        for (Map.Entry<TargetPartition, TargetStats> e : written.entrySet()) {
            TargetStats s = e.getValue();
            if (s.firstOffset() == null) {
                continue;
            }
            byTopic.computeIfAbsent(e.getKey().topic(), t -> new ArrayList<>())
                    .add(new PartitionRange(e.getKey().partition(), s.firstOffset(), s.lastOffset() + 1));
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
