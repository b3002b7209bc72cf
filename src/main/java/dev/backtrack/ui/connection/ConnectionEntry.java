package dev.backtrack.ui.connection;

import dev.backtrack.profile.Environment;
import java.util.Objects;

/**
 * One connectable target in the profile list: a saved profile or an ad-hoc connection (command line,
 * sandbox). {@code color} is a CSS colour or null; {@code opener} builds the session off the FX thread
 * (it may resolve secrets and start clients).
 */
public record ConnectionEntry(String name, String color, Environment environment, SessionOpener opener) {
    public ConnectionEntry {
        Objects.requireNonNull(name, "name");
        environment = environment == null ? Environment.DEV : environment;
        Objects.requireNonNull(opener, "opener");
    }

    public boolean isProd() {
        return environment == Environment.PROD;
    }

    /** Opens the session of this entry; runs in the background and may throw a one-sentence BacktrackException. */
    @FunctionalInterface
    public interface SessionOpener {
        dev.backtrack.ui.browse.BrowseBackend open();
    }
}
