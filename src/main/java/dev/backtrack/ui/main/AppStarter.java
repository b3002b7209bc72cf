package dev.backtrack.ui.main;

import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.RegistrySettings;
import dev.backtrack.profile.Environment;
import dev.backtrack.ui.browse.EngineBackend;
import dev.backtrack.ui.connection.ConnectionEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns command-line choices into {@link LaunchOptions} and launches the app. Kept apart from the CLI
 * command so that loading the command does not load JavaFX.
 */
public final class AppStarter {
    private AppStarter() {
    }

    /**
     * {@code profile}: a saved profile to connect at start; {@code bootstrap}/{@code registry}: an ad-hoc
     * connection (named after the bootstrap); {@code topic}: opened once connected. Blocks until the window closes.
     */
    public static void start(String profile, String bootstrap, String registry, String topic) {
        List<ConnectionEntry> extra = new ArrayList<>();
        String connect = profile;
        if (bootstrap != null) {
            ConnectionSettings settings = ConnectionSettings.plaintext(bootstrap);
            if (registry != null) {
                settings = settings.withRegistry(RegistrySettings.of(registry));
            }
            ConnectionSettings fixed = settings;
            extra.add(new ConnectionEntry(bootstrap, null, Environment.DEV, () -> EngineBackend.connect(fixed, null)));
            connect = bootstrap;
        }
        Launcher.launch(new LaunchOptions(extra, connect, topic, true));
    }

    /** Opens the app on an already running sandbox (bootstrap + registry), named "sandbox", at {@code topic}. */
    public static void startSandbox(String bootstrap, String registry, String topic) {
        ConnectionSettings settings = ConnectionSettings.plaintext(bootstrap).withName("sandbox")
                .withRegistry(RegistrySettings.of(registry));
        ConnectionEntry entry = new ConnectionEntry("sandbox", "#8250df", Environment.DEV, () -> EngineBackend.connect(settings, null));
        Launcher.launch(new LaunchOptions(List.of(entry), "sandbox", topic, true));
    }
}
