package dev.backtrack.codec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.kafka.RegistrySettings;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Decodes keys and values of raw records, independently. Auto-detection: schema-registry framing (id
 * header, magic 0 + id, magic 1 + GUID) resolved through the registry, then JSON, then UTF-8 text, then
 * hex. A {@link DecoderChoice} forces a format per key/value. Never throws for bad bytes: a failure becomes
 * the {@link DecodedPart#error()} of that part (one sentence) and the raw bytes are shown as hex. Thread-safe.
 */
public final class RecordDecoder {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final RegistrySettings registry;
    private final SchemaRegistryClient client;

    /** {@code registry} may be null when no schema registry is configured. */
    public RecordDecoder(RegistrySettings registry) {
        this.registry = registry;
        this.client = registry == null ? null : SchemaRegistryClient.shared(registry);
    }

    private RecordDecoder(RegistrySettings registry, SchemaRegistryClient client) {
        this.registry = registry;
        this.client = client;
    }

    /** A decoder on an existing client (and its schema cache); {@code client} may be null for no registry. */
    public static RecordDecoder using(SchemaRegistryClient client) {
        return new RecordDecoder(null, client);
    }

    public RegistrySettings registry() {
        return registry;
    }

    /** The registry client this decoder uses, or null without a registry. */
    public SchemaRegistryClient client() {
        return client;
    }

    public DecodedRecord decode(RawRecord record) {
        return decode(record, DecoderChoice.AUTO);
    }

    public DecodedRecord decode(RawRecord record, DecoderChoice choice) {
        DecoderChoice c = choice == null ? DecoderChoice.AUTO : choice;
        return new DecodedRecord(record, decodePart(record.key(), record.headers(), true, c.keyFormat()),
                decodePart(record.value(), record.headers(), false, c.valueFormat()));
    }

    /**
     * The same result as {@link #decode(RawRecord, DecoderChoice)} (same formats, errors and text), for scans
     * that test many records and keep few: registry Avro parts are only checked here and render their text
     * and tree when first asked for, so a record a filter rejects is never rendered.
     */
    public DecodedRecord decodeForFilter(RawRecord record, DecoderChoice choice) {
        DecoderChoice c = choice == null ? DecoderChoice.AUTO : choice;
        return new DecodedRecord(record, decodePart(record.key(), record.headers(), true, c.keyFormat(), true),
                decodePart(record.value(), record.headers(), false, c.valueFormat(), true));
    }

    /** Decodes one key ({@code key == true}) or value; {@code format == null} means auto-detection. */
    public DecodedPart decodePart(byte[] bytes, List<RawHeader> headers, boolean key, Format format) {
        return decodePart(bytes, headers, key, format, false);
    }

    private DecodedPart decodePart(byte[] bytes, List<RawHeader> headers, boolean key, Format format, boolean renderLater) {
        try {
            return decodeUnchecked(bytes, headers, key, format, renderLater);
        } catch (RuntimeException | StackOverflowError e) {
            // last line of defence: a decoder bug must not lose the page
            return bytes == null ? DecodedPart.nullPart() : hex(bytes, "could not decode: " + e);
        }
    }

    private DecodedPart decodeUnchecked(byte[] bytes, List<RawHeader> headers, boolean key, Format format, boolean renderLater) {
        if (format == Format.NULL) {
            return bytes == null ? DecodedPart.nullPart()
                    : new DecodedPart(Format.NULL, NODES.nullNode(), "(" + bytes.length + " bytes, not decoded)", null, null);
        }
        if (bytes == null) {
            return DecodedPart.nullPart();
        }
        if (format == null) {
            WireFormat.Framing framing = WireFormat.detect(bytes, headers, key);
            if (framing != null && plausible(framing)) {
                return registryPart(bytes, framing, null, renderLater);
            }
            DecodedPart json = tryJson(bytes);
            if (json != null) {
                return json;
            }
            if (printableAscii(bytes)) {
                return text(new String(bytes, StandardCharsets.ISO_8859_1)); // the usual key: one pass, no decoder
            }
            String text = strictUtf8(bytes);
            return text != null && printable(text) ? text(text) : hex(bytes, null);
        }
        return switch (format) {
            case AVRO, PROTOBUF, JSON_SCHEMA -> {
                WireFormat.Framing framing = WireFormat.detect(bytes, headers, key);
                yield framing == null ? hex(bytes, "not framed for a schema registry (no magic byte 0/1 + schema id, no id header)")
                        : registryPart(bytes, framing, format, renderLater);
            }
            case JSON -> {
                DecodedPart json = tryJson(bytes);
                yield json != null ? json : hex(bytes, "not valid JSON");
            }
            case TEXT -> {
                String text = strictUtf8(bytes);
                yield text != null ? text(text) : hex(bytes, "not valid UTF-8");
            }
            case HEX -> hex(bytes, null);
            case BASE64 -> {
                String b64 = Base64.getEncoder().encodeToString(bytes);
                yield new DecodedPart(Format.BASE64, TextNode.valueOf(b64), b64, null, null);
            }
            case INT -> bytes.length == 4 ? number(Format.INT, ByteBuffer.wrap(bytes).getInt())
                    : hex(bytes, "an INT needs exactly 4 bytes, found " + bytes.length);
            case LONG -> bytes.length == 8 ? number(Format.LONG, ByteBuffer.wrap(bytes).getLong())
                    : hex(bytes, "a LONG needs exactly 8 bytes, found " + bytes.length);
            case UUID -> uuid(bytes);
            case NULL -> throw new IllegalStateException("handled above");
        };
    }

    /** In auto mode a magic-0 "id" of 0 or less is far more likely a binary number than registry framing. */
    private static boolean plausible(WireFormat.Framing framing) {
        return framing.id() == null || framing.id() > 0;
    }

    private DecodedPart registryPart(byte[] bytes, WireFormat.Framing framing, Format expected, boolean renderLater) {
        if (client == null) {
            return hex(bytes, "framed for " + idText(framing) + " but no schema registry is configured — showing raw bytes");
        }
        RegisteredSchema schema;
        try {
            schema = framing.id() != null ? client.getSchemaById(framing.id()) : client.getSchemaByGuid(framing.guid());
        } catch (RegistryUnavailableException e) {
            return hex(bytes, "registry unreachable: " + e.getMessage() + " — showing raw bytes");
        } catch (dev.backtrack.BacktrackException e) {
            return hex(bytes, e.getMessage());
        }
        Format format = formatOf(schema.type());
        if (expected != null && expected != format) {
            return hex(bytes, idText(framing) + " is a " + format + " schema, not " + expected);
        }
        List<Integer> indexes = null;
        int offset = framing.payloadOffset();
        SchemaInfo info = info(schema, framing, null);
        try {
            if (schema.type() == SchemaInfo.SchemaType.PROTOBUF) {
                byte[] indexSource = framing.headerValue() != null ? framing.headerValue() : bytes;
                int indexOffset = framing.headerValue() != null ? (framing.guid() != null ? 17 : 5) : offset;
                WireFormat.MessageIndexes read = WireFormat.readMessageIndexes(indexSource, indexOffset);
                indexes = read.indexes();
                if (framing.headerValue() == null) {
                    offset = read.end();
                }
                info = info(schema, framing, indexes);
            }
            if (schema.type() == SchemaInfo.SchemaType.AVRO) {
                return SchemaCodec.decodeAvroPart(client.parsed(), schema, bytes, offset, info, renderLater);
            }
            JsonNode json = SchemaCodec.decode(client.parsed(), schema, bytes, offset, indexes);
            return new DecodedPart(format, json, json.toString(), info, null);
        } catch (RegistryUnavailableException e) {
            return new DecodedPart(Format.HEX, hexNode(bytes), hexText(bytes), info,
                    "registry unreachable: " + e.getMessage() + " — showing raw bytes");
        } catch (IllegalArgumentException | dev.backtrack.BacktrackException e) {
            String message = e.getMessage();
            if (schema.type() == SchemaInfo.SchemaType.PROTOBUF && message != null && message.startsWith("truncated Protobuf message-index")) {
                message = "truncated Protobuf payload for " + idText(framing) + ": " + message;
            }
            return new DecodedPart(Format.HEX, hexNode(bytes), hexText(bytes), info, message);
        }
    }

    /** "schema id 7" or "schema GUID …", for messages (built only when one is needed). */
    private static String idText(WireFormat.Framing framing) {
        return framing.id() != null ? "schema id " + framing.id() : "schema GUID " + framing.guid();
    }

    static SchemaInfo info(RegisteredSchema schema, WireFormat.Framing framing, List<Integer> indexes) {
        Integer id = framing.id() != null ? framing.id() : schema.id() > 0 ? Integer.valueOf(schema.id()) : null;
        String guid = framing.guid() != null ? framing.guid() : schema.guid();
        return new SchemaInfo(id, guid, schema.type(), framing.location(), schema.subject(), schema.version(), schema.schema(), indexes);
    }

    static Format formatOf(SchemaInfo.SchemaType type) {
        return switch (type) {
            case AVRO -> Format.AVRO;
            case PROTOBUF -> Format.PROTOBUF;
            case JSON -> Format.JSON_SCHEMA;
        };
    }

    private static DecodedPart uuid(byte[] bytes) {
        if (bytes.length == 16) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            String text = new UUID(b.getLong(), b.getLong()).toString();
            return new DecodedPart(Format.UUID, TextNode.valueOf(text), text, null, null);
        }
        String text = strictUtf8(bytes);
        if (text != null) {
            try {
                String canonical = UUID.fromString(text.trim()).toString();
                if (canonical.equalsIgnoreCase(text.trim())) {
                    return new DecodedPart(Format.UUID, TextNode.valueOf(canonical), canonical, null, null);
                }
            } catch (IllegalArgumentException e) {
                // falls through to the error below
            }
        }
        return hex(bytes, "not a UUID (neither 16 bytes nor UUID text)");
    }

    private static DecodedPart number(Format format, long value) {
        return new DecodedPart(format, NODES.numberNode(value), Long.toString(value), null, null);
    }

    private static DecodedPart text(String text) {
        return new DecodedPart(Format.TEXT, TextNode.valueOf(text), text, null, null);
    }

    private static DecodedPart tryJson(byte[] bytes) {
        int start = 0;
        while (start < bytes.length && (bytes[start] == ' ' || bytes[start] == '\n' || bytes[start] == '\r' || bytes[start] == '\t')) {
            start++;
        }
        if (start == bytes.length) {
            return null;
        }
        byte first = bytes[start];
        if (first != '{' && first != '[') {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            return node == null || node.isMissingNode() ? null : new DecodedPart(Format.JSON, node, node.toString(), null, null);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Auto-detection calls text only what has no control characters besides tab and line breaks. */
    private static boolean printable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static boolean printableAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0x20 || b == 0x7f) {
                return false; // negative: not ASCII; controls: let the general path decide
            }
        }
        return true;
    }

    static String strictUtf8(byte[] bytes) {
        if (ascii(bytes)) {
            // the common case (ids, keys, JSON) needs no decoder: ASCII is valid UTF-8 byte for byte
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean ascii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    static DecodedPart hex(byte[] bytes, String error) {
        return new DecodedPart(Format.HEX, hexNode(bytes), hexText(bytes), null, error);
    }

    private static String hexText(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static JsonNode hexNode(byte[] bytes) {
        return TextNode.valueOf(hexText(bytes));
    }
}
