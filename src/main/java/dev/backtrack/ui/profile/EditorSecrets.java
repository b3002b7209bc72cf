package dev.backtrack.ui.profile;

import dev.backtrack.profile.ProfileContext;
import dev.backtrack.profile.SecretKind;
import dev.backtrack.profile.SecretStore;
import java.util.Map;
import java.util.Optional;

/**
 * The secrets a connection test of the form sees before anything is saved: what was typed in the editor,
 * else what the secret store holds for the profile being edited (under its saved name). Read-only: the
 * editor writes secrets only through {@link dev.backtrack.profile.ProfileManager} on save.
 */
final class EditorSecrets implements SecretStore {
    private final Map<SecretKind, String> typed;
    private final ProfileContext context;
    private final String savedName;

    /** {@code savedName} is null for a profile that is not saved yet. */
    EditorSecrets(Map<SecretKind, String> typed, ProfileContext context, String savedName) {
        this.typed = Map.copyOf(typed);
        this.context = context;
        this.savedName = savedName;
    }

    @Override
    public Optional<String> read(String profile, SecretKind kind) {
        String value = typed.get(kind);
        if (value != null) {
            return Optional.of(value);
        }
        return savedName == null ? Optional.empty() : context.secrets().read(savedName, kind);
    }

    @Override
    public void write(String profile, SecretKind kind, String value) {
        throw new IllegalStateException("the editor's secrets are read-only; save the profile to store them");
    }

    @Override
    public void delete(String profile, SecretKind kind) {
        throw new IllegalStateException("the editor's secrets are read-only; save the profile to change them");
    }

    @Override
    public String description() {
        return savedName == null ? "the editor (not saved yet)" : "the editor and " + context.secrets().description();
    }
}
