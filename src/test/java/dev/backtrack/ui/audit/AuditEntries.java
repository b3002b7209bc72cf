package dev.backtrack.ui.audit;

import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.WriteAction;
import dev.backtrack.profile.AuditLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small audit log for the tests: a verified replay, a failed redrive, a line cut short, a produced record. */
final class AuditEntries {
    private AuditEntries() {
    }

    static void write(Path file) throws IOException {
        append(file, "2026-11-27T10:00:00Z", "dev", WriteAction.REPLAY, "orders-replay", "written",
                Map.of("sent", 40L, "written", 40L, "failed", 0L, "verified", true));
        append(file, "2026-11-28T09:00:00Z", "prod-eu", WriteAction.REDRIVE, "orders", "failed",
                Map.of("sent", 10L, "written", 6L, "error", "the source went away"));
        Files.writeString(file, "{\"time\":\"2026-11-28T1\n", StandardOpenOption.APPEND);
        append(file, "2026-11-29T08:00:00Z", "dev", WriteAction.PRODUCE, "payments", "written", Map.of("records", 1L));
    }

    private static void append(Path file, String time, String profile, WriteAction action, String topic, String outcome,
                               Map<String, Object> details) {
        new AuditLog(file, Clock.fixed(Instant.parse(time), ZoneOffset.UTC)).append(ConnectionSettings.plaintext("127.0.0.1:9092")
                .withName(profile), action, topic, outcome, new LinkedHashMap<>(details));
    }
}
