package dev.backtrack.ui.redrive;

import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.profile.ProdGuard;

/**
 * Whether the prod guard lets this connection write: not protected, protected but unlocked for this run, or
 * protected and locked (every send is refused by the engine's {@link dev.backtrack.kafka.WriteGuard}).
 */
public record GuardState(String profile, boolean writeProtected, boolean unlocked) {
    public static GuardState of(KafkaClients clients) {
        String name = clients.settings().name();
        boolean unlocked = clients.guard() instanceof ProdGuard guard && guard.isUnlocked(name);
        return new GuardState(name, clients.settings().writeProtected(), unlocked);
    }

    /** True when the guard will refuse a write. */
    public boolean refuses() {
        return writeProtected && !unlocked;
    }

    public String describe() {
        if (!writeProtected) {
            return "'" + profile + "' is not a protected profile: writing is allowed";
        }
        if (unlocked) {
            return "'" + profile + "' is protected and writing is unlocked for this run";
        }
        return "'" + profile + "' is protected: the prod guard refuses this send until writing is unlocked";
    }
}
