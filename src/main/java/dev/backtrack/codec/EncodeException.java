package dev.backtrack.codec;

import dev.backtrack.BacktrackException;

/**
 * An edited value does not fit its schema. {@code path} locates the offending field in JSONPath style
 * ({@code $.items[2].price}); the message is one sentence that starts with that path.
 */
public class EncodeException extends BacktrackException {
    private final String path;

    public EncodeException(String path, String problem) {
        super(path + ": " + problem);
        this.path = path;
    }

    public EncodeException(String path, String problem, Throwable cause) {
        super(path + ": " + problem, cause);
        this.path = path;
    }

    public String path() {
        return path;
    }
}
