package dev.backtrack.ui.main;

import dev.backtrack.profile.ProfileConnections;
import dev.backtrack.ui.common.UiExecutor;
import dev.backtrack.ui.common.UiSettingsStore;
import dev.backtrack.ui.profile.DesktopPassphrase;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/** The JavaFX application: restores the window, builds the main window and connects what the CLI asked for. */
public final class BacktrackApp extends Application {
    private final DesktopPassphrase passphrase = new DesktopPassphrase();
    private MainWindow window;

    @Override
    public void start(Stage stage) {
        // no terminal here: the encrypted secret file's passphrase comes from a dialog when the env var is unset
        ProfileConnections.usePassphrasePrompt(passphrase);
        UiSettingsStore store = UiSettingsStore.openDefault();
        LaunchOptions options = LaunchOptions.current();
        window = new MainWindow(store, UiExecutor.fx());
        window.showIn(stage);
        if (Boolean.getBoolean("backtrack.startup.timing")) {
            long ms = (System.nanoTime() - Launcher.mainStartedNanos) / 1_000_000;
            System.err.println("backtrack: first window shown " + ms + " ms after main()");
        }
        if (StartupExit.requested()) {
            StartupExit.afterFirstPulse(stage.getScene(), StartupExit.DELAY, Platform::exit);
        }
        window.addEntries(options.extraEntries());
        Runnable connect = () -> {
            if (options.connectTo() != null) {
                window.connect(options.connectTo(), options.openTopic());
            }
        };
        if (options.loadSavedProfiles()) {
            window.loadSavedProfiles(connect);
        } else {
            connect.run();
        }
    }

    @Override
    public void stop() {
        if (window != null) {
            window.shutdown();
        }
        passphrase.forget();
    }
}
