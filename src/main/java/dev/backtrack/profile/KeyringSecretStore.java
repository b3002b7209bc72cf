package dev.backtrack.profile;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import dev.backtrack.BacktrackException;
import java.util.Optional;

/**
 * Secrets in the OS keychain through java-keyring: Secret Service (GNOME Keyring, KWallet) on Linux,
 * the Keychain on macOS, the Credential Manager on Windows. Service name "Backtrack".
 */
public final class KeyringSecretStore implements SecretStore {
    static final String SERVICE = "Backtrack";
    private static final String PROBE_ACCOUNT = "backtrack:probe";

    private final Keyring keyring;

    private KeyringSecretStore(Keyring keyring) {
        this.keyring = keyring;
    }

    /**
     * Opens the OS keychain and proves it works with a write/read/delete round trip (on headless Linux
     * the backend loads but every call fails). Empty when no keychain is usable.
     */
    public static Optional<KeyringSecretStore> probe() {
        try {
            Keyring keyring = Keyring.create();
            String marker = Long.toHexString(System.nanoTime());
            keyring.setPassword(SERVICE, PROBE_ACCOUNT, marker);
            boolean works = marker.equals(keyring.getPassword(SERVICE, PROBE_ACCOUNT));
            keyring.deletePassword(SERVICE, PROBE_ACCOUNT);
            return works ? Optional.of(new KeyringSecretStore(keyring)) : Optional.empty();
        } catch (BackendNotSupportedException | PasswordAccessException | RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> read(String profile, SecretKind kind) {
        try {
            return Optional.ofNullable(keyring.getPassword(SERVICE, SecretStore.account(profile, kind)));
        } catch (PasswordAccessException e) {
            // java-keyring reports "not found" as an access exception
            return Optional.empty();
        }
    }

    @Override
    public void write(String profile, SecretKind kind, String value) {
        try {
            keyring.setPassword(SERVICE, SecretStore.account(profile, kind), value);
        } catch (PasswordAccessException e) {
            throw new BacktrackException("could not save the " + kind.label() + " of '" + profile
                    + "' in the OS keychain (" + keyring.getKeyringStorageType() + ")", e);
        }
    }

    @Override
    public void delete(String profile, SecretKind kind) {
        if (read(profile, kind).isEmpty()) {
            return;
        }
        try {
            keyring.deletePassword(SERVICE, SecretStore.account(profile, kind));
        } catch (PasswordAccessException e) {
            throw new BacktrackException("could not delete the " + kind.label() + " of '" + profile
                    + "' from the OS keychain (" + keyring.getKeyringStorageType() + ")", e);
        }
    }

    @Override
    public String description() {
        return "the OS keychain (" + keyring.getKeyringStorageType() + ")";
    }
}
