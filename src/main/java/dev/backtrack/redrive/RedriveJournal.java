package dev.backtrack.redrive;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    private static final int WRITE_CHUNK = 2_000;

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
    private Instant lastAt;
    private String lastAtText;

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
            // written in chunks (a bulk redrive appends 100 000s of entries; no file-sized buffer), one sync per batch:
            // the entries are durable when this returns
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE)) {
                StringBuilder lines = new StringBuilder(Math.min(entries.size(), WRITE_CHUNK) * 160);
                int inChunk = 0;
                for (Entry e : entries) {
                    line(lines, e);
                    if (++inChunk == WRITE_CHUNK) {
                        write(channel, lines);
                        inChunk = 0;
                    }
                }
                write(channel, lines);
                channel.force(false);
            }
        } catch (IOException e) {
            throw new BacktrackException("could not write the redrive journal " + file + ": " + e.getMessage(), e);
        }
        for (Entry e : entries) {
            latest.put(key(e.partition(), e.offset()), e);
        }
    }

    private static void write(FileChannel channel, StringBuilder lines) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        lines.setLength(0);
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

    /** Entries of one batch mostly share their time: it is formatted once. */
    private String atText(Instant at) {
        if (!at.equals(lastAt)) {
            lastAt = at;
            lastAtText = at.toString();
        }
        return lastAtText;
    }

    /** One JSON line, written directly (a bulk redrive journals every record twice): the fields a tree would write. */
    private void line(StringBuilder out, Entry e) {
        out.append("{\"partition\":").append(e.partition()).append(",\"offset\":").append(e.offset())
                .append(",\"status\":\"").append(e.status().name()).append('"');
        out.append(",\"redriveId\":");
        text(out, e.redriveId());
        out.append(",\"targetTopic\":");
        text(out, e.targetTopic());
        if (e.targetPartition() != null) {
            out.append(",\"targetPartition\":").append(e.targetPartition());
        }
        if (e.targetOffset() != null) {
            out.append(",\"targetOffset\":").append(e.targetOffset());
        }
        // ISO-8601 digits, letters and punctuation: nothing to escape
        out.append(",\"at\":\"").append(atText(e.at())).append("\"}\n");
    }

    private static void text(StringBuilder out, String value) {
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        if (plain(value)) {
            out.append(value);
        } else {
            JsonStringEncoder.getInstance().quoteAsString(value, out);
        }
        out.append('"');
    }

    /** True when JSON needs no escape in the text (ids, topic names, statuses, timestamps). */
    private static boolean plain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || c >= 0x7f) {
                return false;
            }
        }
        return true;
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
