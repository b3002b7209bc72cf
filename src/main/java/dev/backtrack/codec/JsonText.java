package dev.backtrack.codec;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Compact JSON text. It is built as Latin-1 bytes while every character fits in one (the usual case: the
 * String is then a plain copy of the bytes, and ASCII strings of the payload are copied without being
 * decoded first), and switches to UTF-16 chars at the first character above U+00FF. The escapes are
 * Jackson's defaults ({@code \" \\ \b \t \n \f \r}, other controls as {@code \\u00XX}).
 */
final class JsonText extends JsonOut {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    // parsed schemas are cached and shared, so lookups hit the identity check of Schema.equals (hash codes are cached)
    private static final Map<org.apache.avro.Schema, Quoted[]> QUOTED = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Map<org.apache.avro.Schema, RecordFields> RECORDS = new java.util.concurrent.ConcurrentHashMap<>();
    private byte[] latin;
    private char[] wide;
    private int len;
    private boolean comma;
    private final byte[] digits = new byte[ShortDecimal.MAX_LENGTH];

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

    /** A name or symbol already quoted (field names also followed by their colon), see {@link #recordFields}. */
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

    /** A field name from {@link #recordFields}. */
    void fieldName(Quoted quotedWithColon) {
        separate();
        putQuoted(quotedWithColon);
        comma = false;
    }

    /** An enum symbol from {@link #quotedSymbols}. */
    void string(Quoted quotedSymbol) {
        separate();
        putQuoted(quotedSymbol);
        comma = true;
    }

    /** A record schema's fields: names as {@code "name":} (escaped once per schema instead of once per record) and schemas. */
    record RecordFields(Quoted[] names, org.apache.avro.Schema[] schemas) {
    }

    static RecordFields recordFields(org.apache.avro.Schema record) {
        RecordFields fields = RECORDS.get(record);
        if (fields == null) {
            List<org.apache.avro.Schema.Field> all = record.getFields();
            Quoted[] names = new Quoted[all.size()];
            org.apache.avro.Schema[] schemas = new org.apache.avro.Schema[all.size()];
            for (int i = 0; i < names.length; i++) {
                names[i] = Quoted.of(all.get(i).name(), true);
                schemas[i] = all.get(i).schema();
            }
            fields = new RecordFields(names, schemas);
            if (RECORDS.size() > 10_000) {
                RECORDS.clear();
            }
            RECORDS.put(record, fields);
        }
        return fields;
    }

    /** An enum schema's symbols as JSON strings, escaped once per schema. */
    static Quoted[] quotedSymbols(org.apache.avro.Schema enumSchema) {
        Quoted[] symbols = QUOTED.get(enumSchema);
        if (symbols == null) {
            List<String> all = enumSchema.getEnumSymbols();
            symbols = new Quoted[all.size()];
            for (int i = 0; i < symbols.length; i++) {
                symbols[i] = Quoted.of(all.get(i), false);
            }
            remember(enumSchema, symbols);
        }
        return symbols;
    }

    private static void remember(org.apache.avro.Schema schema, Quoted[] quoted) {
        if (QUOTED.size() > 10_000) {
            QUOTED.clear();
        }
        QUOTED.put(schema, quoted);
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
        if (value >= 0 && value < 10) {
            put((char) ('0' + value));
        } else {
            put(Long.toString(value));
        }
        comma = true;
    }

    @Override
    void number(double value) {
        separate();
        int length = ShortDecimal.format(value, digits);
        if (length >= 0) {
            putAscii(digits, length);
        } else {
            put(Double.toString(value));
        }
        comma = true;
    }

    private void putAscii(byte[] chars, int length) {
        room(length);
        if (latin != null) {
            System.arraycopy(chars, 0, latin, len, length);
            len += length;
        } else {
            for (int i = 0; i < length; i++) {
                wide[len++] = (char) chars[i];
            }
        }
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

    /** UTF-8 bytes as a JSON string: printable ASCII is copied as is, anything else is decoded first. */
    private void utf8Quoted(byte[] bytes, int offset, int length) {
        if (latin != null) {
            int end = offset + length;
            int i = offset;
            while (i < end && VERBATIM[bytes[i] & 0xff]) {
                i++;
            }
            if (i == end) {
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
        final byte[] latin;
        final char[] chars;

        private Quoted(byte[] latin, char[] chars) {
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
            return new Quoted(fits ? text.getBytes(StandardCharsets.ISO_8859_1) : null, text.toCharArray());
        }
    }
}
