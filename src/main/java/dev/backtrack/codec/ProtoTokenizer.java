package dev.backtrack.codec;

import java.util.List;

/**
 * Splits {@code .proto} text into tokens (identifiers with dots, numbers, quoted strings kept with their
 * quotes, single-character symbols), dropping whitespace and comments, and records each token's line.
 */
final class ProtoTokenizer {
    private ProtoTokenizer() {
    }

    static void tokenize(String text, List<String> tokens, List<Integer> lines) {
        int line = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                for (int k = i; k < end; k++) {
                    if (text.charAt(k) == '\n') {
                        line++;
                    }
                }
                i = end;
            } else if (c == '"' || c == '\'') {
                int start = i++;
                while (i < n && text.charAt(i) != c) {
                    i += text.charAt(i) == '\\' ? 2 : 1;
                }
                String body = text.substring(start + 1, Math.min(i, n));
                i++;
                tokens.add("\"" + body + "\"");
                lines.add(line);
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '.') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_' || text.charAt(i) == '.'
                        || (text.charAt(i) == '-' || text.charAt(i) == '+') && isExponent(text, i))) {
                    i++;
                }
                tokens.add(text.substring(start, i));
                lines.add(line);
            } else {
                tokens.add(String.valueOf(c));
                lines.add(line);
                i++;
            }
        }
    }

    private static boolean isExponent(String text, int i) {
        char prev = Character.toLowerCase(text.charAt(i - 1));
        return prev == 'e' && i >= 2 && Character.isDigit(text.charAt(i - 2));
    }

    /** The content of a quoted-string token with C escapes resolved; other tokens unchanged. */
    static String unquote(String token) {
        if (!token.startsWith("\"")) {
            return token;
        }
        String inner = token.substring(1, token.length() - 1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\' && i + 1 < inner.length()) {
                char n = inner.charAt(++i);
                out.append(switch (n) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case '0' -> '\0';
                    default -> n;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
