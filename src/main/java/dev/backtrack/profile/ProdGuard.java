package dev.backtrack.profile;

import dev.backtrack.BacktrackException;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.WriteAction;
import dev.backtrack.kafka.WriteGuard;
import dev.backtrack.kafka.WriteRefusedException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The process-wide write guard. Writes to a write-protected (prod or read-only) profile are refused
 * until the user unlocks that profile for this run by typing its name exactly; refusals and every
 * write to any cluster are appended to the {@link AuditLog}. Unlocks live in memory only.
 */
public final class ProdGuard implements WriteGuard {
    private final AuditLog audit;
    private final Set<String> unlocked = ConcurrentHashMap.newKeySet();

    public ProdGuard(AuditLog audit) {
        this.audit = audit;
    }

    public AuditLog audit() {
        return audit;
    }

    /** Unlocks writing to {@code profileName} for this run if {@code typedName} matches it exactly. */
    public void unlock(String profileName, String typedName) {
        if (typedName == null || !typedName.equals(profileName)) {
            throw new BacktrackException("writing to '" + profileName + "' stays locked: the typed name does not match the profile name exactly");
        }
        unlocked.add(profileName);
    }

    public void lock(String profileName) {
        unlocked.remove(profileName);
    }

    public boolean isUnlocked(String profileName) {
        return unlocked.contains(profileName);
    }

    @Override
    public void checkWrite(ConnectionSettings target, WriteAction action, String topic) {
        if (target.writeProtected() && !unlocked.contains(target.name())) {
            audit.append(target, action, topic, "refused", Map.of());
            throw new WriteRefusedException("profile '" + target.name() + "' is protected: "
                    + action.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " to '" + topic
                    + "' is refused until you unlock writing for this run by typing the profile name");
        }
    }

    @Override
    public void recordWrite(ConnectionSettings target, WriteAction action, String topic, String outcome, Map<String, Object> details) {
        audit.append(target, action, topic, outcome, details);
    }
}
