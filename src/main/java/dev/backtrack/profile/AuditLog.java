package dev.backtrack.profile;

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
