package dev.backtrack.replay;

import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.WriteAction;
import dev.backtrack.kafka.WriteGuard;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one audit entry of a sending job ({@link RecordSender}): written once, when the job finished (outcome
 * written) or stopped on an error after it began sending (outcome failed, with the cause). Counts, never payloads.
 */
final class JobAudit {
    private final KafkaClients clients;
    private final WriteAction action;
    private final String topic;
    private boolean written;

    JobAudit(KafkaClients clients, WriteAction action, String topic) {
        this.clients = clients;
        this.action = action;
        this.topic = topic;
    }

    /** {@code details}, then the delivery mode and the result's figures unless the details carry their own. */
    void write(String outcome, SendResult result, boolean exactlyOnce, Map<String, Object> details) {
        if (written) {
            return;
        }
        written = true;
        Map<String, Object> entry = new LinkedHashMap<>(details);
        entry.putIfAbsent("delivery", exactlyOnce ? "exactly-once" : "idempotent");
        entry.putIfAbsent("sent", result.sent());
        entry.putIfAbsent("written", result.written());
        entry.putIfAbsent("failed", result.failed());
        entry.putIfAbsent("checksum", result.checksum());
        entry.putIfAbsent("cancelled", result.cancelled());
        clients.guard().recordWrite(clients.settings(), action, topic, outcome, entry);
    }

    void failure(Throwable cause, SendResult result, boolean exactlyOnce, Map<String, Object> details) {
        Map<String, Object> entry = new LinkedHashMap<>(details);
        entry.put("error", cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        write(WriteGuard.FAILED, result, exactlyOnce, entry);
    }
}
