package dev.backtrack;

/**
 * A problem the user can understand and act on. Its message is one clear sentence; the CLI prints only
 * that line (exit code 1) and the desktop app shows it in the status bar or a dialog. Anything else that
 * escapes is a bug and is shown with its stack trace under {@code --verbose}.
 */
public class BacktrackException extends RuntimeException {
    public BacktrackException(String message) {
        super(message);
    }

    public BacktrackException(String message, Throwable cause) {
        super(message, cause);
    }
}
