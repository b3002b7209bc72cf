package dev.backtrack.redrive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backtrack.BacktrackException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local record of what was already redriven from one dead-letter topic of one profile: a JSONL file
 * {@code <dataDir>/redrive-journal/<profile>/<dlt topic>.jsonl}, appended to and never rewritten. An entry
 * is written as {@code SENT} once the producer confirmed the record durable (at a checkpoint), then
 * {@code LANDED} with its target offset once it was read back from the target, or {@code NOT_LANDED}
 * when it was not found there (the send failed). The latest entry of a dead letter wins; {@code SENT} and
 * {@code LANDED} both mean "already redriven".
 */
public final class RedriveJournal {
    /** The system property that moves the data directory (tests, portable installs). */
    public static final String DATA_DIR_PROPERTY = "backtrack.data.dir";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The state of one dead letter in the journal. */
    public enum Status { SENT, LANDED, NOT_LANDED }

    /** One journal line. {@code targetPartition}/{@code targetOffset} are null until read back. */
    public record Entry(int partition, long offset, Status status, String redriveId, String targetTopic,
                        Integer targetPartition, Long targetOffset, Instant at) {
        public boolean alreadyRedriven() {
            return status != Status.NOT_LANDED;
        }
    }

    private final Path file;
    private final Map<Coordinates, Entry> latest = new HashMap<>();

    private RedriveJournal(Path file) {
        this.file = file;
    }

    /** Opens (reading what is there) the journal of one profile and dead-letter topic under {@code dataDir}. */
    public static RedriveJournal open(Path dataDir, String profile, String dltTopic) {
        Path file = dataDir.resolve("redrive-journal").resolve(safe(profile)).resolve(safe(dltTopic) + ".jsonl");
        RedriveJournal journal = new RedriveJournal(file);
        journal.load();
        return journal;
    }

    /** {@code backtrack.data.dir} when set, else the OS data directory of Backtrack. */
    public static Path defaultDataDir() {
        String override = System.getProperty(DATA_DIR_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return Path.of(dev.dirs.ProjectDirectories.from("dev", "backtrack", "Backtrack").dataDir);
    }

    public Path file() {
        return file;
    }

    /** The latest entry of the dead letter at this partition/offset of the dead-letter topic. */
    public synchronized Optional<Entry> find(int partition, long offset) {
        return Optional.ofNullable(latest.get(key(partition, offset)));
    }

    public synchronized boolean alreadyRedriven(int partition, long offset) {
        Entry e = latest.get(key(partition, offset));
        return e != null && e.alreadyRedriven();
    }

    public synchronized int size() {
        return latest.size();
    }

    /** Appends entries and forces them to disk before returning. */
    public synchronized void append(Collection<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            StringBuilder lines = new StringBuilder(entries.size() * 160);
            for (Entry e : entries) {
                lines.append(JSON.writeValueAsString(toJson(e))).append('\n');
            }
            // one write and one sync per batch: the entries are durable when this returns
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(false);
            }
        } catch (IOException e) {
            throw new BacktrackException("could not write the redrive journal " + file + ": " + e.getMessage(), e);
        }
        for (Entry e : entries) {
            latest.put(key(e.partition(), e.offset()), e);
        }
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BacktrackException("could not read the redrive journal " + file + ": " + e.getMessage(), e);
        }
        int lineNo = 0;
        for (String line : lines) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            try {
                Entry e = fromJson(JSON.readTree(line));
                latest.put(key(e.partition(), e.offset()), e);
            } catch (IOException | RuntimeException e) {
                // a torn last line after a crash must not hide the rest of the journal
                if (lineNo != lines.size()) {
                    throw new BacktrackException("the redrive journal " + file + " is damaged at line " + lineNo + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private static ObjectNode toJson(Entry e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("partition", e.partition());
        n.put("offset", e.offset());
        n.put("status", e.status().name());
        n.put("redriveId", e.redriveId());
        n.put("targetTopic", e.targetTopic());
        if (e.targetPartition() != null) {
            n.put("targetPartition", e.targetPartition());
        }
        if (e.targetOffset() != null) {
            n.put("targetOffset", e.targetOffset());
        }
        n.put("at", e.at().toString());
        return n;
    }

    private static Entry fromJson(JsonNode n) {
        return new Entry(n.get("partition").asInt(), n.get("offset").asLong(), Status.valueOf(n.get("status").asText()),
                n.path("redriveId").asText(null), n.path("targetTopic").asText(null),
                n.has("targetPartition") ? n.get("targetPartition").asInt() : null,
                n.has("targetOffset") ? n.get("targetOffset").asLong() : null, Instant.parse(n.get("at").asText()));
    }

    private record Coordinates(int partition, long offset) {
    }

    private static Coordinates key(int partition, long offset) {
        return new Coordinates(partition, offset);
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
