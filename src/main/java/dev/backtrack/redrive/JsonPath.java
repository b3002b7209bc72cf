package dev.backtrack.redrive;

import java.util.ArrayList;
import java.util.List;

/**
 * A path into a JSON value, written either as a JSON pointer ({@code /customer/address/0}, RFC 6901 with
 * {@code ~0}/{@code ~1} escapes) or dotted ({@code customer.address[0]}, {@code customer.address.0},
 * optionally starting with {@code $.}). Kept as tokens; {@link #pointer()} is the canonical form.
 */
public record JsonPath(List<String> tokens) {
    public JsonPath {
        tokens = List.copyOf(tokens);
    }

    public static JsonPath parse(String path) {
        if (path == null) {
            throw new EditException("", "a path is required");
        }
        String p = path.strip();
        if (p.isEmpty()) {
            return new JsonPath(List.of());
        }
        if (p.startsWith("/")) {
            List<String> tokens = new ArrayList<>();
            for (String raw : p.substring(1).split("/", -1)) {
                tokens.add(raw.replace("~1", "/").replace("~0", "~"));
            }
            return new JsonPath(tokens);
        }
        if (p.equals("$")) {
            return new JsonPath(List.of());
        }
        if (p.startsWith("$.")) {
            p = p.substring(2);
        } else if (p.startsWith("$[")) {
            p = p.substring(1);
        }
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '.') {
                flush(path, tokens, current, i);
                i++;
            } else if (c == '[') {
                if (!current.isEmpty()) {
                    tokens.add(current.toString());
                    current.setLength(0);
                }
                int close = p.indexOf(']', i);
                if (close < 0) {
                    throw new EditException(path, "unclosed '[' in path");
                }
                String inside = p.substring(i + 1, close).strip();
                if (inside.length() >= 2 && (inside.startsWith("\"") && inside.endsWith("\"") || inside.startsWith("'") && inside.endsWith("'"))) {
                    inside = inside.substring(1, inside.length() - 1);
                }
                tokens.add(inside);
                i = close + 1;
                if (i < p.length() && p.charAt(i) == '.') {
                    i++;
                }
            } else {
                current.append(c);
                i++;
            }
        }
        if (!current.isEmpty()) {
            tokens.add(current.toString());
        } else if (p.endsWith(".")) {
            throw new EditException(path, "path ends with '.'");
        }
        return new JsonPath(tokens);
    }

    private static void flush(String path, List<String> tokens, StringBuilder current, int at) {
        if (current.isEmpty()) {
            // a leading '.' or "a..b" is a typo, not an empty field name
            throw new EditException(path, "empty field name at position " + at);
        }
        tokens.add(current.toString());
        current.setLength(0);
    }

    /** The RFC 6901 form, "" for the whole value. */
    public String pointer() {
        StringBuilder sb = new StringBuilder();
        for (String t : tokens) {
            sb.append('/').append(t.replace("~", "~0").replace("/", "~1"));
        }
        return sb.toString();
    }

    public boolean isRoot() {
        return tokens.isEmpty();
    }

    public JsonPath parent() {
        return new JsonPath(tokens.subList(0, tokens.size() - 1));
    }

    public String last() {
        return tokens.getLast();
    }

    public JsonPath child(String token) {
        List<String> out = new ArrayList<>(tokens);
        out.add(token);
        return new JsonPath(out);
    }

    @Override
    public String toString() {
        return pointer();
    }
}
