package dev.backtrack.profile;

import dev.backtrack.BacktrackException;
import java.io.Console;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/** Picks the secret store of this machine: the OS keychain if usable, else the encrypted file. */
public final class SecretStores {
    /** Environment variable holding the passphrase of the encrypted fallback file. */
    public static final String PASSPHRASE_ENV = "BACKTRACK_PASSPHRASE";
    /** System property forcing a store: "keychain" or "file" (e.g. to keep tests off the real keychain). */
    public static final String STORE_PROPERTY = "backtrack.secret.store";
    static final String FILE_NAME = "secrets.enc";

    private SecretStores() {
    }

    /**
     * The OS keychain when it works; otherwise {@link EncryptedFileSecretStore} in {@code configDir},
     * announced with one line on {@code notices}.
     */
    public static SecretStore select(Path configDir, PrintStream notices) {
        String forced = System.getProperty(STORE_PROPERTY, "");
        if (!forced.equals("file")) {
            Optional<KeyringSecretStore> keyring = KeyringSecretStore.probe();
            if (keyring.isPresent()) {
                return keyring.get();
            }
            if (forced.equals("keychain")) {
                throw new BacktrackException("no usable OS keychain (Secret Service, macOS Keychain or Windows Credential Manager)");
            }
            Path file = configDir.resolve(FILE_NAME);
            notices.println("backtrack: no usable OS keychain; secrets are kept in " + file
                    + ", encrypted with a passphrase (" + PASSPHRASE_ENV + " or prompt)");
            return new EncryptedFileSecretStore(file, SecretStores::passphrase);
        }
        return new EncryptedFileSecretStore(configDir.resolve(FILE_NAME), SecretStores::passphrase);
    }

    /**
     * The passphrase from {@value #PASSPHRASE_ENV}, else a terminal prompt (asked twice when the file
     * is being created); a fresh array each call.
     */
    static char[] passphrase(boolean creating) {
        String env = System.getenv(PASSPHRASE_ENV);
        if (env != null && !env.isEmpty()) {
            return env.toCharArray();
        }
        Console console = System.console();
        if (console == null || !console.isTerminal()) {
            throw new BacktrackException("the encrypted secret file needs a passphrase: set " + PASSPHRASE_ENV
                    + " or run on a terminal");
        }
        char[] typed = console.readPassword(creating ? "New passphrase for Backtrack's encrypted secrets: "
                : "Passphrase for Backtrack's encrypted secrets: ");
        if (typed == null) {
            throw new BacktrackException("no passphrase entered");
        }
        if (creating) {
            char[] again = console.readPassword("Repeat the passphrase: ");
            boolean same = java.util.Arrays.equals(typed, again);
            if (again != null) {
                java.util.Arrays.fill(again, '\0');
            }
            if (!same) {
                java.util.Arrays.fill(typed, '\0');
                throw new BacktrackException("the two passphrases differ; nothing was saved");
            }
        }
        return typed;
    }

    /** A fixed passphrase, for tests and embedding. */
    public static PassphraseSource fixedPassphrase(String passphrase) {
        return PassphraseSource.fixed(passphrase);
    }
}
