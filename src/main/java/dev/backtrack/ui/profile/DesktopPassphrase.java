package dev.backtrack.ui.profile;

import dev.backtrack.BacktrackException;
import dev.backtrack.profile.PassphraseSource;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javafx.application.Platform;
import javafx.stage.Window;

/**
 * The desktop app's passphrase source for the encrypted secret file: a {@link PassphraseDialog}, shown on
 * the FX thread whichever thread opens the secret store (a background job waits for the answer; the FX
 * thread itself uses the dialog's nested event loop). The passphrase is remembered in memory for the
 * session, so the user is asked once; a rejected one is forgotten, and {@link #forget} wipes it on exit.
 * Cancel fails the operation with "no passphrase entered".
 */
public final class DesktopPassphrase implements PassphraseSource {
    private final Object lock = new Object();
    private char[] remembered;

    @Override
    public char[] passphrase(boolean creating) {
        synchronized (lock) {
            if (remembered != null) {
                return remembered.clone();
            }
        }
        char[] typed = ask(creating);
        synchronized (lock) {
            wipe();
            remembered = typed.clone();
        }
        return typed;
    }

    /** The passphrase did not open the file: ask again next time. */
    @Override
    public void rejected() {
        forget();
    }

    /** Wipes the remembered passphrase (on exit). */
    public void forget() {
        synchronized (lock) {
            wipe();
        }
    }

    private void wipe() {
        if (remembered != null) {
            Arrays.fill(remembered, '\0');
            remembered = null;
        }
    }

    private static char[] ask(boolean creating) {
        if (Platform.isFxApplicationThread()) {
            return show(creating);
        }
        CompletableFuture<char[]> answer = new CompletableFuture<>();
        try {
            Platform.runLater(() -> {
                try {
                    answer.complete(show(creating));
                } catch (Throwable e) {
                    answer.completeExceptionally(e);
                }
            });
        } catch (IllegalStateException e) {
            throw new BacktrackException("the encrypted secret file needs a passphrase, but the desktop window is not running");
        }
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BacktrackException("no passphrase entered");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BacktrackException b) {
                throw b;
            }
            throw new BacktrackException("the passphrase dialog failed: " + e.getCause(), e.getCause());
        }
    }

    private static char[] show(boolean creating) {
        return new PassphraseDialog(owner(), creating).ask()
                .orElseThrow(() -> new BacktrackException("no passphrase entered"));
    }

    /** The focused window (e.g. the profile editor), else any showing one, so the dialog comes up on top. */
    private static Window owner() {
        return Window.getWindows().stream().filter(Window::isFocused).findFirst()
                .orElse(Window.getWindows().stream().filter(Window::isShowing).findFirst().orElse(null));
    }
}
