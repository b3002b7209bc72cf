package dev.backtrack.ui.main;

import dev.backtrack.ui.connection.ConnectionEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * What the command line asked the app to show, handed to {@link BacktrackApp} (which JavaFX instantiates
 * itself): extra connection entries (ad-hoc or sandbox), the one to connect at start, and the topic to open.
 * Set once before launch; read on the FX thread.
 */
public final class LaunchOptions {
    private static volatile LaunchOptions current = new LaunchOptions(List.of(), null, null, true);

    private final List<ConnectionEntry> extraEntries;
    private final String connectTo;
    private final String openTopic;
    private final boolean loadSavedProfiles;

    public LaunchOptions(List<ConnectionEntry> extraEntries, String connectTo, String openTopic, boolean loadSavedProfiles) {
        this.extraEntries = List.copyOf(extraEntries);
        this.connectTo = connectTo;
        this.openTopic = openTopic;
        this.loadSavedProfiles = loadSavedProfiles;
    }

    public static LaunchOptions current() {
        return current;
    }

    public static void set(LaunchOptions options) {
        current = options;
    }

    public List<ConnectionEntry> extraEntries() {
        return new ArrayList<>(extraEntries);
    }

    public String connectTo() {
        return connectTo;
    }

    public String openTopic() {
        return openTopic;
    }

    public boolean loadSavedProfiles() {
        return loadSavedProfiles;
    }
}
