package dev.backtrack.redrive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backtrack.codec.DecodedPart;
import dev.backtrack.codec.RecordDecoder;
import dev.backtrack.codec.SchemaInfo;
import dev.backtrack.codec.ValueEncoder;
import dev.backtrack.codec.WireFormat;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RegistrySettings;
import java.util.List;

/**
 * Opens payloads for editing with the codec engine: a registry-framed payload (Avro, Protobuf, JSON Schema)
 * is decoded to readable JSON and re-encoded by {@link ValueEncoder} with the same writer schema, id, id
 * location and message indexes; anything else goes to {@link PlainPayloads} (JSON, text, null). A payload
 * that cannot be decoded (unknown schema id, registry down, corrupt bytes) cannot be edited and says why.
 */
public final class RegistryPayloadCodec implements PayloadCodec {
    private final RecordDecoder decoder;
    private final ValueEncoder encoder;

    public RegistryPayloadCodec(RecordDecoder decoder, ValueEncoder encoder) {
        this.decoder = decoder;
        this.encoder = encoder;
    }

    /** A codec for a registry (may be null: then only schemaless payloads can be edited). */
    public static RegistryPayloadCodec of(RegistrySettings registry) {
        return new RegistryPayloadCodec(new RecordDecoder(registry), new ValueEncoder(registry));
    }

    @Override
    public boolean schemaless(byte[] bytes, List<RawHeader> headers, boolean key) {
        return bytes == null || WireFormat.detect(bytes, headers, key) == null;
    }

    @Override
    public EditablePayload open(byte[] bytes, List<RawHeader> headers, boolean key) {
        if (schemaless(bytes, headers, key)) {
            // without registry framing the decoder could only render JSON, text or hex: opening it directly saves a
            // second parse (and rendering) of every value of a bulk edit
            return PlainPayloads.open(bytes, key);
        }
        DecodedPart part = decoder.decodePart(bytes, headers, key, null);
        String what = key ? "key" : "value";
        if (part.failed()) {
            throw new EditException("", "the " + what + " cannot be edited because it does not decode: " + part.error());
        }
        SchemaInfo schema = part.schema();
        if (schema != null && part.format().usesRegistry()) {
            return new Registry(part.json(), schema, key, encoder);
        }
        return PlainPayloads.open(bytes, key);
    }

    private record Registry(JsonNode json, SchemaInfo schema, boolean key, ValueEncoder encoder) implements EditablePayload {
        @Override
        public byte[] encode(JsonNode edited) {
            return encoder.encode(schema, edited, key).bytes();
        }

        @Override
        public String describe() {
            String type = switch (schema.type()) {
                case AVRO -> "Avro";
                case PROTOBUF -> "Protobuf";
                case JSON -> "JSON Schema";
            };
            return type + " (schema id " + (schema.id() != null ? schema.id() : schema.guid()) + ")";
        }

        @Override
        public Integer schemaId() {
            return schema.id();
        }
    }
}
