package dev.backtrack.codec;

import java.nio.charset.StandardCharsets;

/**
 * Compact JSON text. It is built as Latin-1 bytes while every character fits in one (the usual case: the
 * String is then a plain copy of the bytes, and ASCII strings of the payload are copied without being
 * decoded first), and switches to UTF-16 chars at the first character above U+00FF. The escapes are
 * Jackson's defaults ({@code \" \\ \b \t \n \f \r}, other controls as {@code \\u00XX}).
 */
final class JsonText extends JsonOut {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private byte[] latin;
    private char[] wide;
    private int len;
    private boolean comma;

    JsonText(int capacity) {
        latin = new byte[Math.max(16, capacity)];
    }

    /** The text written so far. */
    String text() {
        return latin != null ? new String(latin, 0, len, StandardCharsets.ISO_8859_1) : new String(wide, 0, len);
    }

    private void room(int more) {
        if (latin != null) {
            if (len + more > latin.length) {
                latin = java.util.Arrays.copyOf(latin, Math.max(latin.length * 2, len + more));
            }
        } else if (len + more > wide.length) {
            wide = java.util.Arrays.copyOf(wide, Math.max(wide.length * 2, len + more));
        }
    }

    /** From here on the text is kept as chars: a character above U+00FF is coming. */
    private void widen() {
        char[] chars = new char[Math.max(16, latin.length)];
        for (int i = 0; i < len; i++) {
            chars[i] = (char) (latin[i] & 0xff);
        }
        wide = chars;
        latin = null;
    }

    /** One character, room already made. */
    private void putUnchecked(char c) {
        if (latin != null) {
            if (c <= 0xff) {
                latin[len++] = (byte) c;
                return;
            }
            widen();
        }
        wide[len++] = c;
    }

    private void put(char c) {
        room(1);
        putUnchecked(c);
    }

    private void put(String s) {
        int n = s.length();
        room(n);
        for (int i = 0; i < n; i++) {
            putUnchecked(s.charAt(i));
        }
    }

    private void separate() {
        if (comma) {
            put(',');
        }
    }

    @Override
    void startObject() {
        separate();
        put('{');
        comma = false;
    }

    @Override
    void endObject() {
        put('}');
        comma = true;
    }

    @Override
    void startArray() {
        separate();
        put('[');
        comma = false;
    }

    @Override
    void endArray() {
        put(']');
        comma = true;
    }

    @Override
    void fieldName(String name) {
        separate();
        quoted(name);
        put(':');
        comma = false;
    }

    @Override
    void utf8FieldName(byte[] bytes, int offset, int length) {
        separate();
        utf8Quoted(bytes, offset, length);
        put(':');
        comma = false;
    }

    /** A name or symbol already quoted (field names also followed by their colon), see {@link AvroPlan}. */
    private void putQuoted(Quoted quoted) {
        if (latin != null && quoted.latin != null) {
            room(quoted.latin.length);
            System.arraycopy(quoted.latin, 0, latin, len, quoted.latin.length);
            len += quoted.latin.length;
        } else {
            room(quoted.chars.length);
            for (char c : quoted.chars) {
                putUnchecked(c);
            }
        }
    }

    /** A record field's name, quoted and followed by its colon. */
    @Override
    void fieldName(Quoted quotedWithColon) {
        separate();
        putQuoted(quotedWithColon);
        comma = false;
    }

    /** An enum symbol, quoted. */
    @Override
    void string(Quoted quotedSymbol) {
        separate();
        putQuoted(quotedSymbol);
        comma = true;
    }

    @Override
    void string(String value) {
        separate();
        quoted(value);
        comma = true;
    }

    @Override
    void utf8String(byte[] bytes, int offset, int length) {
        separate();
        utf8Quoted(bytes, offset, length);
        comma = true;
    }

    @Override
    void number(int value) {
        number((long) value);
    }

    @Override
    void number(long value) {
        separate();
        if (latin != null && value > Long.MIN_VALUE) {
            // digits straight into the buffer, no String per number
            room(20);
            if (value < 0) {
                latin[len++] = '-';
                value = -value;
            }
            len = ShortDecimal.digitsOf(value, latin, len);
        } else {
            put(Long.toString(value));
        }
        comma = true;
    }

