package dev.backtrack.redrive;

import java.util.regex.Pattern;

/**
 * Turns an exception message into a pattern for grouping: the first line, with UUIDs, quoted values,
 * hex ids, long alphanumeric ids and numbers replaced by placeholders, so "Order 123 not found" and
 * "Order 456 not found" fall into one group.
 */
public final class MessagePattern {
    private static final Pattern UUID = Pattern.compile(
            "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
    private static final Pattern DOUBLE_QUOTED = Pattern.compile("\"[^\"]*\"");
    private static final Pattern SINGLE_QUOTED = Pattern.compile("'[^']*'");
    private static final Pattern BACKTICK_QUOTED = Pattern.compile("`[^`]*`");
    private static final Pattern HEX = Pattern.compile("\\b0x[0-9a-fA-F]+\\b");
    /** Tokens of 8+ letters/digits/_- that contain a digit: generated ids such as "ord_9f3k2j1x". */
    private static final Pattern ID = Pattern.compile("\\b(?=[A-Za-z0-9_-]*\\d)[A-Za-z0-9_-]{8,}\\b");
    private static final Pattern NUMBER = Pattern.compile("-?\\b\\d+(\\.\\d+)?\\b");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final int MAX_LENGTH = 200;

    private MessagePattern() {
    }

    public static String of(String message) {
        if (message == null || message.isBlank()) {
            return "";
        }
        String s = message.strip();
        int newline = s.indexOf('\n');
        if (newline >= 0) {
            s = s.substring(0, newline).strip();
        }
        s = UUID.matcher(s).replaceAll("<uuid>");
        s = DOUBLE_QUOTED.matcher(s).replaceAll("\"<value>\"");
        s = SINGLE_QUOTED.matcher(s).replaceAll("'<value>'");
        s = BACKTICK_QUOTED.matcher(s).replaceAll("`<value>`");
        s = HEX.matcher(s).replaceAll("<hex>");
        s = ID.matcher(s).replaceAll("<id>");
        s = NUMBER.matcher(s).replaceAll("<n>");
        s = SPACES.matcher(s).replaceAll(" ");
        return s.length() <= MAX_LENGTH ? s : s.substring(0, MAX_LENGTH) + "…";
    }
}
