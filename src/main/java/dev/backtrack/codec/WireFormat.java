package dev.backtrack.codec;

import dev.backtrack.kafka.RawHeader;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Confluent schema-registry framing. Payload prefix: magic {@code 0x00} + 4-byte big-endian id, or magic
 * {@code 0x01} + 16-byte GUID. Or the id travels in a {@code __key_schema_id}/{@code __value_schema_id}
 * header (same framing) and the payload has no prefix; the header wins when both exist. Protobuf adds a
 * message-index array of Kafka zig-zag varints (count, then indexes; the single byte {@code 0x00} means [0]).
 */
public final class WireFormat {
    public static final byte MAGIC_V0 = 0x0;
    public static final byte MAGIC_V1 = 0x1;
    public static final String KEY_SCHEMA_ID_HEADER = "__key_schema_id";
    public static final String VALUE_SCHEMA_ID_HEADER = "__value_schema_id";
    /** More indexes than this cannot be a real nesting path; treat as corrupt rather than allocate. */
    private static final int MAX_MESSAGE_INDEXES = 100;

    private WireFormat() {
    }

    /**
     * Where a payload's schema id is and where the schema-encoded bytes start. {@code id} is set for v0
     * framing, {@code guid} for v1. Protobuf message indexes follow the prefix: in the payload at
     * {@code payloadOffset}, or, when the id came in a header ({@code headerValue} set), inside that header
     * value right after its prefix.
     */
    public record Framing(Integer id, String guid, SchemaInfo.IdLocation location, int payloadOffset, byte[] headerValue) {
    }

    /** The framing of a payload, or null when it carries no registry framing. */
    public static Framing detect(byte[] payload, List<RawHeader> headers, boolean key) {
        RawHeader header = lastHeader(headers, key ? KEY_SCHEMA_ID_HEADER : VALUE_SCHEMA_ID_HEADER);
        if (header != null && header.value() != null) {
            Framing inHeader = prefix(header.value());
            if (inHeader != null) {
                return new Framing(inHeader.id(), inHeader.guid(), SchemaInfo.IdLocation.HEADER, 0, header.value());
            }
        }
        return payload == null ? null : prefix(payload);
    }

