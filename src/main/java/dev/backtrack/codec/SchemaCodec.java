package dev.backtrack.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Schema-aware conversion between a registry schema's binary form and readable JSON, in both directions,
 * for Avro, Protobuf and JSON Schema. Decoding failures are {@link IllegalArgumentException}s with a reason;
 * encoding failures are {@link EncodeException}s with the field path.
 */
final class SchemaCodec {
    private static final ObjectMapper JSON = new ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final JsonFormat.Printer PROTO_PRINTER = JsonFormat.printer().preservingProtoFieldNames()
            .alwaysPrintFieldsWithNoPresence().omittingInsignificantWhitespace();
    private static final JsonFormat.Parser PROTO_PARSER = JsonFormat.parser();

    private SchemaCodec() {
    }

    /** Decodes {@code bytes[offset..]}; {@code messageIndexes} selects the Protobuf message type. */
    static JsonNode decode(ParsedSchemas parsed, RegisteredSchema schema, byte[] bytes, int offset, List<Integer> messageIndexes) {
        return switch (schema.type()) {
            case AVRO -> decodeAvro(parsed, schema, bytes, offset);
            case PROTOBUF -> decodeProtobuf(parsed, schema, bytes, offset, messageIndexes);
            case JSON -> decodeJson(schema, bytes, offset);
        };
    }

    private static JsonNode decodeAvro(ParsedSchemas parsed, RegisteredSchema schema, byte[] bytes, int offset) {
        org.apache.avro.Schema avro = parsed.avro(schema);
        try {
            return AvroBinaryReader.decode(avro, bytes, offset);
        } catch (AvroBinaryReader.AvroDataException e) {
            throw avroFailure(schema, e);
        }
    }

    /**
     * Avro to display text in one pass; the tree is built only when asked for. Both decode the same bytes
     * with the same schema, so once the text pass succeeded the tree pass does too.
     */
    static DecodedPart decodeAvroPart(ParsedSchemas parsed, RegisteredSchema schema, byte[] bytes, int offset, SchemaInfo info) {
        return decodeAvroPart(parsed, schema, bytes, offset, info, false);
    }

    /**
     * With {@code renderLater}, the payload is only checked now (the same checks and errors as rendering it)
     * and its text is rendered when first asked for: a scan that tests many records shows few of them.
     */
    static DecodedPart decodeAvroPart(ParsedSchemas parsed, RegisteredSchema schema, byte[] bytes, int offset, SchemaInfo info,
                                      boolean renderLater) {
        org.apache.avro.Schema avro = parsed.avro(schema);
        try {
            if (renderLater) {
                AvroBinaryReader.check(avro, bytes, offset);
                return DecodedPart.renderedLater(Format.AVRO, info, new AvroSource(avro, bytes, offset));
            }
            String text = AvroBinaryReader.text(avro, bytes, offset);
            return DecodedPart.deferredPlain(Format.AVRO, text, info, new AvroSource(avro, bytes, offset));
        } catch (AvroBinaryReader.AvroDataException e) {
            throw avroFailure(schema, e);
        }
    }

    /** An Avro payload that decoded: its text and tree (built once, on first use) and its plain values (for filters). */
    private static final class AvroSource implements DecodedPart.TextSource {
        private final org.apache.avro.Schema schema;
        private final byte[] bytes;
        private final int offset;
        private volatile JsonNode tree;
        private volatile String text;

        AvroSource(org.apache.avro.Schema schema, byte[] bytes, int offset) {
            this.schema = schema;
            this.bytes = bytes;
            this.offset = offset;
        }

        @Override
        public JsonNode get() {
            JsonNode t = tree;
            if (t == null) {
                synchronized (this) {
                    t = tree;
                    if (t == null) {
                        t = AvroBinaryReader.decode(schema, bytes, offset);
                        tree = t;
                    }
                }
            }
            return t;
        }

