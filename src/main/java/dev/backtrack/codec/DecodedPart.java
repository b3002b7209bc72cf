package dev.backtrack.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A decoded key or value. {@code json} is the readable structure (Avro/Protobuf/JSON Schema rendered as
 * JSON, plain JSON, or a JSON string/number for text and numbers); {@code text} is what a table cell or a
 * CLI line shows. When decoding failed, {@code error} says why in one sentence ("unknown schema id 9001 at
 * registry …", "truncated Avro: …"), {@code format} is the fallback used for display (usually HEX) and the
 * raw bytes stay on the record. {@code schema} is set for registry formats.
 * <p>
 * Avro parts are decoded straight to {@code text}; their tree is built on the first {@link #json()} call
 * ({@code deferredJson}, computed once), so a page that only shows text never pays for trees. Parts decoded
 * for a filter ({@link RecordDecoder#decodeForFilter}) are checked when made and render their text on the
 * first {@link #text()} call too: a scan renders only the records it keeps.
 */
public record DecodedPart(Format format, JsonNode json, String text, SchemaInfo schema, String error,
                          @com.fasterxml.jackson.annotation.JsonIgnore Supplier<JsonNode> deferredJson) {
    public DecodedPart(Format format, JsonNode json, String text, SchemaInfo schema, String error) {
        this(format, json, text, schema, error, null);
    }

    /** A part whose tree is built on first use by {@code tree} (called at most once). */
    static DecodedPart deferred(Format format, String text, SchemaInfo schema, Supplier<JsonNode> tree) {
        return new DecodedPart(format, null, text, schema, null, new Once<>(tree));
    }

    /** A part whose tree, and plain values, come from {@code source} on demand (it memoizes the tree itself). */
    static DecodedPart deferredPlain(Format format, String text, SchemaInfo schema, PlainSource source) {
        return new DecodedPart(format, null, text, schema, null, source);
    }

    /** A part checked already whose text, tree and plain values all come from {@code source} on demand. */
    static DecodedPart renderedLater(Format format, SchemaInfo schema, TextSource source) {
        return new DecodedPart(format, null, null, schema, null, source);
    }

    /**
     * The decoded structure as plain Java values, read straight from the payload without a JSON tree (maps,
     * lists, Long, Double, String, Boolean; {@code nullValue} for nulls), or null when this part has no such
     * form: then use {@link #json()}. Not cached: each call decodes again.
     */
    public Object plainValue(Object nullValue) {
        return deferredJson instanceof PlainSource source ? source.plain(nullValue) : null;
    }

    /** A deferred tree that can also give the plain values of {@link #plainValue}. */
    interface PlainSource extends Supplier<JsonNode> {
        Object plain(Object nullValue);
    }

    /** A plain source that also renders the display text (once, on first use). */
    interface TextSource extends PlainSource {
        String text();
    }

    @Override
    public String text() {
        return text == null && deferredJson instanceof TextSource source ? source.text() : text;
    }

    @Override
    public JsonNode json() {
        return json != null || deferredJson == null ? json : deferredJson.get();
    }

    public boolean failed() {
        return error != null;
    }

    public static DecodedPart nullPart() {
        return new DecodedPart(Format.NULL, com.fasterxml.jackson.databind.node.NullNode.getInstance(), "null", null, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecodedPart p && format == p.format && Objects.equals(text(), p.text()) && Objects.equals(schema, p.schema)
                && Objects.equals(error, p.error) && Objects.equals(json(), p.json());
    }

    @Override
    public int hashCode() {
        return Objects.hash(format, text(), schema, error);
    }

    @Override
    public String toString() {
        return "DecodedPart[format=" + format + ", text=" + text() + ", schema=" + schema + ", error=" + error + "]";
    }

    /** Computes a value once, on first use, thread-safely. */
    private static final class Once<T> implements Supplier<T> {
        private Supplier<T> source;
        private volatile T value;

        Once(Supplier<T> source) {
            this.source = source;
        }

        @Override
        public T get() {
            T v = value;
            if (v == null) {
                synchronized (this) {
                    v = value;
                    if (v == null) {
                        v = source.get();
                        value = v;
                        source = null;
                    }
                }
            }
            return v;
        }
    }
}