    /** Parses a magic-0/magic-1 prefix; null when the bytes are too short or the magic byte is neither. */
    public static Framing prefix(byte[] bytes) {
        if (bytes.length >= 5 && bytes[0] == MAGIC_V0) {
            int id = (bytes[1] & 0xff) << 24 | (bytes[2] & 0xff) << 16 | (bytes[3] & 0xff) << 8 | (bytes[4] & 0xff);
            return new Framing(id, null, SchemaInfo.IdLocation.PREFIX_V0, 5, null);
        }
        if (bytes.length >= 17 && bytes[0] == MAGIC_V1) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, 16);
            return new Framing(null, new UUID(buffer.getLong(), buffer.getLong()).toString(), SchemaInfo.IdLocation.PREFIX_V1, 17, null);
        }
        return null;
    }

    /** Message indexes and where the Protobuf message starts. */
    public record MessageIndexes(List<Integer> indexes, int end) {
    }

    /**
     * Reads a Protobuf message-index array at {@code offset}. A count of 0 means [0]. Throws
     * {@link IllegalArgumentException} with a reason for truncated or implausible arrays.
     */
    public static MessageIndexes readMessageIndexes(byte[] bytes, int offset) {
        int[] pos = {offset};
        int count = readVarint(bytes, pos);
        if (count == 0) {
            return new MessageIndexes(List.of(0), pos[0]);
        }
        if (count < 0 || count > MAX_MESSAGE_INDEXES) {
            throw new IllegalArgumentException("implausible Protobuf message-index count " + count);
        }
        List<Integer> indexes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int index = readVarint(bytes, pos);
            if (index < 0) {
                throw new IllegalArgumentException("negative Protobuf message index " + index);
            }
            indexes.add(index);
        }
        return new MessageIndexes(List.copyOf(indexes), pos[0]);
    }

    /** Writes a message-index array: [0] as the single byte 0x00, as Confluent does. */
    public static byte[] messageIndexBytes(List<Integer> indexes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (indexes == null || indexes.isEmpty() || indexes.equals(List.of(0))) {
            out.write(0);
            return out.toByteArray();
        }
        writeVarint(out, indexes.size());
        for (int index : indexes) {
            writeVarint(out, index);
        }
        return out.toByteArray();
    }

    /** The v0 prefix (magic 0 + id), followed by message indexes when the list is non-empty (Protobuf only). */
    public static byte[] v0Prefix(int id, List<Integer> messageIndexes) {
        byte[] indexes = messageIndexes == null || messageIndexes.isEmpty() ? new byte[0] : messageIndexBytes(messageIndexes);
        return ByteBuffer.allocate(5 + indexes.length).put(MAGIC_V0).putInt(id).put(indexes).array();
    }

    /** The v1 prefix (magic 1 + GUID), followed by message indexes when the list is non-empty (Protobuf only). */
    public static byte[] v1Prefix(String guid, List<Integer> messageIndexes) {
        UUID uuid = UUID.fromString(guid);
        byte[] indexes = messageIndexes == null || messageIndexes.isEmpty() ? new byte[0] : messageIndexBytes(messageIndexes);
        return ByteBuffer.allocate(17 + indexes.length).put(MAGIC_V1).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).put(indexes).array();
    }

    /** The framed bytes: the prefix for the schema's id location followed by the body (no prefix for HEADER). */
    public static byte[] frame(SchemaInfo schema, byte[] body) {
        List<Integer> indexes = protobufIndexes(schema);
        byte[] prefix = switch (schema.idLocation() == null ? SchemaInfo.IdLocation.PREFIX_V0 : schema.idLocation()) {
            case PREFIX_V0 -> v0Prefix(schema.id(), indexes);
            case PREFIX_V1 -> v1Prefix(schema.guid(), indexes);
            case HEADER -> new byte[0];
        };
        return ByteBuffer.allocate(prefix.length + body.length).put(prefix).put(body).array();
    }

    /** For {@link SchemaInfo.IdLocation#HEADER}: the id header to send with the unprefixed payload, else null. */
    public static RawHeader idHeader(SchemaInfo schema, boolean key) {
        if (schema.idLocation() != SchemaInfo.IdLocation.HEADER) {
            return null;
        }
        List<Integer> indexes = protobufIndexes(schema);
        byte[] value = schema.guid() != null ? v1Prefix(schema.guid(), indexes) : v0Prefix(schema.id(), indexes);
        return new RawHeader(key ? KEY_SCHEMA_ID_HEADER : VALUE_SCHEMA_ID_HEADER, value);
    }

    /** Protobuf always carries indexes ([0] when unknown); other types none. */
    private static List<Integer> protobufIndexes(SchemaInfo schema) {
        if (schema.type() != SchemaInfo.SchemaType.PROTOBUF) {
            return null;
        }
        return schema.messageIndexes() == null || schema.messageIndexes().isEmpty() ? List.of(0) : schema.messageIndexes();
    }

    /** Kafka {@code ByteUtils.readVarint}: zig-zag 32-bit varint; pos[0] advances. */
    static int readVarint(byte[] bytes, int[] pos) {
        int value = 0;
        int shift = 0;
        while (true) {
            if (pos[0] >= bytes.length) {
                throw new IllegalArgumentException("truncated Protobuf message-index varint");
            }
            int b = bytes[pos[0]++] & 0xff;
            value |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
            if (shift > 28) {
                throw new IllegalArgumentException("Protobuf message-index varint is longer than 5 bytes");
            }
        }
        return (value >>> 1) ^ -(value & 1);
    }

    static void writeVarint(ByteArrayOutputStream out, int value) {
        int v = (value << 1) ^ (value >> 31);
        while ((v & 0xffffff80) != 0) {
            out.write((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }

    private static RawHeader lastHeader(List<RawHeader> headers, String name) {
        RawHeader last = null;
        if (headers != null) {
            for (RawHeader h : headers) {
                if (h.key().equals(name)) {
                    last = h;
                }
            }
        }
        return last;
    }
}
