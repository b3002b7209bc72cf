package dev.backtrack.ui.replay;

import dev.backtrack.browse.Browser;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import java.util.Objects;

/**
 * The engine objects of the connection a replay starts from: its display name, saved profile name (null when
 * ad hoc), settings, clients (whose write guard also guards the target) and browser, and the saved profiles a
 * replay may write to.
 */
public record ReplayEnvironment(String connectionName, String profile, ConnectionSettings settings, KafkaClients clients,
                                Browser browser, TargetProfiles profiles) {
    public ReplayEnvironment {
        Objects.requireNonNull(connectionName, "connectionName");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clients, "clients");
        Objects.requireNonNull(browser, "browser");
        Objects.requireNonNull(profiles, "profiles");
    }
}
