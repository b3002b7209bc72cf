package dev.backtrack.sandbox;

/** A sandbox problem the user can act on; its message is one clear sentence. */
public class SandboxException extends Exception {
    public SandboxException(String message) {
        super(message);
    }

    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
