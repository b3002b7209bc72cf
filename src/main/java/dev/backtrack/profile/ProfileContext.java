package dev.backtrack.profile;

import dev.backtrack.kafka.ConnectionSettings;
import dev.dirs.ProjectDirectories;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Where this process keeps profiles, secrets and the audit log, and its one write guard. The default
 * uses the OS config and data dirs (overridable with the system properties {@code backtrack.config.dir}
 * and {@code backtrack.data.dir}); the secret store is opened on first use, since the fallback may
 * have to ask for a passphrase.
 */
public final class ProfileContext {
    public static final String CONFIG_DIR_PROPERTY = "backtrack.config.dir";
    public static final String DATA_DIR_PROPERTY = "backtrack.data.dir";
    public static final String AUDIT_FILE = "audit.jsonl";

    private final Path configDir;
    private final ProfileStore store;
    private final Supplier<SecretStore> secretsFactory;
    private final ProdGuard guard;
    private SecretStore secrets;

    public ProfileContext(Path configDir, Path dataDir, Supplier<SecretStore> secrets) {
        this.configDir = configDir;
        this.store = ProfileStore.inDirectory(configDir);
        this.secretsFactory = secrets;
        this.guard = new ProdGuard(new AuditLog(dataDir.resolve(AUDIT_FILE)));
    }

    /**
     * The context of a normal run: OS directories, OS keychain or encrypted fallback file whose passphrase
     * comes from {@value SecretStores#PASSPHRASE_ENV}, else a terminal prompt.
     */
    public static ProfileContext defaults() {
        return defaults(SecretStores.TERMINAL_PROMPT);
    }

    /**
     * Like {@link #defaults()}, but when {@value SecretStores#PASSPHRASE_ENV} is unset the fallback file's
     * passphrase comes from {@code prompt} (the desktop app's dialog) instead of the terminal.
     */
    public static ProfileContext defaults(PassphraseSource prompt) {
        ProjectDirectories dirs = null;
        String config = System.getProperty(CONFIG_DIR_PROPERTY);
        String data = System.getProperty(DATA_DIR_PROPERTY);
        if (config == null || data == null) {
            dirs = ProjectDirectories.from("dev", "backtrack", "Backtrack");
        }
        Path configDir = Path.of(config != null ? config : dirs.configDir);
        Path dataDir = Path.of(data != null ? data : (config != null ? config : dirs.dataDir));
        return new ProfileContext(configDir, dataDir, () -> SecretStores.select(configDir, System.err, prompt));
    }

    public Path configDir() {
        return configDir;
    }

    public ProfileStore store() {
        return store;
    }

    public synchronized SecretStore secrets() {
        if (secrets == null) {
            secrets = secretsFactory.get();
        }
        return secrets;
    }

    public ProdGuard guard() {
        return guard;
    }

    public AuditLog audit() {
        return guard.audit();
    }

    /** Loads the named profile and resolves its secrets into connection settings. */
    public ConnectionSettings resolve(String profileName) {
        return resolve(store.get(profileName));
    }

    /** Resolves a profile; the secret store is only opened when the profile needs a secret. */
    public ConnectionSettings resolve(Profile profile) {
        SecretStore source = profile.requiredSecrets().isEmpty() ? new InMemorySecretStore() : secrets();
        return new ProfileResolver(source).resolve(profile);
    }
}
