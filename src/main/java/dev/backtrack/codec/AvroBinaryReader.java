package dev.backtrack.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Reads Avro binary (written with the writer schema) straight into readable JSON in one streaming pass
 * ({@link JsonOut}: JSON text for display, or a Jackson token buffer for the tree): unions
 * unwrapped, enums as strings, maps as objects, bytes/fixed as base64, logical types as ISO-8601 text,
 * decimal as a plain decimal string, uuid as text. Every length and count is checked against the bytes
 * that remain before anything is allocated, so a corrupt or hostile payload fails with a reason instead
 * of exhausting memory. Not thread-safe per instance; cheap to create.
 */
final class AvroBinaryReader {
    /** Upper bound on items of zero-byte types (null, empty records) a single payload may claim. */
    private static final long MAX_EMPTY_ITEMS = 1_000_000;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final byte[] buf;
    private final JsonOut out;
    private int pos;
    private final int limit;
    private long emptyItems;
    private int depth;
    private static final int MAX_DEPTH = 200;

    private AvroBinaryReader(byte[] buf, int offset, int limit, JsonOut out) {
        this.buf = buf;
        this.pos = offset;
        this.limit = limit;
        this.out = out;
    }

    /** Decodes one datum to compact JSON text; the whole remaining input must be consumed. */
    static String text(Schema schema, byte[] bytes, int offset) {
        JsonText out = new JsonText(Math.min(1 << 16, 32 + 2 * (bytes.length - offset)));
        try {
            render(schema, bytes, offset, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.text();
    }

    /**
     * Checks that one datum decodes, exactly as {@link #text} would (same checks, same errors), without
     * building its text: strings and bytes are skipped over instead of copied.
     */
    static void check(Schema schema, byte[] bytes, int offset) {
        try {
            render(schema, bytes, offset, new JsonOut.Discard());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes one datum to a JSON tree; the whole remaining input must be consumed. */
    static JsonNode decode(Schema schema, byte[] bytes, int offset) {
        try (TokenBuffer buffer = new TokenBuffer(MAPPER, false)) {
            render(schema, bytes, offset, new JsonOut.Generator(buffer));
            return MAPPER.readTree(buffer.asParser());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void render(Schema schema, byte[] bytes, int offset, JsonOut out) throws IOException {
        if (schema.getType() == Schema.Type.BYTES && schema.getLogicalType() == null) {
            // the Confluent serializers write a "bytes" writer schema as the raw bytes, no length prefix
            out.string(Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(bytes, offset, bytes.length)));
            return;
        }
        AvroBinaryReader reader = new AvroBinaryReader(bytes, offset, bytes.length, out);
        reader.read(schema);
        if (reader.pos != reader.limit) {
            throw new AvroDataException((reader.limit - reader.pos) + " bytes left over after the datum; the payload does not match its writer schema");
        }
    }

    private void read(Schema schema) throws IOException {
        if (++depth > MAX_DEPTH) {
            throw new AvroDataException("nesting deeper than " + MAX_DEPTH + " levels; the payload is corrupt");
        }
        try {
            readValue(schema);
        } finally {
            depth--;
        }
    }

    private void readValue(Schema schema) throws IOException {
        LogicalType logical = schema.getLogicalType();
        switch (schema.getType()) {
            case NULL -> out.nullValue();
            case BOOLEAN -> out.bool(readBoolean());
            case INT -> {
                if (logical == null) {
                    out.number(readInt());
                } else {
                    logicalInt(logical, readInt());
                }
            }
            case LONG -> {
                if (logical == null) {
                    out.number(readLong());
                } else {
                    logicalLong(logical, readLong());
                }
            }
            case FLOAT -> floating(readFloat());
            case DOUBLE -> floating(readDouble());
            case STRING -> {
                int length = length();
                out.utf8String(buf, pos, length);
                pos += length;
            }
            case BYTES -> {
                if (out.discards()) {
                    int length = length(); // rendering bytes cannot fail once they are there
                    pos += length;
                } else {
                    binary(schema, readBytes());
                }
            }
            case FIXED -> {
                if (out.discards()) {
                    need(schema.getFixedSize());
                    pos += schema.getFixedSize();
                } else {
                    binary(schema, readFixed(schema.getFixedSize()));
                }
            }
            case ENUM -> readEnum(schema);
            case ARRAY -> readArray(schema.getElementType());
            case MAP -> readMap(schema.getValueType());
            case UNION -> readUnion(schema);
            case RECORD -> readRecord(schema);
        }
    }

    private void readRecord(Schema schema) throws IOException {
        out.startObject();
        if (out instanceof JsonText text) {
            JsonText.RecordFields fields = JsonText.recordFields(schema);
            JsonText.Quoted[] names = fields.names();
            Schema[] schemas = fields.schemas();
            for (int i = 0; i < names.length; i++) {
                text.fieldName(names[i]);
                read(schemas[i]);
            }
        } else {
            for (Schema.Field field : schema.getFields()) {
                out.fieldName(field.name());
                read(field.schema());
            }
        }
        out.endObject();
    }

    private void readUnion(Schema schema) throws IOException {
        int branch = readInt();
        List<Schema> types = schema.getTypes();
        if (branch < 0 || branch >= types.size()) {
            throw new AvroDataException("union branch " + branch + " does not exist (the union has " + types.size() + " branches)");
        }
        read(types.get(branch));
    }

    private void readEnum(Schema schema) throws IOException {
        int index = readInt();
        List<String> symbols = schema.getEnumSymbols();
        if (index < 0 || index >= symbols.size()) {
            throw new AvroDataException("enum " + schema.getName() + " has no symbol number " + index);
        }
        if (out instanceof JsonText text) {
            text.string(JsonText.quotedSymbols(schema)[index]);
        } else {
            out.string(symbols.get(index));
        }
    }

    private void readArray(Schema element) throws IOException {
        out.startArray();
        for (long count = blockCount(element); count != 0; count = blockCount(element)) {
            for (long i = 0; i < count; i++) {
                read(element);
            }
        }
        out.endArray();
    }

    private void readMap(Schema valueType) throws IOException {
        out.startObject();
        for (long count = blockCount(null); count != 0; count = blockCount(null)) {
            for (long i = 0; i < count; i++) {
                int length = length();
                out.utf8FieldName(buf, pos, length);
                pos += length;
                read(valueType);
            }
        }
        out.endObject();
    }

    /** Next block's item count; a negative count is followed by the block's byte size, which we skip over. */
    private long blockCount(Schema element) {
        long count = readLong();
        if (count < 0) {
            if (count == Long.MIN_VALUE) {
                throw new AvroDataException("corrupt array/map block count");
            }
            count = -count;
            readLong();
        }
        long remaining = limit - pos;
        if (element != null && minimumSize(element) == 0) {
            emptyItems += count;
            if (emptyItems > MAX_EMPTY_ITEMS) {
                throw new AvroDataException("array claims " + count + " items of an empty type; refusing to expand it");
            }
        } else if (count > remaining) {
            throw new AvroDataException("array/map claims " + count + " items but only " + remaining + " bytes remain");
        }
        return count;
    }

    private static int minimumSize(Schema schema) {
        return switch (schema.getType()) {
            case NULL -> 0;
            case RECORD -> schema.getFields().stream().anyMatch(f -> minimumSize(f.schema()) > 0) ? 1 : 0;
            case FIXED -> schema.getFixedSize() == 0 ? 0 : 1;
            default -> 1;
        };
    }

    private void binary(Schema schema, byte[] bytes) throws IOException {
        LogicalType logical = schema.getLogicalType();
        if (logical instanceof LogicalTypes.Decimal decimal) {
            out.string(new BigDecimal(new BigInteger(bytes.length == 0 ? new byte[] {0} : bytes), decimal.getScale()).toPlainString());
        } else if (logical != null && "uuid".equals(logical.getName()) && bytes.length == 16) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
            out.string(new UUID(b.getLong(), b.getLong()).toString());
        } else {
            out.string(Base64.getEncoder().encodeToString(bytes));
        }
    }

    private void logicalInt(LogicalType logical, int value) throws IOException {
        switch (logical.getName()) {
            case "date" -> out.string(LocalDate.ofEpochDay(value).toString());
            case "time-millis" -> out.string(LocalTime.ofNanoOfDay(Math.floorMod(value, 86_400_000L) * 1_000_000L).toString());
            default -> out.number(value);
        }
    }

    private void logicalLong(LogicalType logical, long value) throws IOException {
        String text;
        try {
            text = switch (logical.getName()) {
                case "timestamp-millis" -> Instant.ofEpochMilli(value).toString();
                case "timestamp-micros" -> micros(value).toString();
                case "timestamp-nanos" -> Instant.ofEpochSecond(0, value).toString();
                case "local-timestamp-millis" -> LocalDateTime.ofInstant(Instant.ofEpochMilli(value), ZoneOffset.UTC).toString();
                case "local-timestamp-micros" -> LocalDateTime.ofInstant(micros(value), ZoneOffset.UTC).toString();
                case "local-timestamp-nanos" -> LocalDateTime.ofInstant(Instant.ofEpochSecond(0, value), ZoneOffset.UTC).toString();
                case "time-micros" -> LocalTime.ofNanoOfDay(Math.floorMod(value, 86_400_000_000L) * 1000L).toString();
                default -> null;
            };
        } catch (java.time.DateTimeException | ArithmeticException e) {
            text = null;
        }
        if (text == null) {
            out.number(value);
        } else {
            out.string(text);
        }
    }

    private static Instant micros(long value) {
        return Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1000L);
    }

    private void floating(double value) throws IOException {
        if (Double.isFinite(value)) {
            out.number(value);
        } else {
            out.string(Double.toString(value));
        }
    }

    private void floating(float value) throws IOException {
        if (Float.isFinite(value)) {
            out.number(value);
        } else {
            out.string(Float.toString(value));
        }
    }

    private void need(long n) {
        if (n > limit - pos) {
            throw new AvroDataException("needs " + n + " more bytes at offset " + pos + " but only " + (limit - pos) + " remain");
        }
    }

    private boolean readBoolean() {
        need(1);
        return buf[pos++] != 0;
    }

    int readInt() {
        long value = readLong();
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new AvroDataException("int value out of range at offset " + pos);
        }
        return (int) value;
    }

    long readLong() {
        long raw = 0;
        for (int shift = 0; ; shift += 7) {
            if (shift > 63) {
                throw new AvroDataException("varint longer than 10 bytes at offset " + pos);
            }
            need(1);
            int b = buf[pos++] & 0xff;
            raw |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        return (raw >>> 1) ^ -(raw & 1);
    }

    private float readFloat() {
        need(4);
        int bits = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8 | (buf[pos + 2] & 0xff) << 16 | (buf[pos + 3] & 0xff) << 24;
        pos += 4;
        return Float.intBitsToFloat(bits);
    }

    private double readDouble() {
        need(8);
        long bits = 0;
        for (int i = 7; i >= 0; i--) {
            bits = (bits << 8) | (buf[pos + i] & 0xff);
        }
        pos += 8;
        return Double.longBitsToDouble(bits);
    }

    private int length() {
        long length = readLong();
        if (length < 0) {
            throw new AvroDataException("negative length " + length + " at offset " + pos);
        }
        need(length);
        return (int) length;
    }

    private byte[] readBytes() {
        return readFixed(length());
    }

    private byte[] readFixed(int size) {
        need(size);
        byte[] out = java.util.Arrays.copyOfRange(buf, pos, pos + size);
        pos += size;
        return out;
    }

    /** A payload that does not decode with its writer schema; the message says where and why. */
    static final class AvroDataException extends RuntimeException {
        AvroDataException(String message) {
            super(message);
        }
    }
}
