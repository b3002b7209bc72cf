package dev.backtrack.codec;

import dev.backtrack.BacktrackException;

/** The schema registry could not be reached (connection refused, timeout, TLS failure). */
public class RegistryUnavailableException extends BacktrackException {
    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
