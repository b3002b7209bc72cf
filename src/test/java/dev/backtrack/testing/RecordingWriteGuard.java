package dev.backtrack.testing;

import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.WriteAction;
import dev.backtrack.kafka.WriteGuard;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A write guard that allows every write and keeps the audit entries it is given, for tests to read. */
public final class RecordingWriteGuard implements WriteGuard {
    /** One audit entry as the guard received it. */
    public record Entry(WriteAction action, String topic, String outcome, Map<String, Object> details) {
    }

    private final List<Entry> entries = new ArrayList<>();

    @Override
    public void checkWrite(ConnectionSettings target, WriteAction action, String topic) {
    }

    @Override
    public synchronized void recordWrite(ConnectionSettings target, WriteAction action, String topic, String outcome,
                                         Map<String, Object> details) {
        entries.add(new Entry(action, topic, outcome, Map.copyOf(details)));
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }
}
