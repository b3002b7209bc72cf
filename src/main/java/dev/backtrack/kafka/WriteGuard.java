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

    /** Appends an audit entry: time, profile, action, topic, counts. Never payloads. */
    void recordWrite(ConnectionSettings target, WriteAction action, String topic, Map<String, Object> details);

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
        public void recordWrite(ConnectionSettings target, WriteAction action, String topic, Map<String, Object> details) {
            // no audit log configured
        }
    };
}
