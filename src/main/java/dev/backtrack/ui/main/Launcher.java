package dev.backtrack.ui.main;

import javafx.application.Application;

/**
 * Starts the desktop app. Not an {@link Application} subclass, so JavaFX can start from the class path.
 * Records the start time for {@code -Dbacktrack.startup.timing=true}.
 */
public final class Launcher {
    static volatile long mainStartedNanos = System.nanoTime();

    private Launcher() {
    }

    public static void main(String[] args) {
        mainStartedNanos = System.nanoTime();
        dev.backtrack.ui.common.UiSettingsStore.preload();
        Application.launch(BacktrackApp.class, args);
    }

    /** Launches with options from the CLI (blocks until the window closes). */
    public static void launch(LaunchOptions options) {
        mainStartedNanos = System.nanoTime();
        LaunchOptions.set(options);
        dev.backtrack.ui.common.UiSettingsStore.preload();
        Application.launch(BacktrackApp.class);
    }
}
