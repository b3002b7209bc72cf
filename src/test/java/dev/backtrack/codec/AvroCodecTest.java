package dev.backtrack.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** Avro binary <-> readable JSON, checked against Avro's own GenericDatumWriter bytes. */
class AvroCodecTest {
    static final String ORDER = """
            {"type":"record","name":"Order","namespace":"demo","fields":[
              {"name":"id","type":"long"},
              {"name":"customer","type":{"type":"record","name":"Customer","fields":[
                 {"name":"name","type":"string"},{"name":"vip","type":"boolean"}]}},
              {"name":"status","type":{"type":"enum","name":"Status","symbols":["NEW","PAID","SHIPPED"]}},
              {"name":"items","type":{"type":"array","items":{"type":"record","name":"Item","fields":[
                 {"name":"sku","type":"string"},
                 {"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}}]}}},
              {"name":"tags","type":{"type":"map","values":"int"}},
              {"name":"note","type":["null","string"],"default":null},
              {"name":"placed","type":{"type":"long","logicalType":"timestamp-millis"}},
              {"name":"day","type":{"type":"int","logicalType":"date"}},
              {"name":"ref","type":{"type":"string","logicalType":"uuid"}},
              {"name":"blob","type":"bytes"},
              {"name":"ratio","type":"double"}
            ]}""";
    private static final ObjectMapper JSON = new ObjectMapper();
    static final UUID REF = UUID.fromString("3f2b5c1e-8d4a-4c7e-9b1f-2a6d8e0c4b71");

    static GenericRecord sampleOrder(Schema schema, String note) {
        Schema customer = schema.getField("customer").schema();
        Schema item = schema.getField("items").schema().getElementType();
        GenericRecord c = new GenericData.Record(customer);
        c.put("name", "Ada");
        c.put("vip", true);
        GenericRecord i1 = new GenericData.Record(item);
        i1.put("sku", "A-1");
        i1.put("price", new BigDecimal("12.50"));
        GenericRecord i2 = new GenericData.Record(item);
        i2.put("sku", "B-2");
        i2.put("price", new BigDecimal("-0.99"));
        GenericRecord order = new GenericData.Record(schema);
        order.put("id", 42L);
        order.put("customer", c);
        order.put("status", new GenericData.EnumSymbol(schema.getField("status").schema(), "PAID"));
        order.put("items", List.of(i1, i2));
        order.put("tags", Map.of("gift", 1));
        order.put("note", note);
        order.put("placed", Instant.parse("2026-11-27T10:15:30.123Z"));
        order.put("day", LocalDate.parse("2026-11-27"));
        order.put("ref", REF);
        order.put("blob", ByteBuffer.wrap(new byte[] {1, 2, (byte) 0xff}));
        order.put("ratio", 0.25);
        return order;
    }

    @Test
    void decodesEveryShapeReadably() {
        Schema schema = new Schema.Parser().parse(ORDER);
        byte[] bytes = CodecTestSupport.avro(schema, sampleOrder(schema, "leave at door"));
        JsonNode json = AvroBinaryReader.decode(schema, bytes, 0);
        assertThat(json.get("id").asLong()).isEqualTo(42);
        assertThat(json.at("/customer/name").asText()).isEqualTo("Ada");
        assertThat(json.get("status").asText()).isEqualTo("PAID");
        assertThat(json.at("/items/0/price").asText()).isEqualTo("12.50");
        assertThat(json.at("/items/1/price").asText()).isEqualTo("-0.99");
        assertThat(json.at("/tags/gift").asInt()).isEqualTo(1);
        assertThat(json.get("note").asText()).isEqualTo("leave at door");
        assertThat(json.get("placed").asText()).isEqualTo("2026-11-27T10:15:30.123Z");
        assertThat(json.get("day").asText()).isEqualTo("2026-11-27");
        assertThat(json.get("ref").asText()).isEqualTo(REF.toString());
        assertThat(json.get("blob").asText()).isEqualTo("AQL/");
        assertThat(json.get("ratio").asDouble()).isEqualTo(0.25);
        // the display text is rendered in its own pass and must say exactly what the tree says
        assertThat(AvroBinaryReader.text(schema, bytes, 0)).isEqualTo(json.toString());
    }

    @Test
    void reencodingTheReadableFormGivesAvrosOwnBytes() {
        Schema schema = new Schema.Parser().parse(ORDER);
        for (String note : new String[] {"x", null}) {
            byte[] bytes = CodecTestSupport.avro(schema, sampleOrder(schema, note));
            JsonNode json = AvroBinaryReader.decode(schema, bytes, 0);
            assertThat(AvroJsonWriter.encode(schema, json)).isEqualTo(bytes);
        }
    }

