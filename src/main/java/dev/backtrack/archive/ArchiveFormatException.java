package dev.backtrack.archive;

import dev.backtrack.BacktrackException;

/** An archive file that is not what it claims: the message names the line and what is wrong with it. */
public class ArchiveFormatException extends BacktrackException {
    private final long line;

    public ArchiveFormatException(long line, String message) {
        super("archive line " + line + ": " + message);
        this.line = line;
    }

    public long line() {
        return line;
    }
}
