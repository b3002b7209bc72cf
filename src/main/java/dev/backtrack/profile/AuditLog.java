package dev.backtrack.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backtrack.BacktrackException;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.WriteAction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The local record of every write Backtrack made to any cluster, one JSON object per line: time,
 * profile, bootstrap, action, topic, outcome and counts. Payloads and secrets are never written: detail
 * values are kept only if they are numbers, booleans or short text under a non-secret key.
 */
public final class AuditLog {
    static final int MAX_TEXT = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Clock clock;

    public AuditLog(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    public AuditLog(Path file) {
        this(file, Clock.systemUTC());
    }

    public Path file() {
        return file;
    }

    public void append(ConnectionSettings target, WriteAction action, String topic, String outcome, Map<String, Object> details) {
        ObjectNode line = JSON.createObjectNode();
        line.put("time", clock.instant().toString());
        line.put("profile", target.name());
        line.put("bootstrap", target.bootstrapServers());
        line.put("action", action.name());
        line.put("topic", topic);
        line.put("outcome", outcome);
        ObjectNode safe = line.putObject("details");
        if (details != null) {
            details.forEach((key, value) -> putSafe(safe, key, value));
        }
        byte[] bytes = (line.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (AuditLog.class) {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new BacktrackException("cannot append to the audit log " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** One entry of the log: its fields, and the line as written ({@code json}). */
    public record Entry(Instant time, String profile, String bootstrap, WriteAction action, String topic, String outcome,
                        JsonNode details, String json) {
        private static final List<String> SUMMARY_KEYS = List.of("records", "sent", "written", "landedWithoutAcknowledgement", "failed",
                "verified", "cancelled", "error");

        /** The counts and verdicts of the details in one line, e.g. "sent 40 · written 40 · failed 0 · verified true". */
        public String summary() {
            List<String> parts = new ArrayList<>();
            for (String key : SUMMARY_KEYS) {
                JsonNode value = details.get(key);
                if (value != null && !value.isNull() && !(key.equals("cancelled") && !value.asBoolean())) {
                    parts.add((key.equals("landedWithoutAcknowledgement") ? "landed without acknowledgement" : key) + " " + value.asText());
                }
            }
            return String.join(" · ", parts);
        }

        /** The action as the CLI names it: replay, reset-offsets, … */
        public String actionName() {
            return action.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** The entries that could be read, oldest first, and the numbers (from 1) of the lines that could not (cut short by a crash). */
    public record Contents(List<Entry> entries, List<Integer> unreadableLines) {
    }

    /** Reads the whole log; an absent file is an empty log. */
    public Contents read() {
        if (!Files.exists(file)) {
            return new Contents(List.of(), List.of());
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BacktrackException("cannot read the audit log " + file + ": " + e.getMessage(), e);
        }
        List<Entry> entries = new ArrayList<>();
        List<Integer> unreadable = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                JsonNode n = JSON.readTree(lines.get(i));
                entries.add(new Entry(Instant.parse(n.path("time").asText()), n.path("profile").asText(), n.path("bootstrap").asText(),
                        WriteAction.valueOf(n.path("action").asText()), n.path("topic").asText(), n.path("outcome").asText(),
                        n.path("details"), lines.get(i)));
            } catch (IOException | RuntimeException e) {
                unreadable.add(i + 1);
            }
        }
        return new Contents(List.copyOf(entries), List.copyOf(unreadable));
    }

    private static void putSafe(ObjectNode node, String key, Object value) {
        if (ConnectionSettings.isSecretKey(key)) {
            node.put(key, "[hidden]");
        } else if (value == null) {
            node.putNull(key);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            node.put(key, ((Number) value).longValue());
        } else if (value instanceof Number n) {
            node.put(key, n.doubleValue());
        } else if (value instanceof Boolean b) {
            node.put(key, b);
        } else if (value instanceof byte[] bytes) {
            node.put(key, bytes.length + " bytes");
        } else {
            String text = String.valueOf(value);
            node.put(key, text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "…" : text);
        }
    }
}
