package dev.backtrack.cli;

import dev.backtrack.BacktrackException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code backtrack app}: opens the desktop app. JavaFX is loaded only here, through
 * {@code dev.backtrack.ui.main.AppStarter}, so other commands never initialise it.
 */
@Command(name = "app", mixinStandardHelpOptions = true, description = "Open the Backtrack desktop app.")
public final class AppCommand implements Callable<Integer> {
    @Option(names = "--profile", paramLabel = "P", description = "Connect to this saved profile at start.")
    String profile;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "Connect to this cluster (plaintext) at start.")
    String bootstrap;

    @Option(names = "--registry", paramLabel = "URL", description = "Schema registry URL for --bootstrap.")
    String registry;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Open this topic once connected.")
    String topic;

    @Option(names = "--sandbox", description = "Connect to the built-in sandbox, starting it when needed (same as 'backtrack demo').")
    boolean sandbox;

    @Override
    public Integer call() throws Exception {
        if (sandbox) {
            if (profile != null || bootstrap != null) {
                throw new BacktrackException("--sandbox cannot be combined with --profile or --bootstrap");
            }
            requireDisplay();
            DemoCommand.run(9092, 8081, topic == null ? "orders" : topic);
            return 0;
        }
        if (profile != null && bootstrap != null) {
            throw new BacktrackException("use either --profile or --bootstrap, not both");
        }
        if (registry != null && bootstrap == null) {
            throw new BacktrackException("--registry goes with --bootstrap; a profile has its own registry");
        }
        requireDisplay();
        dev.backtrack.ui.main.AppStarter.start(profile, bootstrap, registry, topic);
        return 0;
    }

    static void requireDisplay() {
        boolean linux = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
        if (linux && System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            throw new BacktrackException("no display found (DISPLAY is not set); the desktop app needs a graphical session");
        }
    }
}
