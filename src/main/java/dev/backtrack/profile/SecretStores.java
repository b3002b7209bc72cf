package dev.backtrack.profile;

import dev.backtrack.BacktrackException;
import java.io.Console;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Picks the secret store of this machine: the OS keychain if usable, else the encrypted file. */
public final class SecretStores {
    /** Environment variable holding the passphrase of the encrypted fallback file. */
    public static final String PASSPHRASE_ENV = "BACKTRACK_PASSPHRASE";
    /** System property forcing a store: "keychain" or "file" (e.g. to keep tests off the real keychain). */
    public static final String STORE_PROPERTY = "backtrack.secret.store";
    /** The command line's prompt: asks on the terminal (twice when creating), refuses clearly without one. */
    public static final PassphraseSource TERMINAL_PROMPT = SecretStores::terminalPassphrase;
    static final String FILE_NAME = "secrets.enc";

    private SecretStores() {
    }

    /**
     * The OS keychain when it works; otherwise {@link EncryptedFileSecretStore} in {@code configDir},
     * announced with one line on {@code notices}; its passphrase from {@value #PASSPHRASE_ENV} or the terminal.
     */
    public static SecretStore select(Path configDir, PrintStream notices) {
        return select(configDir, notices, TERMINAL_PROMPT);
    }

    /** Like {@link #select(Path, PrintStream)}, asking {@code prompt} when {@value #PASSPHRASE_ENV} is unset. */
    public static SecretStore select(Path configDir, PrintStream notices, PassphraseSource prompt) {
        return select(configDir, notices, prompt, System::getenv);
    }

    /** Like {@link #select(Path, PrintStream, PassphraseSource)} with the environment looked up in {@code environment}. */
    public static SecretStore select(Path configDir, PrintStream notices, PassphraseSource prompt,
                                     UnaryOperator<String> environment) {
        PassphraseSource source = environmentOr(environment, prompt);
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
            return new EncryptedFileSecretStore(file, source);
        }
        return new EncryptedFileSecretStore(configDir.resolve(FILE_NAME), source);
    }

    /**
     * The passphrase from {@value #PASSPHRASE_ENV} when set and not empty (it always wins), else from
     * {@code prompt}; a rejection is passed on to {@code prompt} only when the prompt's answer was used.
     */
    public static PassphraseSource environmentOr(UnaryOperator<String> environment, PassphraseSource prompt) {
        return new PassphraseSource() {
            private volatile boolean prompted;

            @Override
            public char[] passphrase(boolean creating) {
                String env = environment.apply(PASSPHRASE_ENV);
                if (env != null && !env.isEmpty()) {
                    prompted = false;
                    return env.toCharArray();
                }
                prompted = true;
                return prompt.passphrase(creating);
            }

            @Override
            public void rejected() {
                if (prompted) {
                    prompt.rejected();
                }
            }
        };
    }

    private static char[] terminalPassphrase(boolean creating) {
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
            boolean same = Arrays.equals(typed, again);
            if (again != null) {
                Arrays.fill(again, '\0');
            }
            if (!same) {
                Arrays.fill(typed, '\0');
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
