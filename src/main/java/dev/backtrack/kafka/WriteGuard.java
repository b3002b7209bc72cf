package dev.backtrack.kafka;

import java.util.Map;

/**
 * The engine-side prod guard and audit trail. Every write path asks {@link #checkWrite} before it
 * creates a producer or calls a mutating admin API, and calls {@link #recordWrite} when it is done.
 * The profile package supplies the real implementation (unlock by typed name, audit log file).
 */
public interface WriteGuard {
    /** Throws {@link WriteRefusedException} when the target is protected and not unlocked. */
    void checkWrite(ConnectionSettings target, WriteAction action, String topic);

    /** Appends the audit entry of a write that was done: time, profile, action, topic, counts. Never payloads. */
    default void recordWrite(ConnectionSettings target, WriteAction action, String topic, Map<String, Object> details) {
        recordWrite(target, action, topic, WRITTEN, details);
    }

    /**
     * Appends an audit entry with its outcome: {@link #WRITTEN}, or {@link #FAILED} for a job that stopped on an error
     * after it began writing (its details then say what the target holds of it and why it stopped).
     */
    void recordWrite(ConnectionSettings target, WriteAction action, String topic, String outcome, Map<String, Object> details);

    String WRITTEN = "written";
    String FAILED = "failed";

    /** Refuses writes to protected targets, audits nothing: for tests and for profile-less use. */
    WriteGuard REFUSE_PROTECTED = new WriteGuard() {
        @Override
        public void checkWrite(ConnectionSettings target, WriteAction action, String topic) {
            if (target.writeProtected()) {
                throw new WriteRefusedException("'" + target.name() + "' is protected: " + action.name().toLowerCase()
                        + " to " + topic + " is refused until writing is unlocked for this profile");
            }
        }

        @Override
        public void recordWrite(ConnectionSettings target, WriteAction action, String topic, String outcome, Map<String, Object> details) {
            // no audit log configured
        }
    };
}
