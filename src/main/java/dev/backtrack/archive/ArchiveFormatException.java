package dev.backtrack.archive;

import dev.backtrack.BacktrackException;

/** An archive file that is not what it claims: the message names the line and what is wrong with it. */
public class ArchiveFormatException extends BacktrackException {
    private final long line;

    public ArchiveFormatException(long line, String message) {
        // one line: parser messages (Jackson's) can carry line breaks and the hostile file's own text
        super("archive line " + line + ": " + (message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ")));
        this.line = line;
    }

    public long line() {
        return line;
    }
}
