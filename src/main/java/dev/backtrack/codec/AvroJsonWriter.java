package dev.backtrack.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Encodes readable JSON (the shape {@link AvroBinaryReader} produces) back to Avro binary with a writer
 * schema. Unions are resolved by trying the branches in schema order (a single-key object naming a branch,
 * as in Avro's own JSON encoding, is accepted as well); logical types accept their ISO text or the
 * underlying number. Problems throw {@link EncodeException} with the path of the field.
 */
final class AvroJsonWriter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private byte[] buf = new byte[256];
    private int size;

    /** Encodes one datum. A bare {@code "bytes"} schema yields the raw bytes, as the Confluent serializer writes them. */
    static byte[] encode(Schema schema, JsonNode value) {
        AvroJsonWriter writer = new AvroJsonWriter();
        if (schema.getType() == Schema.Type.BYTES && schema.getLogicalType() == null) {
            return writer.base64("$", value);
        }
        writer.write(schema, value, "$");
        return Arrays.copyOf(writer.buf, writer.size);
    }

    private void write(Schema schema, JsonNode node, String path) {
        if (node == null) {
            node = NullNode.getInstance();
        }
        LogicalType logical = schema.getLogicalType();
        switch (schema.getType()) {
            case NULL -> {
                if (!node.isNull()) {
                    throw new EncodeException(path, "expected null");
                }
            }
            case BOOLEAN -> {
                if (!node.isBoolean()) {
                    throw new EncodeException(path, "expected true or false");
                }
                put(node.booleanValue() ? 1 : 0);
            }
            case INT -> writeLong(logical == null ? integral(node, path, Integer.MIN_VALUE, Integer.MAX_VALUE, "int") : logicalInt(logical, node, path));
            case LONG -> writeLong(logical == null ? integral(node, path, Long.MIN_VALUE, Long.MAX_VALUE, "long") : logicalLong(logical, node, path));
            case FLOAT -> {
                int bits = Float.floatToIntBits((float) floating(node, path, "float"));
                for (int i = 0; i < 4; i++) {
                    put(bits >>> (8 * i));
                }
            }
            case DOUBLE -> {
                long bits = Double.doubleToLongBits(floating(node, path, "double"));
                for (int i = 0; i < 8; i++) {
                    put((int) (bits >>> (8 * i)));
                }
            }
            case STRING -> {
                if (!node.isTextual()) {
                    throw new EncodeException(path, logical != null && "uuid".equals(logical.getName()) ? "expected uuid" : "expected string");
                }
                if (logical != null && "uuid".equals(logical.getName())) {
                    uuid(node.textValue(), path);
                }
                byte[] utf8 = node.textValue().getBytes(StandardCharsets.UTF_8);
                writeLong(utf8.length);
                put(utf8);
            }
            case BYTES -> {
                byte[] bytes = logical instanceof LogicalTypes.Decimal d ? decimal(d, node, path, -1) : base64(path, node);
                writeLong(bytes.length);
                put(bytes);
            }
            case FIXED -> put(fixed(schema, node, path));
            case ENUM -> {
                if (!node.isTextual() || !schema.hasEnumSymbol(node.textValue())) {
                    throw new EncodeException(path, "expected one of the " + schema.getName() + " symbols " + schema.getEnumSymbols());
                }
                writeLong(schema.getEnumOrdinal(node.textValue()));
            }
            case ARRAY -> {
                if (!node.isArray()) {
                    throw new EncodeException(path, "expected an array");
                }
                if (!node.isEmpty()) {
                    writeLong(node.size());
                    for (int i = 0; i < node.size(); i++) {
                        write(schema.getElementType(), node.get(i), path + "[" + i + "]");
                    }
                }
                writeLong(0);
            }
            case MAP -> {
                if (!node.isObject()) {
                    throw new EncodeException(path, "expected an object (map)");
                }
                if (!node.isEmpty()) {
                    writeLong(node.size());
                    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
                        writeLong(key.length);
                        put(key);
                        write(schema.getValueType(), e.getValue(), child(path, e.getKey()));
                    }
                }
                writeLong(0);
            }
            case RECORD -> writeRecord(schema, node, path);
            case UNION -> writeUnion(schema, node, path);
        }
    }

    private void writeRecord(Schema schema, JsonNode node, String path) {
        if (!node.isObject()) {
            throw new EncodeException(path, "expected an object (record " + schema.getName() + ")");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (schema.getField(name) == null) {
                throw new EncodeException(child(path, name), "is not a field of record " + schema.getFullName());
            }
        }
        for (Schema.Field field : schema.getFields()) {
            JsonNode value = node.get(field.name());
            if (value == null) {
                if (field.hasDefaultValue()) {
                    Object def = field.defaultVal();
                    value = def == JsonProperties.NULL_VALUE ? NullNode.getInstance() : JSON.valueToTree(def);
                } else if (!allowsNull(field.schema())) {
                    throw new EncodeException(child(path, field.name()), "required field is missing");
                }
            }
            write(field.schema(), value, child(path, field.name()));
        }
    }

    private void writeUnion(Schema schema, JsonNode node, String path) {
        List<Schema> types = schema.getTypes();
        int mark = size;
        EncodeException only = null;
        int candidates = 0;
        for (int i = 0; i < types.size(); i++) {
            Schema branch = types.get(i);
            if (branch.getType() == Schema.Type.NULL && !node.isNull()) {
                continue;
            }
            candidates++;
            try {
                writeLong(i);
                write(branch, node, path);
                return;
            } catch (EncodeException e) {
                size = mark;
                only = e;
            }
        }
        if (node.isObject() && node.size() == 1) {
            String name = node.fieldNames().next();
            for (int i = 0; i < types.size(); i++) {
                Schema branch = types.get(i);
                if (name.equals(branch.getFullName()) || name.equals(branch.getName()) || name.equals(typeName(branch))) {
                    writeLong(i);
                    write(branch, node.get(name), path);
                    return;
                }
            }
        }
        if (candidates == 1 && only != null) {
            throw only;
        }
        if (node.isNull()) {
            throw new EncodeException(path, "null is not allowed here");
        }
        throw new EncodeException(path, "expected one of " + types.stream().map(AvroJsonWriter::typeName).toList());
    }

    private static boolean allowsNull(Schema schema) {
        return schema.getType() == Schema.Type.NULL
                || schema.getType() == Schema.Type.UNION && schema.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL);
    }

    static String typeName(Schema schema) {
        LogicalType logical = schema.getLogicalType();
        if (logical != null) {
            return logical.getName();
        }
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> schema.getFullName();
            default -> schema.getType().getName();
        };
    }

    private static long logicalInt(LogicalType logical, JsonNode node, String path) {
        if (node.isTextual()) {
            try {
                return switch (logical.getName()) {
                    case "date" -> LocalDate.parse(node.textValue()).toEpochDay();
                    case "time-millis" -> LocalTime.parse(node.textValue()).toNanoOfDay() / 1_000_000L;
                    default -> throw new EncodeException(path, "expected int");
                };
            } catch (DateTimeParseException e) {
                throw new EncodeException(path, "expected " + logical.getName() + " as ISO-8601 text, got \"" + node.textValue() + "\"");
            }
        }
        return integral(node, path, Integer.MIN_VALUE, Integer.MAX_VALUE, logical.getName());
    }

    private static long logicalLong(LogicalType logical, JsonNode node, String path) {
        if (!node.isTextual()) {
            return integral(node, path, Long.MIN_VALUE, Long.MAX_VALUE, logical.getName());
        }
        String text = node.textValue();
        try {
            return switch (logical.getName()) {
                case "timestamp-millis" -> Instant.parse(text).toEpochMilli();
                case "timestamp-micros" -> micros(Instant.parse(text));
                case "timestamp-nanos" -> nanos(Instant.parse(text));
                case "local-timestamp-millis" -> LocalDateTime.parse(text).toInstant(ZoneOffset.UTC).toEpochMilli();
                case "local-timestamp-micros" -> micros(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
                case "local-timestamp-nanos" -> nanos(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
                case "time-micros" -> LocalTime.parse(text).toNanoOfDay() / 1000L;
                default -> throw new EncodeException(path, "expected long");
            };
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new EncodeException(path, "expected " + logical.getName() + " as ISO-8601 text, got \"" + text + "\"");
        }
    }

    private static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000L);
    }

    private static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    private static long integral(JsonNode node, String path, long min, long max, String type) {
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
            if (node.isNumber() && !node.isIntegralNumber()) {
                BigDecimal d = node.decimalValue();
                if (d.stripTrailingZeros().scale() <= 0 && d.compareTo(BigDecimal.valueOf(min)) >= 0 && d.compareTo(BigDecimal.valueOf(max)) <= 0) {
                    return d.longValue();
                }
            }
            throw new EncodeException(path, "expected " + type);
        }
        return node.longValue();
    }

    private static double floating(JsonNode node, String path, String type) {
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            switch (node.textValue()) {
                case "NaN": return Double.NaN;
                case "Infinity": return Double.POSITIVE_INFINITY;
                case "-Infinity": return Double.NEGATIVE_INFINITY;
                default: break;
            }
        }
        throw new EncodeException(path, "expected " + type);
    }

    private static byte[] decimal(LogicalTypes.Decimal decimal, JsonNode node, String path, int fixedSize) {
        BigDecimal value;
        try {
            value = node.isNumber() ? node.decimalValue() : node.isTextual() ? new BigDecimal(node.textValue().trim()) : null;
        } catch (NumberFormatException e) {
            value = null;
        }
        if (value == null) {
            throw new EncodeException(path, "expected decimal");
        }
        try {
            value = value.setScale(decimal.getScale(), RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new EncodeException(path, "expected decimal with at most " + decimal.getScale() + " digits after the point, got " + value.toPlainString());
        }
        if (value.precision() > decimal.getPrecision()) {
            throw new EncodeException(path, "decimal " + value.toPlainString() + " has more than " + decimal.getPrecision() + " digits");
        }
        byte[] unscaled = value.unscaledValue().toByteArray();
        if (fixedSize < 0) {
            return unscaled;
        }
        if (unscaled.length > fixedSize) {
            throw new EncodeException(path, "decimal " + value.toPlainString() + " does not fit in " + fixedSize + " bytes");
        }
        byte[] out = new byte[fixedSize];
        Arrays.fill(out, 0, fixedSize - unscaled.length, value.signum() < 0 ? (byte) 0xff : 0);
        System.arraycopy(unscaled, 0, out, fixedSize - unscaled.length, unscaled.length);
        return out;
    }

    private byte[] fixed(Schema schema, JsonNode node, String path) {
        LogicalType logical = schema.getLogicalType();
        if (logical instanceof LogicalTypes.Decimal d) {
            return decimal(d, node, path, schema.getFixedSize());
        }
        if (logical != null && "uuid".equals(logical.getName()) && node.isTextual() && schema.getFixedSize() == 16) {
            UUID uuid = uuid(node.textValue(), path);
            return java.nio.ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array();
        }
        byte[] bytes = base64(path, node);
        if (bytes.length != schema.getFixedSize()) {
            throw new EncodeException(path, "expected " + schema.getFixedSize() + " bytes (base64) for fixed " + schema.getName() + ", got " + bytes.length);
        }
        return bytes;
    }

    private static UUID uuid(String text, String path) {
        try {
            UUID uuid = UUID.fromString(text);
            if (!uuid.toString().equalsIgnoreCase(text)) {
                throw new IllegalArgumentException(text);
            }
            return uuid;
        } catch (IllegalArgumentException e) {
            throw new EncodeException(path, "expected uuid, got \"" + text + "\"");
        }
    }

    private byte[] base64(String path, JsonNode node) {
        if (!node.isTextual()) {
            throw new EncodeException(path, "expected bytes as a base64 string");
        }
        try {
            return Base64.getDecoder().decode(node.textValue());
        } catch (IllegalArgumentException e) {
            throw new EncodeException(path, "expected bytes as a base64 string");
        }
    }

    static String child(String path, String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9_]*") ? path + "." + name : path + "[\"" + name.replace("\"", "\\\"") + "\"]";
    }

    private void writeLong(long value) {
        long v = (value << 1) ^ (value >> 63);
        while ((v & ~0x7FL) != 0) {
            put((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        put((int) v);
    }

    private void put(int b) {
        if (size == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        buf[size++] = (byte) b;
    }

    private void put(byte[] bytes) {
        if (size + bytes.length > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + bytes.length));
        }
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
    }
}
