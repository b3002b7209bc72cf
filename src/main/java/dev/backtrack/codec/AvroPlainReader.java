package dev.backtrack.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Reads Avro binary straight into plain Java values, the same structure {@link AvroBinaryReader} renders as
 * JSON, with no JSON text or tree in between: records and maps are {@code Map<String, Object>} (field
 * order kept), arrays {@code List}, int/long {@code Long}, float/double {@code Double} (non-finite ones as
 * their text, like the rendering), strings, booleans, and Avro null as the caller's {@code nullValue}.
 * Enums, bytes, fixed and logical types are the strings the rendering shows. This is what filters evaluate:
 * one pass, no intermediate tree. Callers use it on payloads that already decoded once, so a failure here is
 * reported as an {@link AvroBinaryReader.AvroDataException} like the rendering's.
 */
final class AvroPlainReader {
    private static final int MAX_DEPTH = 200;

    private final byte[] buf;
    private final int limit;
    private final Object nullValue;
    private int pos;
    private int depth;

    private AvroPlainReader(byte[] buf, int offset, Object nullValue) {
        this.buf = buf;
        this.pos = offset;
        this.limit = buf.length;
        this.nullValue = nullValue;
    }

    static Object read(Schema schema, byte[] bytes, int offset, Object nullValue) {
        if (schema.getType() == Schema.Type.BYTES && schema.getLogicalType() == null) {
            // the Confluent serializers write a "bytes" writer schema as the raw bytes, no length prefix
            return Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(bytes, offset, bytes.length));
        }
        AvroPlainReader reader = new AvroPlainReader(bytes, offset, nullValue);
        Object value = reader.value(schema);
        if (reader.pos != reader.limit) {
            throw new AvroBinaryReader.AvroDataException((reader.limit - reader.pos) + " bytes left over after the datum");
        }
        return value;
    }

    private Object value(Schema schema) {
        if (++depth > MAX_DEPTH) {
            throw new AvroBinaryReader.AvroDataException("nesting deeper than " + MAX_DEPTH + " levels; the payload is corrupt");
        }
        try {
            return switch (schema.getType()) {
                case NULL -> nullValue;
                case BOOLEAN -> {
                    need(1);
                    yield buf[pos++] != 0;
                }
                case INT -> {
                    int v = readInt();
                    LogicalType logical = schema.getLogicalType();
                    yield logical == null ? (Object) (long) v : logicalInt(logical, v);
                }
                case LONG -> {
                    long v = readLong();
                    LogicalType logical = schema.getLogicalType();
                    yield logical == null ? (Object) v : logicalLong(logical, v);
                }
                case FLOAT -> {
                    float f = Float.intBitsToFloat(readFixedInt());
                    yield Float.isFinite(f) ? (Object) (double) f : Float.toString(f);
                }
                case DOUBLE -> {
                    double d = Double.longBitsToDouble(readFixedLong());
                    yield Double.isFinite(d) ? (Object) d : Double.toString(d);
                }
                case STRING -> readString();
                case BYTES -> binary(schema, readBytes(length()));
                case FIXED -> binary(schema, readBytes(schema.getFixedSize()));
                case ENUM -> {
                    int index = readInt();
                    List<String> symbols = schema.getEnumSymbols();
                    if (index < 0 || index >= symbols.size()) {
                        throw new AvroBinaryReader.AvroDataException("enum " + schema.getName() + " has no symbol number " + index);
                    }
                    yield symbols.get(index);
                }
                case ARRAY -> array(schema.getElementType());
                case MAP -> map(schema.getValueType());
                case UNION -> {
                    int branch = readInt();
                    List<Schema> types = schema.getTypes();
                    if (branch < 0 || branch >= types.size()) {
                        throw new AvroBinaryReader.AvroDataException("union branch " + branch + " does not exist");
                    }
                    yield value(types.get(branch));
                }
                case RECORD -> record(schema);
            };
        } finally {
            depth--;
        }
    }

    private Map<String, Object> record(Schema schema) {
        List<Schema.Field> fields = schema.getFields();
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(fields.get(i).schema());
        }
        return new PlainRecord(fields, values);
    }

    private List<Object> array(Schema element) {
        List<Object> out = new ArrayList<>();
        for (long count = blockCount(); count != 0; count = blockCount()) {
            for (long i = 0; i < count; i++) {
                out.add(value(element));
            }
        }
        return out;
    }

    private Map<String, Object> map(Schema valueType) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (long count = blockCount(); count != 0; count = blockCount()) {
            for (long i = 0; i < count; i++) {
                String key = readString();
                out.put(key, value(valueType));
            }
        }
        return out;
    }

    /** The rendering already bounded item counts for this payload; here only the block framing is read. */
    private long blockCount() {
        long count = readLong();
        if (count < 0) {
            if (count == Long.MIN_VALUE) {
                throw new AvroBinaryReader.AvroDataException("corrupt array/map block count");
            }
            count = -count;
            readLong();
        }
        return count;
    }

    private static Object binary(Schema schema, byte[] bytes) {
        LogicalType logical = schema.getLogicalType();
        if (logical instanceof LogicalTypes.Decimal decimal) {
            return new BigDecimal(new BigInteger(bytes.length == 0 ? new byte[] {0} : bytes), decimal.getScale()).toPlainString();
        }
        if (logical != null && "uuid".equals(logical.getName()) && bytes.length == 16) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
            return new UUID(b.getLong(), b.getLong()).toString();
        }
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static Object logicalInt(LogicalType logical, int value) {
        return switch (logical.getName()) {
            case "date" -> LocalDate.ofEpochDay(value).toString();
            case "time-millis" -> LocalTime.ofNanoOfDay(Math.floorMod(value, 86_400_000L) * 1_000_000L).toString();
            default -> (long) value;
        };
    }

    private static Object logicalLong(LogicalType logical, long value) {
        try {
            String text = switch (logical.getName()) {
                case "timestamp-millis" -> Instant.ofEpochMilli(value).toString();
                case "timestamp-micros" -> micros(value).toString();
                case "timestamp-nanos" -> Instant.ofEpochSecond(0, value).toString();
                case "local-timestamp-millis" -> LocalDateTime.ofInstant(Instant.ofEpochMilli(value), ZoneOffset.UTC).toString();
                case "local-timestamp-micros" -> LocalDateTime.ofInstant(micros(value), ZoneOffset.UTC).toString();
                case "local-timestamp-nanos" -> LocalDateTime.ofInstant(Instant.ofEpochSecond(0, value), ZoneOffset.UTC).toString();
                case "time-micros" -> LocalTime.ofNanoOfDay(Math.floorMod(value, 86_400_000_000L) * 1000L).toString();
                default -> null;
            };
            return text == null ? (Object) value : text;
        } catch (java.time.DateTimeException | ArithmeticException e) {
            return value;
        }
    }

    private static Instant micros(long value) {
        return Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1000L);
    }

    private void need(long n) {
        if (n > limit - pos) {
            throw new AvroBinaryReader.AvroDataException("needs " + n + " more bytes at offset " + pos + " but only " + (limit - pos) + " remain");
        }
    }

    private int readInt() {
        long value = readLong();
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new AvroBinaryReader.AvroDataException("int value out of range at offset " + pos);
        }
        return (int) value;
    }

    private long readLong() {
        long raw = 0;
        for (int shift = 0; ; shift += 7) {
            if (shift > 63) {
                throw new AvroBinaryReader.AvroDataException("varint longer than 10 bytes at offset " + pos);
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

    private int readFixedInt() {
        need(4);
        int bits = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8 | (buf[pos + 2] & 0xff) << 16 | (buf[pos + 3] & 0xff) << 24;
        pos += 4;
        return bits;
    }

    private long readFixedLong() {
        need(8);
        long bits = 0;
        for (int i = 7; i >= 0; i--) {
            bits = (bits << 8) | (buf[pos + i] & 0xff);
        }
        pos += 8;
        return bits;
    }

    private int length() {
        long length = readLong();
        if (length < 0) {
            throw new AvroBinaryReader.AvroDataException("negative length " + length + " at offset " + pos);
        }
        need(length);
        return (int) length;
    }

    private String readString() {
        int length = length();
        String s = new String(buf, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return s;
    }

    private byte[] readBytes(int size) {
        need(size);
        byte[] out = java.util.Arrays.copyOfRange(buf, pos, pos + size);
        pos += size;
        return out;
    }
}