    @Test
    void editedValueIsEncodedAndAvroReadsTheEdit() throws Exception {
        Schema schema = new Schema.Parser().parse(ORDER);
        JsonNode json = AvroBinaryReader.decode(schema, CodecTestSupport.avro(schema, sampleOrder(schema, null)), 0);
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.at("/items/1")).put("price", "7.3");
        ((com.fasterxml.jackson.databind.node.ObjectNode) json).put("note", "edited");
        byte[] edited = AvroJsonWriter.encode(schema, json);
        var reader = new org.apache.avro.generic.GenericDatumReader<GenericRecord>(schema, schema, CodecTestSupport.AVRO_DATA);
        GenericRecord back = reader.read(null, org.apache.avro.io.DecoderFactory.get().binaryDecoder(edited, null));
        assertThat(back.get("note").toString()).isEqualTo("edited");
        assertThat(((GenericRecord) ((List<?>) back.get("items")).get(1)).get("price")).isEqualTo(new BigDecimal("7.30"));
    }

    @Test
    void validationErrorsNameTheField() throws Exception {
        Schema schema = new Schema.Parser().parse(ORDER);
        JsonNode json = AvroBinaryReader.decode(schema, CodecTestSupport.avro(schema, sampleOrder(schema, null)), 0);
        var items = (com.fasterxml.jackson.databind.node.ArrayNode) json.get("items");
        items.addObject().put("sku", "C").put("price", "cheap");
        assertThatThrownBy(() -> AvroJsonWriter.encode(schema, json))
                .isInstanceOf(EncodeException.class).hasMessage("$.items[2].price: expected decimal")
                .extracting(e -> ((EncodeException) e).path()).isEqualTo("$.items[2].price");
        var bad = JSON.readTree(json.toString());
        ((com.fasterxml.jackson.databind.node.ObjectNode) bad).put("status", "LOST");
        assertThatThrownBy(() -> AvroJsonWriter.encode(schema, bad)).hasMessageStartingWith("$.status: expected one of the Status symbols");
        var extra = JSON.readTree(json.toString());
        ((com.fasterxml.jackson.databind.node.ObjectNode) extra).put("surprise", 1);
        assertThatThrownBy(() -> AvroJsonWriter.encode(schema, extra)).hasMessage("$.surprise: is not a field of record demo.Order");
        var missing = JSON.readTree(json.toString());
        ((com.fasterxml.jackson.databind.node.ObjectNode) missing).remove("id");
        assertThatThrownBy(() -> AvroJsonWriter.encode(schema, missing)).hasMessage("$.id: required field is missing");
        var precise = JSON.readTree(json.toString());
        ((com.fasterxml.jackson.databind.node.ObjectNode) precise.at("/items/0")).put("price", "1.234");
        assertThatThrownBy(() -> AvroJsonWriter.encode(schema, precise)).hasMessageStartingWith("$.items[0].price: expected decimal with at most 2 digits");
    }

    @Test
    void unionsPickTheFirstFittingBranchAndAcceptAvroJsonWrapping() throws Exception {
        Schema schema = new Schema.Parser().parse("""
                {"type":"record","name":"U","fields":[{"name":"v","type":["null","long","string"]}]}""");
        assertThat(AvroBinaryReader.decode(schema, AvroJsonWriter.encode(schema, JSON.readTree("{\"v\":5}")), 0).get("v").asLong()).isEqualTo(5);
        assertThat(AvroBinaryReader.decode(schema, AvroJsonWriter.encode(schema, JSON.readTree("{\"v\":\"5\"}")), 0).get("v").asText()).isEqualTo("5");
        assertThat(AvroBinaryReader.decode(schema, AvroJsonWriter.encode(schema, JSON.readTree("{\"v\":{\"string\":\"w\"}}")), 0).get("v").asText()).isEqualTo("w");
        assertThat(AvroBinaryReader.decode(schema, AvroJsonWriter.encode(schema, JSON.readTree("{}")), 0).get("v").isNull()).isTrue();
        assertThatThrownBy(() -> AvroJsonWriter.encode(schema, JSON.readTree("{\"v\":true}"))).hasMessage("$.v: expected one of [null, long, string]");
    }

    @Test
    void rawBytesSchemaHasNoLengthPrefix() {
        Schema bytes = Schema.create(Schema.Type.BYTES);
        byte[] payload = {9, 8, 7};
        JsonNode json = AvroBinaryReader.decode(bytes, payload, 0);
        assertThat(json.asText()).isEqualTo("CQgH");
        assertThat(AvroJsonWriter.encode(bytes, json)).isEqualTo(payload);
    }

    @Test
    void hugeClaimedLengthsFailWithoutAllocating() {
        Schema schema = new Schema.Parser().parse("""
                {"type":"record","name":"R","fields":[{"name":"s","type":"string"},{"name":"a","type":{"type":"array","items":"null"}}]}""");
        byte[] hugeString = {(byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, 'a'};
        assertThatThrownBy(() -> AvroBinaryReader.decode(schema, hugeString, 0))
                .hasMessageContaining("needs 2147483647 more bytes");
        byte[] hugeNullArray = {0, (byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, 0};
        assertThatThrownBy(() -> AvroBinaryReader.decode(schema, hugeNullArray, 0)).hasMessageContaining("refusing to expand");
        // a text pass that failed half-way leaves nothing behind for the next record on this thread
        assertThatThrownBy(() -> AvroBinaryReader.text(schema, new byte[] {2, 'a', (byte) 0xfe}, 0)).hasMessageContaining("needs");
        assertThat(AvroBinaryReader.text(schema, new byte[] {2, 'a', 2, 0}, 0)).isEqualTo("{\"s\":\"a\",\"a\":[null]}");
    }

    @Test
    void recursiveSchemasDecodeAndCorruptDeepNestingFailWithAReason() {
        Schema list = new Schema.Parser().parse("""
                {"type":"record","name":"Node","fields":[{"name":"v","type":"int"},{"name":"next","type":["null","Node"]}]}""");
        byte[] three = {2, 2, 4, 2, 6, 0}; // 1 -> 2 -> 3 -> null
        assertThat(AvroBinaryReader.text(list, three, 0)).isEqualTo("{\"v\":1,\"next\":{\"v\":2,\"next\":{\"v\":3,\"next\":null}}}");
        assertThat(AvroBinaryReader.decode(list, three, 0).toString()).isEqualTo(AvroBinaryReader.text(list, three, 0));
        byte[] deep = new byte[1000]; // 500 nodes, each "v = 0, next is a Node": deeper than any real list and cut short
        for (int i = 0; i < deep.length; i += 2) {
            deep[i] = 0;
            deep[i + 1] = 2;
        }
        assertThatThrownBy(() -> AvroBinaryReader.text(list, deep, 0)).hasMessageContaining("nesting deeper than 200 levels");
    }
}
