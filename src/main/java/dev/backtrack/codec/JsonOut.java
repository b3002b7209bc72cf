package dev.backtrack.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Where {@link AvroBinaryReader} writes the readable JSON: {@link Text} straight into a StringBuilder (the
 * display text: compact, escaped exactly like Jackson's default generator, without its buffers and
 * context objects), or {@link Generator} into a Jackson generator (a token buffer for the tree).
 */
abstract sealed class JsonOut permits JsonOut.Text, JsonOut.Generator {
    abstract void startObject() throws IOException;

    abstract void endObject() throws IOException;

    abstract void startArray() throws IOException;

    abstract void endArray() throws IOException;

    abstract void fieldName(String name) throws IOException;

    abstract void string(String value) throws IOException;

    abstract void number(int value) throws IOException;

    abstract void number(long value) throws IOException;

    /** A finite double (non-finite ones are written as strings by the caller). */
    abstract void number(double value) throws IOException;

    /** A finite float. */
    abstract void number(float value) throws IOException;

    abstract void bool(boolean value) throws IOException;

    abstract void nullValue() throws IOException;

    /**
     * Compact JSON text in a growable char array (cheaper per character than a StringBuilder); the escapes
     * are Jackson's defaults ({@code \" \\ \b \t \n \f \r}, other controls as {@code \\u00XX}).
     */
    static final class Text extends JsonOut {
        private static final char[] HEX = "0123456789ABCDEF".toCharArray();
        // parsed schemas are cached and shared, so lookups hit the identity check of Schema.equals (hash codes are cached)
        private static final Map<org.apache.avro.Schema, char[][]> QUOTED_NAMES = new java.util.concurrent.ConcurrentHashMap<>();
        private char[] buf;
        private int len;
        private boolean comma;

        Text(int capacity) {
            buf = new char[Math.max(16, capacity)];
        }

        /** The text written so far. */
        String text() {
            return new String(buf, 0, len);
        }

        private void room(int more) {
            if (len + more > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
            }
        }

        private void put(char c) {
            room(1);
            buf[len++] = c;
        }

        private void put(String s) {
            int n = s.length();
            room(n);
            s.getChars(0, n, buf, len);
            len += n;
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

        /** A field name already quoted and followed by its colon ({@link #quotedNames}). */
        void fieldName(char[] quotedWithColon) {
            separate();
            room(quotedWithColon.length);
            System.arraycopy(quotedWithColon, 0, buf, len, quotedWithColon.length);
            len += quotedWithColon.length;
            comma = false;
        }

        /** A record schema's field names as {@code "name":}, escaped once per schema instead of once per record. */
        static char[][] quotedNames(org.apache.avro.Schema record) {
            char[][] names = QUOTED_NAMES.get(record);
            if (names == null) {
                List<org.apache.avro.Schema.Field> fields = record.getFields();
                names = new char[fields.size()][];
                for (int i = 0; i < names.length; i++) {
                    Text one = new Text(16);
                    one.quoted(fields.get(i).name());
                    one.put(':');
                    names[i] = java.util.Arrays.copyOf(one.buf, one.len);
                }
                if (QUOTED_NAMES.size() > 10_000) {
                    QUOTED_NAMES.clear();
                }
                QUOTED_NAMES.put(record, names);
            }
            return names;
        }

        @Override
        void string(String value) {
            separate();
            quoted(value);
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
            put(Double.toString(value));
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

        private void quoted(String s) {
            int n = s.length();
            room(n + 2);
            buf[len++] = '"';
            s.getChars(0, n, buf, len);
            int end = len + n;
            for (int i = len; i < end; i++) {
                char c = buf[i];
                if (c < 0x20 || c == '"' || c == '\\') {
                    // rare: rewrite from the first character that needs an escape
                    len = i;
                    escaped(s, i - (end - n));
                    put('"');
                    return;
                }
            }
            len = end;
            buf[len++] = '"';
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
    }

    /** Forwards to a Jackson generator. */
    static final class Generator extends JsonOut {
        private final JsonGenerator out;

        Generator(JsonGenerator out) {
            this.out = out;
        }

        @Override
        void startObject() throws IOException {
            out.writeStartObject();
        }

        @Override
        void endObject() throws IOException {
            out.writeEndObject();
        }

        @Override
        void startArray() throws IOException {
            out.writeStartArray();
        }

        @Override
        void endArray() throws IOException {
            out.writeEndArray();
        }

        @Override
        void fieldName(String name) throws IOException {
            out.writeFieldName(name);
        }

        @Override
        void string(String value) throws IOException {
            out.writeString(value);
        }

        @Override
        void number(int value) throws IOException {
            out.writeNumber(value);
        }

        @Override
        void number(long value) throws IOException {
            out.writeNumber(value);
        }

        @Override
        void number(double value) throws IOException {
            out.writeNumber(value);
        }

        @Override
        void number(float value) throws IOException {
            out.writeNumber(value);
        }

        @Override
        void bool(boolean value) throws IOException {
            out.writeBoolean(value);
        }

        @Override
        void nullValue() throws IOException {
            out.writeNull();
        }
    }
}
