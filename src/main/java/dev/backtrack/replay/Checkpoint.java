package dev.backtrack.replay;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.backtrack.BacktrackException;
import dev.backtrack.browse.PartitionRange;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The resumable state of a replay, stored as JSON and replaced atomically (write a temp file, then move).
 * It is written only after the records it counts are durable on the target (after a commit in exactly-once
 * mode, after a flush in idempotent mode). {@code next} holds per source partition the offset to read next;
 * for an archive source {@code archiveRecordsDone} counts records of the file already handled.
 * {@code targetStartEnds} are the target partitions' end offsets when the replay first started: a resume
 * scans the target from the last written offset (or from there) for records of this replay that were
 * committed after the last checkpoint.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Checkpoint(String format, int version, String replayId, String sourceTopic, String targetTopic,
                         boolean exactlyOnce, List<PartitionRange> ranges, Map<Integer, Long> next, long archiveRecordsDone,
                         Long shiftBase, long roundRobin, List<TargetEntry> targets, Map<Integer, Long> writtenPerSource,
                         Map<Integer, Long> targetStartEnds, boolean complete, Instant updatedAt) {
    public static final String FORMAT = "backtrack-replay-checkpoint";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT)
            .addMixIn(PartitionRange.class, RangeFields.class);

    /** A range is stored as partition/from/to only (not its derived properties). */
    @JsonIgnoreProperties(value = {"empty", "span"}, ignoreUnknown = true)
    private abstract static class RangeFields {
    }

    public Checkpoint {
        ranges = ranges == null ? List.of() : List.copyOf(ranges);
        next = next == null ? Map.of() : Map.copyOf(next);
        targets = targets == null ? List.of() : List.copyOf(targets);
        writtenPerSource = writtenPerSource == null ? Map.of() : Map.copyOf(writtenPerSource);
        targetStartEnds = targetStartEnds == null ? Map.of() : Map.copyOf(targetStartEnds);
    }

    /** One target partition's durable figures. */
    public record TargetEntry(String topic, int partition, long count, Long firstOffset, Long lastOffset, long rolling, long sum) {
    }

    SortedMap<TargetPartition, TargetStats> targetStats() {
        SortedMap<TargetPartition, TargetStats> out = new TreeMap<>();
        for (TargetEntry e : targets) {
            out.put(new TargetPartition(e.topic(), e.partition()), new TargetStats(e.count(), e.firstOffset(), e.lastOffset(), e.rolling(), e.sum()));
        }
        return out;
    }

    static List<TargetEntry> entries(Map<TargetPartition, TargetStats> stats) {
        return stats.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new TargetEntry(e.getKey().topic(), e.getKey().partition(), e.getValue().count(),
                        e.getValue().firstOffset(), e.getValue().lastOffset(), e.getValue().rolling(), e.getValue().sum()))
                .toList();
    }

    public static Checkpoint read(Path file) {
        try {
            Checkpoint c = JSON.readValue(file.toFile(), Checkpoint.class);
            if (!FORMAT.equals(c.format())) {
                throw new BacktrackException(file + " is not a Backtrack replay checkpoint");
            }
            return c;
        } catch (IOException e) {
            throw new BacktrackException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    public void write(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try {
                JSON.writeValue(tmp.toFile(), this);
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new BacktrackException("cannot write checkpoint " + file + ": " + reason(e), e);
        }
    }

    /** The operating system's reason; a directory that is a regular file gets one said in words (its exception has only the path). */
    private static String reason(IOException e) {
        if (e instanceof FileAlreadyExistsException exists && exists.getReason() == null) {
            return exists.getFile() + " is not a directory";
        }
        return e.getMessage();
    }
}
