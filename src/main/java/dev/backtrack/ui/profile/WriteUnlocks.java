package dev.backtrack.ui.profile;

import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.profile.ProdGuard;
import dev.backtrack.profile.ProfileConnections;
import java.util.HashMap;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * The desktop's view of the engine's {@link ProdGuard}: unlocks and locks writing by target name (the
 * {@code ConnectionSettings.name()} the guard checks, which is the profile name for saved profiles) and
 * mirrors the state in one observable property per target, so every banner and menu follows it.
 * FX thread only; the guard itself stays the single source of truth for the engine.
 */
public final class WriteUnlocks {
    private static final Map<String, ReadOnlyBooleanWrapper> STATES = new HashMap<>();

    private WriteUnlocks() {
    }

    /** True while writing to {@code target} is unlocked in this run. */
    public static ReadOnlyBooleanProperty unlockedProperty(String target) {
        return state(target).getReadOnlyProperty();
    }

    public static boolean isUnlocked(ConnectionSettings target) {
        return guard().isUnlocked(target.name());
    }

    /**
     * Unlocks writing to {@code target} for this run when {@code typedName} equals its name exactly;
     * otherwise the engine's one-sentence refusal is thrown and nothing changes.
     */
    public static void unlock(ConnectionSettings target, String typedName) {
        guard().unlock(target.name(), typedName);
        state(target.name()).set(true);
    }

    /** Locks writing to {@code target} again. */
    public static void lock(ConnectionSettings target) {
        guard().lock(target.name());
        state(target.name()).set(false);
    }

    private static ReadOnlyBooleanWrapper state(String target) {
        ReadOnlyBooleanWrapper state = STATES.computeIfAbsent(target, t -> new ReadOnlyBooleanWrapper());
        state.set(guard().isUnlocked(target));
        return state;
    }

    private static ProdGuard guard() {
        return ProfileConnections.context().guard();
    }
}
