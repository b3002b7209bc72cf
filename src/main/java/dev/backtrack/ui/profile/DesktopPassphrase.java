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
 * the FX thread whichever thread opens the secret store (a background job waits for the answer, and jobs
 * asking at the same time share one question; the FX thread itself uses the dialog's nested event loop). The
 * passphrase is remembered in memory for the session, so the user is asked once; a rejected one is forgotten,
 * and {@link #forget} wipes it on exit. Cancel fails the operation with "no passphrase entered".
 */
public final class DesktopPassphrase implements PassphraseSource {
    private final Object lock = new Object();
    private char[] remembered;
    /** A question on its way to the FX thread; background threads that ask meanwhile wait for the same answer. */
    private CompletableFuture<char[]> pending;

    @Override
    public char[] passphrase(boolean creating) {
        CompletableFuture<char[]> question;
        boolean post = false;
        synchronized (lock) {
            if (remembered != null) {
                return remembered.clone();
            }
            if (Platform.isFxApplicationThread()) {
                question = null;
            } else if (pending != null) {
                question = pending;
            } else {
                question = new CompletableFuture<>();
                pending = question;
                post = true;
            }
        }
        if (question == null) {
            // the FX thread asks in a nested event loop; its answer also settles a question a background job is waiting on
            char[] typed = show(creating);
            remember(typed);
            return typed;
        }
        if (post) {
            post(question, creating);
        }
        return await(question).clone(); // remembered by whoever answered it, on the FX thread
    }

    private void remember(char[] typed) {
        synchronized (lock) {
            wipe();
            remembered = typed.clone();
            if (pending != null) {
                pending.complete(typed.clone());
                pending = null;
            }
        }
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

    private void post(CompletableFuture<char[]> question, boolean creating) {
        try {
            Platform.runLater(() -> {
                if (question.isDone()) {
                    return; // answered meanwhile by a dialog the FX thread showed itself
                }
                PassphraseDialog dialog = new PassphraseDialog(owner(), creating);
                // settled elsewhere (a dialog the FX thread showed over this one): this one is not needed any more
                question.whenComplete((answer, failure) -> {
                    if (Platform.isFxApplicationThread()) {
                        dialog.dismiss();
                    } else {
                        Platform.runLater(dialog::dismiss);
                    }
                });
                try {
                    char[] answer = dialog.ask().orElseThrow(() -> new BacktrackException("no passphrase entered"));
                    remember(answer); // before anyone wakes: a job asking right after gets it instead of a new question
                    question.complete(answer);
                } catch (Throwable e) {
                    question.completeExceptionally(e);
                }
            });
        } catch (IllegalStateException e) {
            question.completeExceptionally(new BacktrackException(
                    "the encrypted secret file needs a passphrase, but the desktop window is not running"));
        }
        question.whenComplete((answer, failure) -> {
            synchronized (lock) {
                if (pending == question) {
                    pending = null;
                }
            }
        });
    }

    private static char[] await(CompletableFuture<char[]> question) {
        try {
            return question.get();
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
