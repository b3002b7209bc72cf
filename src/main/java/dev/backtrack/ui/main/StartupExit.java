package dev.backtrack.ui.main;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.util.Duration;

/**
 * {@code -Dbacktrack.exitAfterStartup=true}: the packaging's class-data-sharing training run starts the app,
 * lets the first window render, and needs it to exit by itself. The delay starts after the first pulse
 * that laid out the window, so the classes used to render it are loaded before the app exits.
 */
final class StartupExit {
    static final String PROPERTY = "backtrack.exitAfterStartup";
    static final Duration DELAY = Duration.millis(1500);

    private StartupExit() {
    }

    static boolean requested() {
        return Boolean.getBoolean(PROPERTY);
    }

    /** Runs {@code exit} on the FX thread {@code delay} after the scene's first pulse. Call on the FX thread. */
    static void afterFirstPulse(Scene scene, Duration delay, Runnable exit) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            // runLater: the render of this pulse happens after the post-layout listeners
            Platform.runLater(() -> {
                PauseTransition wait = new PauseTransition(delay);
                wait.setOnFinished(e -> exit.run());
                wait.play();
            });
        };
        scene.addPostLayoutPulseListener(once[0]);
        Platform.requestNextPulse();
    }
}
