package dev.backtrack.produce;

import dev.backtrack.redrive.StructuralDiff;
import java.util.List;

/**
 * Where a produced record landed (topic, partition, offset, timestamp as the broker stored it), the value's
 * schema id when a registry format was used, and for edit-and-resend the change made.
 */
public record ProduceResult(String topic, int partition, long offset, long timestamp, Integer valueSchemaId,
                            List<StructuralDiff.Change> valueDiff) {
    public ProduceResult {
        valueDiff = List.copyOf(valueDiff);
    }
}
