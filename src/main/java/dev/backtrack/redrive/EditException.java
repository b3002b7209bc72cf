package dev.backtrack.redrive;

import dev.backtrack.BacktrackException;

/** An edit could not be applied; {@code path} (JSON pointer) says where, the message starts with it. */
public class EditException extends BacktrackException {
    private final String path;

    public EditException(String path, String problem) {
        super((path.isEmpty() ? "/" : path) + ": " + problem);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
