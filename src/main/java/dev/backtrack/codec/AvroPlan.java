package dev.backtrack.codec;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * An Avro writer schema compiled once for {@link AvroBinaryReader}: every node carries what reading one
 * value needs (its kind and logical type as int codes, record field names and enum symbols already
 * quoted, the children's plans), so decoding a record does no map lookup, string switch or schema walk
 * per value. Recursive schemas compile to a cyclic plan. Immutable once built; shared between threads.
 */
final class AvroPlan {
    static final int NULL = 0;
    static final int BOOLEAN = 1;
    static final int INT = 2;
    static final int LONG = 3;
    static final int FLOAT = 4;
    static final int DOUBLE = 5;
    static final int STRING = 6;
    static final int BYTES = 7;
    static final int FIXED = 8;
    static final int ENUM = 9;
    static final int ARRAY = 10;
    static final int MAP = 11;
    static final int UNION = 12;
    static final int RECORD = 13;

    /** Logical types the reader renders as text; {@link #PLAIN} is rendered as the underlying value. */
    static final int PLAIN = 0;
    static final int DATE = 1;
    static final int TIME_MILLIS = 2;
    static final int TIMESTAMP_MILLIS = 3;
    static final int TIMESTAMP_MICROS = 4;
    static final int TIMESTAMP_NANOS = 5;
    static final int LOCAL_TIMESTAMP_MILLIS = 6;
    static final int LOCAL_TIMESTAMP_MICROS = 7;
    static final int LOCAL_TIMESTAMP_NANOS = 8;
    static final int TIME_MICROS = 9;
    static final int DECIMAL = 10;
    static final int UUID = 11;

    // parsed schemas are cached and shared, so lookups hit the identity check of Schema.equals (hash codes are cached)
    private static final Map<Schema, AvroPlan> PLANS = new ConcurrentHashMap<>();
    /** The plan asked for last: a page or scan decodes record after record with one schema. */
    private static volatile AvroPlan last;

    final Schema schema;
    final int kind;
    final int logical;
    /** Decimal scale, or fixed size. */
    final int size;
    /** Record fields ({@code "name":}) or enum symbols ({@code "SYMBOL"}). */
    JsonText.Quoted[] quoted;
    /** Record fields, union branches, or the one array item / map value. */
    AvroPlan[] children;
    /** An array whose items may take no bytes at all (nulls, empty records): their count is capped instead. */
    boolean emptyItems;

    private AvroPlan(Schema schema, int kind, int logical, int size) {
        this.schema = schema;
        this.kind = kind;
        this.logical = logical;
        this.size = size;
    }

    static AvroPlan of(Schema schema) {
        AvroPlan plan = last;
        if (plan != null && plan.schema == schema) {
            return plan;
        }
        plan = PLANS.get(schema);
        if (plan == null) {
            plan = compile(schema, new IdentityHashMap<>());
            if (PLANS.size() > 10_000) {
                PLANS.clear();
            }
            PLANS.put(schema, plan);
        }
        last = plan;
        return plan;
    }

    private static AvroPlan compile(Schema schema, Map<Schema, AvroPlan> building) {
        AvroPlan known = building.get(schema);
        if (known != null) {
            return known; // a recursive reference: the plan is being built further up
        }
        LogicalType logical = schema.getLogicalType();
        int size = logical instanceof LogicalTypes.Decimal decimal ? decimal.getScale()
                : schema.getType() == Schema.Type.FIXED ? schema.getFixedSize() : 0;
        AvroPlan plan = new AvroPlan(schema, kindOf(schema.getType()), logicalOf(schema, logical), size);
        building.put(schema, plan);
        switch (schema.getType()) {
            case RECORD -> {
                List<Schema.Field> fields = schema.getFields();
                plan.quoted = new JsonText.Quoted[fields.size()];
                plan.children = new AvroPlan[fields.size()];
                for (int i = 0; i < fields.size(); i++) {
                    plan.quoted[i] = JsonText.Quoted.of(fields.get(i).name(), true);
                    plan.children[i] = compile(fields.get(i).schema(), building);
                }
            }
            case ENUM -> {
                List<String> symbols = schema.getEnumSymbols();
                plan.quoted = new JsonText.Quoted[symbols.size()];
                for (int i = 0; i < symbols.size(); i++) {
                    plan.quoted[i] = JsonText.Quoted.of(symbols.get(i), false);
                }
            }
            case UNION -> plan.children = schema.getTypes().stream().map(branch -> compile(branch, building)).toArray(AvroPlan[]::new);
            case ARRAY -> {
                plan.children = new AvroPlan[] {compile(schema.getElementType(), building)};
                plan.emptyItems = minimumSize(schema.getElementType()) == 0;
            }
            case MAP -> plan.children = new AvroPlan[] {compile(schema.getValueType(), building)};
            default -> {
            }
        }
        return plan;
    }

    private static int kindOf(Schema.Type type) {
        return switch (type) {
            case NULL -> NULL;
            case BOOLEAN -> BOOLEAN;
            case INT -> INT;
            case LONG -> LONG;
            case FLOAT -> FLOAT;
            case DOUBLE -> DOUBLE;
            case STRING -> STRING;
            case BYTES -> BYTES;
            case FIXED -> FIXED;
            case ENUM -> ENUM;
            case ARRAY -> ARRAY;
            case MAP -> MAP;
            case UNION -> UNION;
            case RECORD -> RECORD;
        };
    }

    private static int logicalOf(Schema schema, LogicalType logical) {
        if (logical == null) {
            return PLAIN;
        }
        Schema.Type type = schema.getType();
        if (type == Schema.Type.BYTES || type == Schema.Type.FIXED) {
            return logical instanceof LogicalTypes.Decimal ? DECIMAL : "uuid".equals(logical.getName()) ? UUID : PLAIN;
        }
        if (type == Schema.Type.INT) {
            return switch (logical.getName()) {
                case "date" -> DATE;
                case "time-millis" -> TIME_MILLIS;
                default -> PLAIN;
            };
        }
        if (type == Schema.Type.LONG) {
            return switch (logical.getName()) {
                case "timestamp-millis" -> TIMESTAMP_MILLIS;
                case "timestamp-micros" -> TIMESTAMP_MICROS;
                case "timestamp-nanos" -> TIMESTAMP_NANOS;
                case "local-timestamp-millis" -> LOCAL_TIMESTAMP_MILLIS;
                case "local-timestamp-micros" -> LOCAL_TIMESTAMP_MICROS;
                case "local-timestamp-nanos" -> LOCAL_TIMESTAMP_NANOS;
                case "time-micros" -> TIME_MICROS;
                default -> PLAIN;
            };
        }
        return PLAIN; // uuid on a string is rendered as the string it is
    }

    /** 0 when a value of the schema may be encoded in no bytes at all, else 1. */
    private static int minimumSize(Schema schema) {
        return switch (schema.getType()) {
            case NULL -> 0;
            case RECORD -> schema.getFields().stream().anyMatch(f -> minimumSize(f.schema()) > 0) ? 1 : 0;
            case FIXED -> schema.getFixedSize() == 0 ? 0 : 1;
            default -> 1;
        };
    }
}
