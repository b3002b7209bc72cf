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
import java.util.UUID;
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
        reader.read(AvroPlan.of(schema));
        if (reader.pos != reader.limit) {
            throw new AvroDataException((reader.limit - reader.pos) + " bytes left over after the datum; the payload does not match its writer schema");
        }
    }

    private void read(AvroPlan plan) throws IOException {
        switch (plan.kind) {
            case AvroPlan.NULL -> out.nullValue();
            case AvroPlan.BOOLEAN -> out.bool(readBoolean());
            case AvroPlan.INT -> {
                if (plan.logical == AvroPlan.PLAIN) {
                    out.number(readInt());
                } else {
                    logicalInt(plan.logical, readInt());
                }
            }
            case AvroPlan.LONG -> {
                if (plan.logical == AvroPlan.PLAIN) {
                    out.number(readLong());
                } else {
                    logicalLong(plan.logical, readLong());
                }
            }
            case AvroPlan.FLOAT -> floating(readFloat());
            case AvroPlan.DOUBLE -> floating(readDouble());
            case AvroPlan.STRING -> {
                int length = length();
                out.utf8String(buf, pos, length);
                pos += length;
            }
            case AvroPlan.BYTES -> {
                if (out.discards()) {
                    int length = length(); // rendering bytes cannot fail once they are there
                    pos += length;
                } else {
                    binary(plan, readBytes());
                }
            }
            case AvroPlan.FIXED -> {
                if (out.discards()) {
                    need(plan.size);
                    pos += plan.size;
                } else {
                    binary(plan, readFixed(plan.size));
                }
            }
            case AvroPlan.ENUM -> readEnum(plan);
            default -> readNested(plan);
        }
    }

    /** Records, arrays, maps and unions: the only values that nest, so the only ones counted against {@link #MAX_DEPTH}. */
    private void readNested(AvroPlan plan) throws IOException {
        if (++depth > MAX_DEPTH) {
            throw new AvroDataException("nesting deeper than " + MAX_DEPTH + " levels; the payload is corrupt");
        }
        switch (plan.kind) {
            case AvroPlan.RECORD -> readRecord(plan);
            case AvroPlan.UNION -> readUnion(plan);
            case AvroPlan.ARRAY -> readArray(plan);
            case AvroPlan.MAP -> readMap(plan.children[0]);
            default -> throw new IllegalStateException("not a nested Avro type: " + plan.schema);
        }
        depth--; // not restored on failure: a failure ends the whole datum
    }

    private void readRecord(AvroPlan plan) throws IOException {
        out.startObject();
        JsonText.Quoted[] names = plan.quoted;
        AvroPlan[] fields = plan.children;
        for (int i = 0; i < fields.length; i++) {
            out.fieldName(names[i]);
            read(fields[i]);
        }
        out.endObject();
    }

    private void readUnion(AvroPlan plan) throws IOException {
        int branch = readInt();
        AvroPlan[] branches = plan.children;
        if (branch < 0 || branch >= branches.length) {
            throw new AvroDataException("union branch " + branch + " does not exist (the union has " + branches.length + " branches)");
        }
        read(branches[branch]);
    }

    private void readEnum(AvroPlan plan) throws IOException {
        int index = readInt();
        if (index < 0 || index >= plan.quoted.length) {
            throw new AvroDataException("enum " + plan.schema.getName() + " has no symbol number " + index);
        }
        out.string(plan.quoted[index]);
    }

    private void readArray(AvroPlan plan) throws IOException {
        AvroPlan element = plan.children[0];
        out.startArray();
        for (long count = blockCount(plan.emptyItems); count != 0; count = blockCount(plan.emptyItems)) {
            for (long i = 0; i < count; i++) {
                read(element);
            }
        }
        out.endArray();
    }

    private void readMap(AvroPlan valueType) throws IOException {
        out.startObject();
        for (long count = blockCount(false); count != 0; count = blockCount(false)) {
            for (long i = 0; i < count; i++) {
                int length = length();
                out.utf8FieldName(buf, pos, length);
                pos += length;
                read(valueType);
            }
        }
        out.endObject();
    }

    /**
     * Next block's item count; a negative count is followed by the block's byte size, which we skip over.
     * Items that take bytes cannot outnumber the bytes left; items that may take none are capped in total.
     */
    private long blockCount(boolean emptyItemsPossible) {
        long count = readLong();
        if (count < 0) {
            if (count == Long.MIN_VALUE) {
                throw new AvroDataException("corrupt array/map block count");
            }
            count = -count;
            readLong();
        }
        long remaining = limit - pos;
        if (emptyItemsPossible) {
            emptyItems += count;
            if (emptyItems > MAX_EMPTY_ITEMS) {
                throw new AvroDataException("array claims " + count + " items of an empty type; refusing to expand it");
            }
        } else if (count > remaining) {
            throw new AvroDataException("array/map claims " + count + " items but only " + remaining + " bytes remain");
        }
        return count;
    }

    private void binary(AvroPlan plan, byte[] bytes) throws IOException {
        if (plan.logical == AvroPlan.DECIMAL) {
            out.string(new BigDecimal(new BigInteger(bytes.length == 0 ? new byte[] {0} : bytes), plan.size).toPlainString());
        } else if (plan.logical == AvroPlan.UUID && bytes.length == 16) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
            out.string(new UUID(b.getLong(), b.getLong()).toString());
        } else {
            out.string(Base64.getEncoder().encodeToString(bytes));
        }
    }

    private void logicalInt(int logical, int value) throws IOException {
        switch (logical) {
            case AvroPlan.DATE -> out.string(LocalDate.ofEpochDay(value).toString());
            case AvroPlan.TIME_MILLIS -> out.string(LocalTime.ofNanoOfDay(Math.floorMod(value, 86_400_000L) * 1_000_000L).toString());
            default -> out.number(value);
        }
    }

    private void logicalLong(int logical, long value) throws IOException {
        String text;
        try {
            text = switch (logical) {
                case AvroPlan.TIMESTAMP_MILLIS -> Instant.ofEpochMilli(value).toString();
                case AvroPlan.TIMESTAMP_MICROS -> micros(value).toString();
                case AvroPlan.TIMESTAMP_NANOS -> Instant.ofEpochSecond(0, value).toString();
                case AvroPlan.LOCAL_TIMESTAMP_MILLIS -> LocalDateTime.ofInstant(Instant.ofEpochMilli(value), ZoneOffset.UTC).toString();
                case AvroPlan.LOCAL_TIMESTAMP_MICROS -> LocalDateTime.ofInstant(micros(value), ZoneOffset.UTC).toString();
                case AvroPlan.LOCAL_TIMESTAMP_NANOS -> LocalDateTime.ofInstant(Instant.ofEpochSecond(0, value), ZoneOffset.UTC).toString();
                case AvroPlan.TIME_MICROS -> LocalTime.ofNanoOfDay(Math.floorMod(value, 86_400_000_000L) * 1000L).toString();
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
