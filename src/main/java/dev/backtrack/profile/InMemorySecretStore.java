package dev.backtrack.profile;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Secrets held only for the life of the process: for tests and for one-off connections. */
public final class InMemorySecretStore implements SecretStore {
    private final Map<String, String> secrets = new ConcurrentHashMap<>();

    @Override
    public Optional<String> read(String profile, SecretKind kind) {
        return Optional.ofNullable(secrets.get(SecretStore.account(profile, kind)));
    }

    @Override
    public void write(String profile, SecretKind kind, String value) {
        secrets.put(SecretStore.account(profile, kind), value);
    }

    @Override
    public void delete(String profile, SecretKind kind) {
        secrets.remove(SecretStore.account(profile, kind));
    }

    @Override
    public String description() {
        return "memory (not persisted)";
    }
}
