package dev.backtrack.cli;

import dev.backtrack.BacktrackException;
import dev.backtrack.profile.SecretKind;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads profile secrets without ever taking them from argv: a hidden prompt on a terminal; otherwise
 * one per line from stdin, in {@link SecretKind} order, only those the profile needs.
 */
final class ProfileSecretInput {
    private final Console console;
    private final InputStream stdin;
    private BufferedReader reader;

    ProfileSecretInput(Console console, InputStream stdin) {
        this.console = console != null && console.isTerminal() ? console : null;
        this.stdin = stdin;
    }

    static ProfileSecretInput system() {
        return new ProfileSecretInput(System.console(), System.in);
    }

    boolean interactive() {
        return console != null;
    }

    /** Asks for each of {@code kinds} (in the given order) for profile {@code profile}. */
    Map<SecretKind, String> read(String profile, List<SecretKind> kinds) {
        Map<SecretKind, String> values = new EnumMap<>(SecretKind.class);
        for (SecretKind kind : kinds) {
            values.put(kind, console != null ? prompt(profile, kind) : line(kinds, kind));
        }
        return values;
    }

    /** A yes/no question on the terminal; false when there is none. */
    boolean confirm(String question) {
        if (console == null) {
            return false;
        }
        String answer = console.readLine("%s [y/N] ", question);
        return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
    }

    private String prompt(String profile, SecretKind kind) {
        char[] typed = console.readPassword("%s for '%s': ", capitalized(kind.label()), profile);
        if (typed == null || typed.length == 0) {
            throw new BacktrackException("no " + kind.label() + " entered");
        }
        return new String(typed);
    }

    private String line(List<SecretKind> kinds, SecretKind kind) {
        try {
            if (reader == null) {
                reader = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
            }
            String value = reader.readLine();
            if (value == null || value.isEmpty()) {
                throw new BacktrackException("stdin ended before the " + kind.label() + "; give one secret per line in this order: "
                        + kinds.stream().map(SecretKind::label).collect(Collectors.joining(", ")));
            }
            return value;
        } catch (IOException e) {
            throw new BacktrackException("cannot read the " + kind.label() + " from stdin: " + e.getMessage(), e);
        }
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