        @Override
        public String text() {
            String t = text;
            if (t == null) {
                // the payload was checked when the part was made, with the same reader: rendering it succeeds
                t = AvroBinaryReader.text(schema, bytes, offset);
                text = t;
            }
            return t;
        }

        @Override
        public Object plain(Object nullValue) {
            return AvroPlainReader.read(schema, bytes, offset, nullValue);
        }
    }

    private static IllegalArgumentException avroFailure(RegisteredSchema schema, AvroBinaryReader.AvroDataException e) {
        String kind = e.getMessage().startsWith("needs ") ? "truncated" : "corrupt";
        return new IllegalArgumentException(kind + " Avro payload for schema id " + schema.id() + ": " + e.getMessage(), e);
    }

    private static JsonNode decodeProtobuf(ParsedSchemas parsed, RegisteredSchema schema, byte[] bytes, int offset, List<Integer> indexes) {
        Descriptor descriptor = ProtobufSchemas.message(parsed.protobuf(schema), indexes);
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes, offset, bytes.length - offset);
            DynamicMessage message = DynamicMessage.parseFrom(descriptor, in);
            return JSON.readTree(PROTO_PRINTER.print(message));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("corrupt Protobuf payload for schema id " + schema.id() + " (" + descriptor.getFullName()
                    + "): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("Protobuf payload for schema id " + schema.id() + " cannot be shown as JSON: " + e.getMessage(), e);
        }
    }

    private static JsonNode decodeJson(RegisteredSchema schema, byte[] bytes, int offset) {
        String text = RecordDecoder.strictUtf8(java.util.Arrays.copyOfRange(bytes, offset, bytes.length));
        if (text == null) {
            throw new IllegalArgumentException("JSON Schema payload for schema id " + schema.id() + " is not valid UTF-8");
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("JSON Schema payload for schema id " + schema.id() + " is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("JSON Schema payload for schema id " + schema.id() + " is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Encodes readable JSON to the schema's binary form (without any framing). */
    static byte[] encode(ParsedSchemas parsed, RegisteredSchema schema, JsonNode value, List<Integer> messageIndexes) {
        return switch (schema.type()) {
            case AVRO -> AvroJsonWriter.encode(usable(() -> parsed.avro(schema)), value);
            case PROTOBUF -> encodeProtobuf(parsed, schema, value, messageIndexes);
            case JSON -> encodeJson(parsed, schema, value);
        };
    }

    private static byte[] encodeProtobuf(ParsedSchemas parsed, RegisteredSchema schema, JsonNode value, List<Integer> indexes) {
        Descriptor descriptor = usable(() -> ProtobufSchemas.message(parsed.protobuf(schema), indexes == null ? List.of(0) : indexes));
        if (value == null || !value.isObject()) {
            throw new EncodeException("$", "expected an object (message " + descriptor.getFullName() + ")");
        }
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(descriptor);
        try {
            PROTO_PARSER.merge(value.toString(), builder);
        } catch (InvalidProtocolBufferException e) {
            throw new EncodeException("$", "does not fit message " + descriptor.getFullName() + ": " + e.getMessage(), e);
        }
        return builder.build().toByteArray();
    }

    private static byte[] encodeJson(ParsedSchemas parsed, RegisteredSchema schema, JsonNode value) {
        JsonSchema jsonSchema = usable(() -> parsed.jsonSchema(schema));
        Set<ValidationMessage> problems = jsonSchema.validate(value);
        if (!problems.isEmpty()) {
            ValidationMessage first = problems.stream().min(Comparator.comparing(m -> m.getInstanceLocation().toString())).orElseThrow();
            String path = first.getInstanceLocation().toString();
            String message = first.getMessage();
            if (message.startsWith(path + ": ")) {
                message = message.substring(path.length() + 2);
            }
            throw new EncodeException(path, message);
        }
        return value.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static <T> T usable(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new EncodeException("$", e.getMessage(), e);
        }
    }
}
