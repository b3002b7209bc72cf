package dev.backtrack.profile;

import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.WriteGuard;

/**
 * The entry point other packages use to connect by profile name: resolves a saved profile into
 * {@link ConnectionSettings} and hands out the process-wide {@link WriteGuard} (prod unlocks for this
 * run, audit log). Tests and the desktop app may {@link #install} their own context.
 */
public final class ProfileConnections {
    private static ProfileContext context;
    private static PassphraseSource prompt;

    private ProfileConnections() {
    }

    /**
     * Loads the profile from the default store, resolves its secrets and builds the client properties.
     * Throws BacktrackException "no profile named 'x' (see 'backtrack profile list')" for unknown names.
     */
    public static ConnectionSettings resolve(String profileName) {
        return context().resolve(profileName);
    }

    /** The saved profile itself (no secrets), e.g. for its default decoders per topic. */
    public static Profile profile(String profileName) {
        return context().store().get(profileName);
    }

    /** The process-wide guard: unlock state of this run and the audit log. */
    public static WriteGuard writeGuard() {
        return context().guard();
    }

    /** Unlocks writing to a protected profile for this run; {@code typedName} must equal its name. */
    public static void unlock(String profileName, String typedName) {
        context().store().get(profileName);
        context().guard().unlock(profileName, typedName);
    }

    /**
     * Asks on the terminal for the profile name and unlocks writing for this run if it was typed
     * exactly. Without a terminal it refuses with a sentence telling how to unlock instead.
     */
    public static void promptUnlock(String profileName) {
        java.io.Console console = System.console();
        if (console == null || !console.isTerminal()) {
            throw new dev.backtrack.BacktrackException("writing to protected profile '" + profileName
                    + "' must be unlocked by typing its name: run on a terminal, or pass the name with --unlock");
        }
        String typed = console.readLine("Profile '%s' is protected. Type its name to allow writes in this run: ", profileName);
        unlock(profileName, typed == null ? "" : typed.trim());
    }

    public static synchronized ProfileContext context() {
        if (context == null) {
            context = prompt == null ? ProfileContext.defaults() : ProfileContext.defaults(prompt);
        }
        return context;
    }

    /**
     * The interactive passphrase source of the default context when {@value SecretStores#PASSPHRASE_ENV} is
     * unset (the desktop app's dialog instead of the terminal); takes effect when the default context is
     * created, so set it before the first use. An installed context keeps its own.
     */
    public static synchronized void usePassphrasePrompt(PassphraseSource source) {
        prompt = source;
    }

    /** Replaces the process context (tests, embedding). */
    public static synchronized void install(ProfileContext replacement) {
        context = replacement;
    }
}
