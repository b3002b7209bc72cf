package dev.backtrack.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Where {@link AvroBinaryReader} writes the readable JSON: {@link JsonText} straight into a buffer (the
 * display text: compact, escaped exactly like Jackson's default generator, without its buffers and
 * context objects), {@link Generator} into a Jackson generator (a token buffer for the tree), or
 * {@link Discard} nowhere (only checking that the payload decodes).
 */
abstract sealed class JsonOut permits JsonText, JsonOut.Generator, JsonOut.Discard {
    abstract void startObject() throws IOException;

    abstract void endObject() throws IOException;

    abstract void startArray() throws IOException;

    abstract void endArray() throws IOException;

    abstract void fieldName(String name) throws IOException;

    abstract void string(String value) throws IOException;

    /** A record field's name, compiled in its {@link AvroPlan}. */
    void fieldName(JsonText.Quoted name) throws IOException {
        fieldName(name.plain);
    }

    /** An enum symbol, compiled in its {@link AvroPlan}. */
    void string(JsonText.Quoted symbol) throws IOException {
        string(symbol.plain);
    }

    /** A string given as UTF-8 bytes (decoding them can not fail: malformed input becomes U+FFFD, as in {@code new String}). */
    abstract void utf8String(byte[] bytes, int offset, int length) throws IOException;

    /** A field name given as UTF-8 bytes. */
    abstract void utf8FieldName(byte[] bytes, int offset, int length) throws IOException;

    /** True when nothing is written, so callers may skip building values. */
    boolean discards() {
        return false;
    }

    abstract void number(int value) throws IOException;

    abstract void number(long value) throws IOException;

    /** A finite double (non-finite ones are written as strings by the caller). */
    abstract void number(double value) throws IOException;

    /** A finite float. */
    abstract void number(float value) throws IOException;

    abstract void bool(boolean value) throws IOException;

    abstract void nullValue() throws IOException;

    /** Writes nothing: for checking that a payload decodes, without building its text. */
    static final class Discard extends JsonOut {
        @Override
        void startObject() {
        }

        @Override
        void endObject() {
        }

        @Override
        void startArray() {
        }

        @Override
        void endArray() {
        }

        @Override
        void fieldName(String name) {
        }

        @Override
        void utf8FieldName(byte[] bytes, int offset, int length) {
        }

        @Override
        void string(String value) {
        }

        @Override
        void utf8String(byte[] bytes, int offset, int length) {
        }

        @Override
        void number(int value) {
        }

        @Override
        void number(long value) {
        }

        @Override
        void number(double value) {
        }

        @Override
        void number(float value) {
        }

        @Override
        void bool(boolean value) {
        }

        @Override
        void nullValue() {
        }

        @Override
        boolean discards() {
            return true;
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
        void utf8String(byte[] bytes, int offset, int length) throws IOException {
            out.writeString(new String(bytes, offset, length, StandardCharsets.UTF_8));
        }

        @Override
        void utf8FieldName(byte[] bytes, int offset, int length) throws IOException {
            out.writeFieldName(new String(bytes, offset, length, StandardCharsets.UTF_8));
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
