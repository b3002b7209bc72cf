package dev.backtrack.codec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Descriptors.Descriptor;
import dev.backtrack.BacktrackException;
import dev.backtrack.kafka.RegistrySettings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Turns an edited, readable value back into bytes. With a {@link SchemaInfo} from a decoded record the
 * result keeps the SAME schema id and id location (v0/v1 prefix or id header) and, for Protobuf, the same
 * message indexes, so edit-and-resend changes only what the user edited. Encoding by subject version (for a
 * produce form) frames with that version's id (v0). Values that do not fit throw {@link EncodeException}
 * with the field path; registry problems throw {@link BacktrackException}s.
 */
public final class ValueEncoder {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final SchemaRegistryClient client;

    /** {@code registry} may be null: then only schema text carried by the {@link SchemaInfo} is used. */
    public ValueEncoder(RegistrySettings registry) {
        this.client = registry == null ? null : SchemaRegistryClient.shared(registry);
    }

    private ValueEncoder(SchemaRegistryClient client) {
        this.client = client;
    }

    /** An encoder on an existing client (and its schema cache); {@code client} may be null for no registry. */
    public static ValueEncoder using(SchemaRegistryClient client) {
        return new ValueEncoder(client);
    }

    /** Encodes with the writer schema of a decoded part: same id, same id location, same message indexes. */
    public EncodedPart encode(SchemaInfo schema, JsonNode value, boolean key) {
        RegisteredSchema registered = resolve(schema);
        ParsedSchemas parsed = client != null ? client.parsed() : new ParsedSchemas(null);
        byte[] body = SchemaCodec.encode(parsed, registered, value, schema.messageIndexes());
        return new EncodedPart(WireFormat.frame(schema, body), WireFormat.idHeader(schema, key));
    }

    /** Encodes a value with a prefix-framed schema; for the header id location use {@link #encode(SchemaInfo, JsonNode, boolean)}. */
    public byte[] encodeValue(SchemaInfo schema, JsonNode value) {
        if (schema.idLocation() == SchemaInfo.IdLocation.HEADER) {
            throw new BacktrackException("schema id " + schema.id() + " travels in a header; encode with encode(schema, value, key) to get that header");
        }
        return encode(schema, value, false).bytes();
    }

    /** The schema of a subject version ({@code "latest"} or a number) as v0-framed writer schema info. */
    public SchemaInfo schemaForSubject(String subject, String version, String protobufMessage) {
        if (client == null) {
            throw new BacktrackException("encoding by subject needs a schema registry; none is configured");
        }
        RegisteredSchema registered = client.getVersion(subject, version == null ? "latest" : version);
        List<Integer> indexes = null;
        if (registered.type() == SchemaInfo.SchemaType.PROTOBUF) {
            try {
                var file = client.parsed().protobuf(registered);
                Descriptor message = protobufMessage == null ? ProtobufSchemas.message(file, List.of(0)) : ProtobufSchemas.byName(file, protobufMessage);
                indexes = ProtobufSchemas.indexesOf(message);
            } catch (IllegalArgumentException e) {
                throw new BacktrackException("subject " + subject + " version " + registered.version() + ": " + e.getMessage(), e);
            }
        }
        return new SchemaInfo(registered.id(), registered.guid(), registered.type(), SchemaInfo.IdLocation.PREFIX_V0,
                registered.subject(), registered.version(), registered.schema(), indexes);
    }

    /** Encodes a new value with a subject version (produce form); Protobuf uses the first message unless named. */
    public EncodedPart encodeForSubject(String subject, String version, String protobufMessage, JsonNode value, boolean key) {
        return encode(schemaForSubject(subject, version, protobufMessage), value, key);
    }

    /** Parses readable JSON text, for callers that hold the edited value as text. */
    public static JsonNode parseJson(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new EncodeException("$", "the value is empty; expected JSON");
            }
            return node;
        } catch (IOException e) {
            throw new EncodeException("$", "not valid JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /**
     * Bytes for a schemaless format from the text a user typed: TEXT as UTF-8; JSON checked and kept as typed;
     * HEX and BASE64 decoded; INT/LONG big-endian; UUID as 16 bytes; NULL as null.
     */
    public static byte[] encodePlain(Format format, String text) {
        if (format == Format.NULL) {
            return null;
        }
        if (text == null) {
            throw new EncodeException("$", "a " + format + " value is required");
        }
        try {
            return switch (format) {
                case TEXT -> text.getBytes(StandardCharsets.UTF_8);
                case JSON -> {
                    parseJson(text);
                    yield text.getBytes(StandardCharsets.UTF_8);
                }
                case HEX -> HexFormat.of().parseHex(text.replaceAll("\\s", ""));
                case BASE64 -> Base64.getDecoder().decode(text.trim());
                case INT -> ByteBuffer.allocate(4).putInt(Integer.parseInt(text.trim())).array();
                case LONG -> ByteBuffer.allocate(8).putLong(Long.parseLong(text.trim())).array();
                case UUID -> {
                    UUID uuid = UUID.fromString(text.trim());
                    yield ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array();
                }
                case AVRO, PROTOBUF, JSON_SCHEMA -> throw new EncodeException("$", format + " needs a schema; encode by subject or with the record's schema");
                case NULL -> null;
            };
        } catch (IllegalArgumentException e) {
            throw new EncodeException("$", "not a valid " + format + " value: " + e.getMessage(), e);
        }
    }

    private RegisteredSchema resolve(SchemaInfo schema) {
        if (schema.type() == null) {
            throw new BacktrackException("the schema info has no schema type");
        }
        if (client != null && schema.id() != null) {
            RegisteredSchema registered = client.getSchemaById(schema.id());
            if (registered.type() != schema.type()) {
                throw new BacktrackException("schema id " + schema.id() + " is a " + registered.type() + " schema, not " + schema.type());
            }
            return registered;
        }
        if (client != null && schema.guid() != null) {
            return client.getSchemaByGuid(schema.guid());
        }
        if (schema.schemaText() == null) {
            throw new BacktrackException("schema id " + schema.id() + " is unknown here: no registry and no schema text");
        }
        return new RegisteredSchema(schema.id() == null ? 0 : schema.id(), schema.guid(), schema.subject(), schema.version(),
                schema.type(), schema.schemaText(), List.of());
    }
}
