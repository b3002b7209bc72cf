package dev.backtrack.profile;

import java.util.Optional;

/**
 * Where profile secrets live (OS keychain or the passphrase-encrypted fallback file). A secret is
 * addressed by profile name and {@link SecretKind}; values never leave memory except into the store.
 */
public interface SecretStore {
    Optional<String> read(String profile, SecretKind kind);

    void write(String profile, SecretKind kind, String value);

    /** Deletes the secret if present; deleting a missing secret is not an error. */
    void delete(String profile, SecretKind kind);

    /** A short description for messages, e.g. "the OS keychain (Secret Service)". */
    String description();

    default void deleteAll(String profile) {
        for (SecretKind kind : SecretKind.values()) {
            delete(profile, kind);
        }
    }

    /** Copies every stored secret of {@code from} to {@code to} (for duplicate and rename). */
    default void copyAll(String from, String to) {
        for (SecretKind kind : SecretKind.values()) {
            read(from, kind).ifPresent(value -> write(to, kind, value));
        }
    }

    /** Account name used in keychains and the encrypted file: stable, one per profile and kind. */
    static String account(String profile, SecretKind kind) {
        return "profile:" + profile + ":" + kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