    @Override
    void number(double value) {
        separate();
        int length = -1;
        if (latin != null) {
            room(ShortDecimal.MAX_LENGTH);
            length = ShortDecimal.format(value, latin, len);
        }
        if (length >= 0) {
            len += length;
        } else {
            put(Double.toString(value));
        }
        comma = true;
    }

    @Override
    void number(float value) {
        separate();
        put(Float.toString(value));
        comma = true;
    }

    @Override
    void bool(boolean value) {
        separate();
        put(value ? "true" : "false");
        comma = true;
    }

    @Override
    void nullValue() {
        separate();
        put("null");
        comma = true;
    }

    /** Bytes that JSON text carries as they are: printable ASCII except the quote and the backslash. */
    private static final boolean[] VERBATIM = new boolean[256];

    static {
        for (int b = 0x20; b < 0x80; b++) {
            VERBATIM[b] = b != '"' && b != '\\';
        }
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * Index of the first byte in {@code bytes[from..end)} that is not {@link #VERBATIM}, or {@code end}.
     * Eight bytes at a time: a word passes when none of its bytes has the high bit set, is below 0x20, or is
     * a quote or backslash (the usual zero-byte tricks, exact because no byte has its high bit set).
     */
    static int verbatimUpTo(byte[] bytes, int from, int end) {
        int i = from;
        for (; i + 8 <= end; i += 8) {
            long word = (long) LONGS.get(bytes, i);
            long control = word - ONES * 0x20;
            long quote = (word ^ (ONES * '"')) - ONES;
            long backslash = (word ^ (ONES * '\\')) - ONES;
            if (((word | control | quote | backslash) & HIGHS) != 0) {
                break;
            }
        }
        while (i < end && VERBATIM[bytes[i] & 0xff]) {
            i++;
        }
        return i;
    }

    /** UTF-8 bytes as a JSON string: printable ASCII is copied as is, anything else is decoded first. */
    private void utf8Quoted(byte[] bytes, int offset, int length) {
        if (latin != null) {
            if (verbatimUpTo(bytes, offset, offset + length) == offset + length) {
                room(length + 2);
                latin[len++] = '"';
                System.arraycopy(bytes, offset, latin, len, length);
                len += length;
                latin[len++] = '"';
                return;
            }
        }
        quoted(new String(bytes, offset, length, StandardCharsets.UTF_8));
    }

    private void quoted(String s) {
        int n = s.length();
        room(n + 2);
        putUnchecked('"');
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                // rare: the rest goes through the escaping path
                escaped(s, i);
                put('"');
                return;
            }
            putUnchecked(c);
        }
        putUnchecked('"');
    }

    private void escaped(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> put("\\\"");
                case '\\' -> put("\\\\");
                case '\b' -> put("\\b");
                case '\t' -> put("\\t");
                case '\f' -> put("\\f");
                case '\n' -> put("\\n");
                case '\r' -> put("\\r");
                default -> {
                    if (c < 0x20) {
                        put("\\u00");
                        put(HEX[c >> 4]);
                        put(HEX[c & 0xF]);
                    } else {
                        put(c);
                    }
                }
            }
        }
    }

    /** A string already escaped and quoted: as Latin-1 bytes when it fits, and always as chars. */
    static final class Quoted {
        final String plain;
        final byte[] latin;
        final char[] chars;

        private Quoted(String plain, byte[] latin, char[] chars) {
            this.plain = plain;
            this.latin = latin;
            this.chars = chars;
        }

        static Quoted of(String name, boolean colon) {
            JsonText one = new JsonText(16);
            one.quoted(name);
            if (colon) {
                one.put(':');
            }
            String text = one.text();
            boolean fits = text.chars().allMatch(c -> c <= 0xff);
            return new Quoted(name, fits ? text.getBytes(StandardCharsets.ISO_8859_1) : null, text.toCharArray());
        }
    }
}
