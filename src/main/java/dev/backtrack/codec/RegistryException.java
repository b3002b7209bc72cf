package dev.backtrack.codec;

import dev.backtrack.BacktrackException;

/**
 * The registry answered with an error: {@code status} is the HTTP status, {@code errorCode} the registry's
 * {@code error_code} (40401 subject not found, 40402 version not found, 40403 schema not found, 42201 invalid
 * schema, ...) or 0 when the body carried none.
 */
public class RegistryException extends BacktrackException {
    private final int status;
    private final int errorCode;

    public RegistryException(String message, int status, int errorCode) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    public int status() {
        return status;
    }

    public int errorCode() {
        return errorCode;
    }

    public boolean notFound() {
        return status == 404;
    }
}
