package dev.backtrack.redrive;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Finds the byte span of the value at a path in a JSON document (UTF-8, already checked valid) in one pass,
 * checking the whole document on the way. It is at least as strict as Jackson's defaults (no comments, no
 * leading zeros or '+', no lone '.', no unescaped control characters, nothing after the root object) and
 * tighter on limits, so a document it accepts is one the tree path accepts too; anything it does not accept
 * makes {@link JsonSplice} step aside, and the tree path reports it in its own words.
 *
 * <p>It accepts only: the root is an object, every name on the path occurs exactly once in its object, and
 * every value on the way to the last name is an object (arrays and scalars on the way are left to the tree
 * path). Faster than a Jackson parser for this and far less code for the JIT to compile in a short bulk run.
 */
final class JsonSpan {
    /** Tighter than Jackson's defaults (nesting 500-1000, numbers 1000 chars, names 50 000, strings 20 M). */
    private static final int MAX_DEPTH = 200;
    private static final int MAX_NUMBER = 500;
    private static final int MAX_NAME = 10_000;
    private static final int MAX_STRING = 5_000_000;

    private final byte[] doc;
    private final int end;
    private final byte[][] names;
    private final List<String> tokens;
    private int pos;
    private int start = -1;
    private int stop = -1;

    private JsonSpan(byte[] doc, List<String> tokens) {
        this.doc = doc;
        this.end = doc.length;
        this.tokens = tokens;
        this.names = new byte[tokens.size()][];
        for (int i = 0; i < names.length; i++) {
            names[i] = tokens.get(i).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** {@code [start, end)} of the value at the path, or null when the document is not accepted (see the class comment). */
    static int[] find(byte[] doc, List<String> tokens) {
        JsonSpan span = new JsonSpan(doc, tokens);
        span.whitespace();
        if (span.peek() != '{' || !span.object(1, 0)) {
            return null;
        }
        span.whitespace();
        return span.pos == span.end && span.start >= 0 ? new int[] {span.start, span.stop} : null;
    }

    private int peek() {
        return pos < end ? doc[pos] : -1;
    }

    private void whitespace() {
        while (pos < end) {
            byte b = doc[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            pos++;
        }
    }

    /** At '{'; {@code level} is the index of the path name to find in it, or -1 off the path. */
    private boolean object(int depth, int level) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        pos++;
        whitespace();
        if (peek() == '}') {
            pos++;
            return level < 0;
        }
        boolean found = false;
        while (true) {
            if (peek() != '"') {
                return false;
            }
            int nameStart = pos + 1;
            int escapes = string(MAX_NAME);
            if (escapes < 0) {
                return false;
            }
            int nameEnd = pos - 1;
            whitespace();
            if (peek() != ':') {
                return false;
            }
            pos++;
            whitespace();
            if (level >= 0 && nameIs(nameStart, nameEnd, escapes > 0, level)) {
                if (found) {
                    return false; // a repeated name on the path: which one the tree path keeps is its business
                }
                found = true;
                if (level == names.length - 1) {
                    start = pos;
                    if (!value(depth)) {
                        return false;
                    }
                    stop = pos;
                } else if (peek() != '{' || !object(depth + 1, level + 1)) {
                    return false;
                }
            } else if (!value(depth)) {
                return false;
            }
            whitespace();
            int next = peek();
            pos++;
            if (next == '}') {
                return level < 0 || found;
            }
            if (next != ',') {
                return false;
            }
            whitespace();
        }
    }

    private boolean array(int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        pos++;
        whitespace();
        if (peek() == ']') {
            pos++;
            return true;
        }
        while (true) {
            if (!value(depth)) {
                return false;
            }
            whitespace();
            int next = peek();
            pos++;
            if (next == ']') {
                return true;
            }
            if (next != ',') {
                return false;
            }
            whitespace();
        }
    }

    /** Any value off the path, inside a container at {@code depth}. */
    private boolean value(int depth) {
        return switch (peek()) {
            case '{' -> object(depth + 1, -1);
            case '[' -> array(depth + 1);
            case '"' -> string(MAX_STRING) >= 0;
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        };
    }

    private boolean literal(String word) {
        if (end - pos < word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (doc[pos + i] != word.charAt(i)) {
                return false;
            }
        }
        pos += word.length();
        return true;
    }

    /** At '"': skips the string; returns 1 if it had escapes, 0 if not, -1 if it is malformed or too long. */
    private int string(int maxLength) {
        int from = ++pos;
        int escapes = 0;
        while (pos < end) {
            int b = doc[pos] & 0xff;
            if (b == '"') {
                pos++;
                return pos - 1 - from > maxLength ? -1 : escapes;
            }
            if (b < 0x20) {
                return -1;
            }
            if (b == '\\') {
                escapes = 1;
                if (pos + 1 >= end) {
                    return -1;
                }
                int e = doc[pos + 1];
                if (e == 'u') {
                    if (pos + 5 >= end || !hex(pos + 2) || !hex(pos + 3) || !hex(pos + 4) || !hex(pos + 5)) {
                        return -1;
                    }
                    pos += 6;
                    continue;
                }
                if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' && e != 't') {
                    return -1;
                }
                pos += 2;
                continue;
            }
            pos++;
        }
        return -1;
    }

    private boolean hex(int at) {
        int b = doc[at];
        return b >= '0' && b <= '9' || b >= 'a' && b <= 'f' || b >= 'A' && b <= 'F';
    }

    /** JSON's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
    private boolean number() {
        int from = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (!digits()) {
            return false;
        }
        if (peek() == '.') {
            pos++;
            if (!digits()) {
                return false;
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!digits()) {
                return false;
            }
        }
        return pos - from <= MAX_NUMBER;
    }

    /** One or more digits. */
    private boolean digits() {
        int from = pos;
        while (pos < end && doc[pos] >= '0' && doc[pos] <= '9') {
            pos++;
        }
        return pos > from;
    }

    /** Whether the name between the quotes is the path's name at {@code level} (escapes decoded when it has some). */
    private boolean nameIs(int from, int to, boolean escaped, int level) {
        if (!escaped) {
            return java.util.Arrays.equals(doc, from, to, names[level], 0, names[level].length);
        }
        return unescape(from, to).equals(tokens.get(level));
    }

    private String unescape(int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        int plain = from;
        int i = from;
        while (i < to) {
            if (doc[i] != '\\') {
                i++;
                continue;
            }
            out.append(new String(doc, plain, i - plain, StandardCharsets.UTF_8));
            char e = (char) doc[i + 1];
            if (e == 'u') {
                out.append((char) Integer.parseInt(new String(doc, i + 2, 4, StandardCharsets.US_ASCII), 16));
                i += 6;
            } else {
                out.append(switch (e) {
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    default -> e; // '"', '\\' and '/'
                });
                i += 2;
            }
            plain = i;
        }
        return out.append(new String(doc, plain, to - plain, StandardCharsets.UTF_8)).toString();
    }
}
