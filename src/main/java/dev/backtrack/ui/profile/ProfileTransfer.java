package dev.backtrack.ui.profile;

import dev.backtrack.BacktrackException;
import dev.backtrack.profile.Profile;
import dev.backtrack.profile.ProfileContext;
import dev.backtrack.profile.ProfileManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Import and export of profile files for the desktop (a team's cluster list). Exports come from the engine,
 * which writes profiles only: no secret is ever in them. Imported profiles need their secrets entered in the
 * editor. Runs in the background (it reads and writes files).
 */
public final class ProfileTransfer {
    private final ProfileContext context;

    public ProfileTransfer(ProfileContext context) {
        this.context = context;
    }

    /** Imports every profile of {@code file}; an existing name is an error unless {@code replace}. */
    public List<Profile> importFile(Path file, boolean replace) {
        byte[] document;
        try {
            document = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BacktrackException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return new ProfileManager(context).importProfiles(document, file.toString(), replace);
    }

    /** Writes the named profiles (all when empty) to {@code file}, replacing it atomically. */
    public void exportTo(Path file, List<String> names) {
        byte[] json = new ProfileManager(context).export(names);
        Path target = file.toAbsolutePath();
        try {
            Path temp = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".tmp");
            try {
                Files.write(temp, json);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new BacktrackException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** True when an import failed only because a profile of that name exists (so "replace?" can be asked). */
    public static boolean isNameClash(Throwable failure) {
        return failure instanceof BacktrackException && failure.getMessage() != null
                && failure.getMessage().contains("already exists; nothing was imported");
    }
}
