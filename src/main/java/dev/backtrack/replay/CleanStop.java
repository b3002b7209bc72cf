package dev.backtrack.replay;

import dev.backtrack.BacktrackException;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.kafka.WriteRefusedException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a replay with a checkpoint file stops when it cannot go on: a record that cannot be mapped (the registry
 * of a schema re-registration went away), a checkpoint that cannot be written (disk full, read-only directory),
 * a lost cluster. The message keeps the cause's sentence and says where the run can be resumed from; nothing
 * after the failing record is sent, so no record leaves with an un-rewritten schema id.
 */
final class CleanStop {
    private CleanStop() {
    }

    /** A stop whose message already says how to resume; not wrapped again. */
    static final class Stopped extends BacktrackException {
        Stopped(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The read positions with the first {@code handled} records of the batch being handled counted as done:
     * per partition, the offset after its last handled record, else the position before the batch.
     */
    static Map<Integer, Long> positionsAfter(Map<Integer, Long> beforeBatch, List<RawRecord> batch, int handled) {
        Map<Integer, Long> out = new HashMap<>(beforeBatch);
        for (int i = 0; i < handled; i++) {
            RawRecord r = batch.get(i);
            out.put(r.partition(), r.offset() + 1);
        }
        return out;
    }

    /** A record could not be mapped; what was sent before it is durable and recorded in the checkpoint. */
    static Stopped beforeRecord(BacktrackException cause, Path checkpoint, long durable) {
        return new Stopped(cause.getMessage() + "; the replay stopped cleanly after " + durable
                + " record(s) and can be resumed from checkpoint " + checkpoint, cause);
    }

    /** Any other failure: the checkpoint file keeps the last point that was made durable. */
    static BacktrackException wrap(BacktrackException cause, Path checkpoint) {
        if (checkpoint == null || cause instanceof Stopped || cause instanceof WriteRefusedException) {
            return cause;
        }
        return new Stopped(cause.getMessage() + "; the replay stopped, and checkpoint " + checkpoint
                + " still holds its last saved point to resume from", cause);
    }
}
