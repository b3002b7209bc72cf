package dev.backtrack.cli;

import dev.backtrack.BacktrackException;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RegistrySettings;
import dev.backtrack.kafka.WriteGuard;
import dev.backtrack.profile.ProfileConnections;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/**
 * The connection options every cluster command mixes in: a saved profile, or a bootstrap address (with
 * an optional registry). Without either, {@code BACKTRACK_BOOTSTRAP} (and {@code BACKTRACK_REGISTRY}) from
 * the environment are used; otherwise the command fails with one clear sentence.
 */
public final class ConnectionOptions {
    public static final String BOOTSTRAP_ENV = "BACKTRACK_BOOTSTRAP";
    public static final String REGISTRY_ENV = "BACKTRACK_REGISTRY";

    /** Where environment variables come from; tests replace it. */
    static UnaryOperator<String> environment = System::getenv;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers (default: $" + BOOTSTRAP_ENV + ").")
    String bootstrap;

    @Option(names = "--registry", paramLabel = "URL",
            description = "Schema registry URL (Confluent API); overrides the profile's (default: $" + REGISTRY_ENV + ").")
    String registry;

    @Option(names = "--profile", paramLabel = "NAME", description = "Connect with a saved profile (see 'backtrack profile list').")
    String profile;

    @Option(names = "--unlock", arity = "0..1", fallbackValue = "", paramLabel = "PROFILE_NAME",
            description = "Allow writes to a prod or read-only profile for this command: type the profile's name here, "
                    + "or give --unlock alone to be asked for it on the terminal.")
    String unlock;

    /** The settings these options select. */
    public ConnectionSettings settings() {
        if (profile != null && bootstrap != null) {
            throw new BacktrackException("use either --profile or --bootstrap, not both");
        }
        ConnectionSettings settings;
        if (profile != null) {
            settings = ProfileConnections.resolve(profile);
        } else {
            String servers = bootstrap != null ? bootstrap : environment.apply(BOOTSTRAP_ENV);
            if (servers == null || servers.isBlank()) {
                throw new BacktrackException("no Kafka cluster given: use --bootstrap HOST:PORT or --profile NAME, or set "
                        + BOOTSTRAP_ENV);
            }
            settings = ConnectionSettings.plaintext(servers.trim());
        }
        String registryUrl = registry != null ? registry : settings.registry() == null ? environment.apply(REGISTRY_ENV) : null;
        if (registryUrl != null && !registryUrl.isBlank()) {
            settings = settings.withRegistry(settings.registry() == null ? RegistrySettings.of(registryUrl.trim())
                    : new RegistrySettings(registryUrl.trim(), settings.registry().username(), settings.registry().password(),
                    settings.registry().bearerToken(), settings.registry().trustStore(), settings.registry().trustStoreType(),
                    settings.registry().trustStorePassword(), settings.registry().verifyHostname()));
        }
        return settings;
    }

    /**
     * The process-wide write guard (prod unlocks of this run, audit log), for profiles and plain
     * --bootstrap connections alike, so every write is audited. --unlock unlocks the chosen profile.
     */
    public WriteGuard writeGuard() {
        if (unlock != null) {
            if (profile == null) {
                throw new BacktrackException("--unlock applies to a saved profile; add --profile NAME");
            }
            if (unlock.isEmpty()) {
                ProfileConnections.promptUnlock(profile);
            } else {
                ProfileConnections.unlock(profile, unlock);
            }
        }
        return ProfileConnections.writeGuard();
    }

    /** Kafka clients for these settings, guarded. */
    public KafkaClients clients() {
        ConnectionSettings settings = settings();
        return new KafkaClients(settings, writeGuard());
    }

    public String profileName() {
        return profile;
    }
}
