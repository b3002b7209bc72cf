package dev.backtrack.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/**
 * The fast paths give exactly what the Jackson-based paths give, on random data with every Avro type and
 * hostile text (quotes, backslashes, control characters, non-ASCII, surrogate pairs): the display text
 * written without a Jackson generator equals the tree's Jackson serialization, and the plain values for
 * filters equal the tree converted value by value.
 */
class AvroFastPathsTest {
    private static final String SCHEMA = """
            {"type":"record","name":"All","namespace":"t","fields":[
              {"name":"s","type":"string"},
              {"name":"i","type":"int"},
              {"name":"l","type":"long"},
              {"name":"f","type":"float"},
              {"name":"d","type":"double"},
              {"name":"b","type":"boolean"},
              {"name":"raw","type":"bytes"},
              {"name":"fx","type":{"type":"fixed","name":"F4","size":4}},
              {"name":"e","type":{"type":"enum","name":"E","symbols":["A","B","C"]}},
              {"name":"arr","type":{"type":"array","items":"string"}},
              {"name":"m","type":{"type":"map","values":["null","double"]}},
              {"name":"u","type":["null","string","long",{"type":"record","name":"In","fields":[{"name":"x","type":"int"}]}]},
              {"name":"dec","type":{"type":"bytes","logicalType":"decimal","precision":12,"scale":3}},
              {"name":"ts","type":{"type":"long","logicalType":"timestamp-millis"}},
              {"name":"day","type":{"type":"int","logicalType":"date"}},
              {"name":"id","type":{"type":"string","logicalType":"uuid"}},
              {"name":"nested","type":{"type":"array","items":{"type":"map","values":"In"}}}
            ]}""";
    private static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "NULL";
        }
    };

    @Test
    void fastTextAndPlainValuesMatchTheJacksonPathsOnRandomData() throws IOException {
        Schema schema = new Schema.Parser().parse(SCHEMA);
        Random random = new Random(20261127);
        for (int i = 0; i < 3000; i++) {
            byte[] bytes = encode(schema, randomRecord(schema, random));
            JsonNode tree = AvroBinaryReader.decode(schema, bytes, 0);
            assertThat(AvroBinaryReader.text(schema, bytes, 0)).as("record %d", i).isEqualTo(tree.toString());
            AvroBinaryReader.check(schema, bytes, 0); // the check-only pass accepts every payload the rendering accepts
            assertThat(AvroPlainReader.read(schema, bytes, 0, NULL)).as("record %d", i).isEqualTo(plain(tree));
        }
    }

    @Test
    void aTopLevelBytesSchemaIsTheWholePayloadInBothPaths() {
        Schema bytesSchema = Schema.create(Schema.Type.BYTES);
        byte[] payload = {0, 1, 2, (byte) 0xff, '"'};
        JsonNode tree = AvroBinaryReader.decode(bytesSchema, payload, 0);
        assertThat(AvroBinaryReader.text(bytesSchema, payload, 0)).isEqualTo(tree.toString());
        assertThat(AvroPlainReader.read(bytesSchema, payload, 0, NULL)).isEqualTo(tree.asText());
    }

    /** The conversion filters used before: the tree, value by value (numbers as Long/Double, null as the marker). */
    private static Object plain(JsonNode node) {
        if (node.isNull()) {
            return NULL;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                map.put(f.getKey(), plain(f.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(e -> list.add(plain(e)));
            return list;
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asText();
    }

    private static byte[] encode(Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        GenericData data = new GenericData();
        data.addLogicalTypeConversion(new org.apache.avro.Conversions.DecimalConversion());
        data.addLogicalTypeConversion(new org.apache.avro.Conversions.UUIDConversion());
        new GenericDatumWriter<GenericRecord>(schema, data).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static GenericRecord randomRecord(Schema schema, Random r) {
        GenericRecord rec = new GenericData.Record(schema);
        rec.put("s", text(r));
        rec.put("i", r.nextInt());
        rec.put("l", r.nextBoolean() ? r.nextLong() : (long) r.nextInt(10));
        rec.put("f", pick(r, new float[] {r.nextFloat() * 1000 - 500, Float.NaN, Float.POSITIVE_INFINITY, 0.1f, -0.0f, 1e-30f}));
        rec.put("d", pick(r, new double[] {r.nextGaussian() * 1e6, Double.NaN, Double.NEGATIVE_INFINITY, 1e300, 0.1, 5e-324}));
        rec.put("b", r.nextBoolean());
        byte[] raw = new byte[r.nextInt(6)];
        r.nextBytes(raw);
        rec.put("raw", ByteBuffer.wrap(raw));
        byte[] four = new byte[4];
        r.nextBytes(four);
        rec.put("fx", new GenericData.Fixed(schema.getField("fx").schema(), four));
        rec.put("e", new GenericData.EnumSymbol(schema.getField("e").schema(), "ABC".substring(r.nextInt(3)).substring(0, 1)));
        List<String> arr = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            arr.add(text(r));
        }
        rec.put("arr", arr);
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = r.nextInt(3); i > 0; i--) {
            m.put(text(r), r.nextBoolean() ? null : r.nextDouble());
        }
        rec.put("m", m);
        Schema in = schema.getField("u").schema().getTypes().get(3);
        GenericRecord inner = new GenericData.Record(in);
        inner.put("x", r.nextInt(100));
        rec.put("u", switch (r.nextInt(4)) {
            case 0 -> null;
            case 1 -> text(r);
            case 2 -> r.nextLong();
            default -> inner;
        });
        rec.put("dec", new BigDecimal(java.math.BigInteger.valueOf(r.nextLong() % 1_000_000_000L), 3));
        rec.put("ts", r.nextLong() % 4_000_000_000_000L);
        rec.put("day", r.nextInt(40_000) - 20_000);
        rec.put("id", new UUID(r.nextLong(), r.nextLong()));
        List<Map<String, Object>> nested = new ArrayList<>();
        for (int i = r.nextInt(3); i > 0; i--) {
            nested.add(Map.of(text(r), inner));
        }
        rec.put("nested", nested);
        return rec;
    }

    private static String text(Random r) {
        String[] pieces = {"plain", "\"", "\\", "\n", "\t", "\b", "\f", "\r", "\u0000", "\u001f", "\u007f", "é", "\u2028", "日本",
                "😀", "/", "", " "};
        StringBuilder out = new StringBuilder();
        for (int i = r.nextInt(5); i > 0; i--) {
            out.append(pieces[r.nextInt(pieces.length)]);
        }
        return out.toString();
    }

    private static Object pick(Random r, float[] options) {
        return options[r.nextInt(options.length)];
    }

    private static Object pick(Random r, double[] options) {
        return options[r.nextInt(options.length)];
    }
}
