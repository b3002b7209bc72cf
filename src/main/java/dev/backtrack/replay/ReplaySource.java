package dev.backtrack.replay;

import dev.backtrack.kafka.ConnectionSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.IsolationLevel;

/** Where a replay reads from: a topic of a cluster, or a Backtrack archive file (import). */
public sealed interface ReplaySource {
    /**
     * A topic: the partitions to read (empty = all), the range, and the isolation level (read_committed by
     * default, so aborted transactional records are skipped).
     */
    record Topic(ConnectionSettings connection, String topic, List<Integer> partitions, ReplayRange range,
                 IsolationLevel isolation) implements ReplaySource {
        public Topic {
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(topic, "topic");
            partitions = List.copyOf(partitions);
            Objects.requireNonNull(range, "range");
            Objects.requireNonNull(isolation, "isolation");
        }
    }

    /** A JSONL archive written by {@code ArchiveWriter}; its records are replayed in file order. */
    record Archive(Path file) implements ReplaySource {
        public Archive {
            Objects.requireNonNull(file, "file");
        }
    }
}
