package dev.backtrack.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.kafka.RawRecord;
import dev.backtrack.kafka.RegistrySettings;
import dev.backtrack.testing.TestServers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Records framed like the Confluent serializers write them, through a real broker and a real registry. */
class RegistryDecodeTest {
    static final String PROTO_COMMON = """
            syntax = "proto3";
            package demo.common;
            message Money {
              string currency = 1;
              int64 units = 2;
            }
            """;
    static final String PROTO_SHOP = """
            syntax = "proto3";
            package demo.shop;
            import "common.proto";
            import "google/protobuf/timestamp.proto";

            // two top-level messages; the second has nested types
            message Ping { string id = 1; }
            message Cart {
              string id = 1;
              repeated Line lines = 2;
              map<string, string> attributes = 3;
              google.protobuf.Timestamp created = 4;
              oneof payment { string card = 5; string voucher = 6; }
              optional int32 priority = 7;
              message Line {
                string sku = 1;
                demo.common.Money price = 2;
                Kind kind = 3;
                enum Kind { UNKNOWN = 0; PHYSICAL = 1; DIGITAL = 2; }
              }
            }
            """;

    @Test
    void avroWithEvolvedSchemasDecodesEachWithItsOwnId() {
        SchemaRegistryClient client = CodecTestSupport.client();
        String subject = CodecTestSupport.subject("orders-value");
        Schema v1 = new Schema.Parser().parse(AvroCodecTest.ORDER);
        int id1 = client.register(subject, AvroCodecTest.ORDER, SchemaInfo.SchemaType.AVRO, List.of());
        String evolvedText = AvroCodecTest.ORDER.replace("{\"name\":\"ratio\",\"type\":\"double\"}",
                "{\"name\":\"ratio\",\"type\":\"double\"},{\"name\":\"channel\",\"type\":\"string\",\"default\":\"web\"}");
        Schema v2 = new Schema.Parser().parse(evolvedText);
        int id2 = client.register(subject, evolvedText, SchemaInfo.SchemaType.AVRO, List.of());
        assertThat(id2).isNotEqualTo(id1);
        GenericRecord old = AvroCodecTest.sampleOrder(v1, "old");
        GenericRecord fresh = AvroCodecTest.sampleOrder(v2, "new");
        fresh.put("channel", "app");

        List<RawRecord> records = CodecTestSupport.roundTrip("avro", List.of(
                CodecTestSupport.record("k1".getBytes(StandardCharsets.UTF_8), CodecTestSupport.concat(WireFormat.v0Prefix(id1, null), CodecTestSupport.avro(v1, old))),
                CodecTestSupport.record("k2".getBytes(StandardCharsets.UTF_8), CodecTestSupport.concat(WireFormat.v0Prefix(id2, null), CodecTestSupport.avro(v2, fresh)))));
        RecordDecoder decoder = new RecordDecoder(RegistrySettings.of(TestServers.registryUrl()));
        DecodedRecord first = decoder.decode(records.get(0));
        DecodedRecord second = decoder.decode(records.get(1));
        assertThat(first.key().format()).isEqualTo(Format.TEXT);
        assertThat(first.key().text()).isEqualTo("k1");
        assertThat(first.value().error()).isNull();
        assertThat(first.value().format()).isEqualTo(Format.AVRO);
        assertThat(first.value().schema().id()).isEqualTo(id1);
        assertThat(first.value().schema().idLocation()).isEqualTo(SchemaInfo.IdLocation.PREFIX_V0);
        assertThat(first.value().json().get("note").asText()).isEqualTo("old");
        assertThat(first.value().json().has("channel")).isFalse();
        assertThat(second.value().schema().id()).isEqualTo(id2);
        assertThat(second.value().json().get("channel").asText()).isEqualTo("app");
        assertThat(second.value().json().at("/items/0/price").asText()).isEqualTo("12.50");
        assertThat(second.value().json().get("placed").asText()).isEqualTo("2026-11-27T10:15:30.123Z");
        assertThat(second.value().schema().schemaText()).contains("channel");
    }

    @Test
    void protobufNestedMessageWithReferenceAndWellKnownImport() throws Exception {
        SchemaRegistryClient client = CodecTestSupport.client();
        String commonSubject = CodecTestSupport.subject("common.proto");
        client.register(commonSubject, PROTO_COMMON, SchemaInfo.SchemaType.PROTOBUF, List.of());
        String subject = CodecTestSupport.subject("carts-value");
        int id = client.register(subject, PROTO_SHOP, SchemaInfo.SchemaType.PROTOBUF,
                List.of(new SchemaReference("common.proto", commonSubject, 1)));
        assertThat(client.getSchemaById(id).references()).extracting(SchemaReference::name).containsExactly("common.proto");

        // build the expected messages with descriptors made by protobuf itself from the same text
        var file = ProtobufSchemas.build(client.getSchemaById(id), client);
        var cart = file.findMessageTypeByName("Cart");
        var line = cart.findNestedTypeByName("Line");
        var money = line.findFieldByName("price").getMessageType();
        var lineMessage = com.google.protobuf.DynamicMessage.newBuilder(line)
                .setField(line.findFieldByName("sku"), "A-1")
                .setField(line.findFieldByName("price"), com.google.protobuf.DynamicMessage.newBuilder(money)
                        .setField(money.findFieldByName("currency"), "EUR").setField(money.findFieldByName("units"), 12L).build())
                .setField(line.findFieldByName("kind"), line.findEnumTypeByName("Kind").findValueByName("DIGITAL"))
                .build();
        byte[] lineBytes = lineMessage.toByteArray();
        var cartMessage = com.google.protobuf.DynamicMessage.newBuilder(cart)
                .setField(cart.findFieldByName("id"), "c-9")
                .addRepeatedField(cart.findFieldByName("lines"), lineMessage)
                .setField(cart.findFieldByName("created"), com.google.protobuf.Timestamp.newBuilder().setSeconds(1_790_000_000L).build())
                .setField(cart.findFieldByName("voucher"), "XMAS")
                .setField(cart.findFieldByName("priority"), 0)
                .build();

        List<RawRecord> records = CodecTestSupport.roundTrip("proto", List.of(
                // Cart.Line is message index path [1, 0]
                CodecTestSupport.record(null, CodecTestSupport.concat(WireFormat.v0Prefix(id, List.of(1, 0)), lineBytes)),
                // Cart is [1]
                CodecTestSupport.record(null, CodecTestSupport.concat(WireFormat.v0Prefix(id, List.of(1)), cartMessage.toByteArray())),
                // Ping is [0], written as the single byte 0x00; its body is field 1 = "p"
                CodecTestSupport.record(null, CodecTestSupport.concat(WireFormat.v0Prefix(id, List.of(0)), new byte[] {0x0a, 1, 'p'}))));
        RecordDecoder decoder = RecordDecoder.using(client);

        DecodedPart linePart = decoder.decode(records.get(0)).value();
        assertThat(linePart.error()).isNull();
        assertThat(linePart.format()).isEqualTo(Format.PROTOBUF);
        assertThat(linePart.schema().messageIndexes()).containsExactly(1, 0);
        assertThat(linePart.json().get("sku").asText()).isEqualTo("A-1");
        assertThat(linePart.json().at("/price/currency").asText()).isEqualTo("EUR");
        assertThat(linePart.json().get("kind").asText()).isEqualTo("DIGITAL");

        DecodedPart cartPart = decoder.decode(records.get(1)).value();
        assertThat(cartPart.error()).isNull();
        assertThat(cartPart.json().get("voucher").asText()).isEqualTo("XMAS");
        assertThat(cartPart.json().get("created").asText()).isEqualTo("2026-09-21T14:13:20Z");
        assertThat(cartPart.json().at("/lines/0/price/units").asText()).isEqualTo("12");
        assertThat(cartPart.json().get("priority").asInt()).isEqualTo(0);

        DecodedPart ping = decoder.decode(records.get(2)).value();
        assertThat(ping.error()).isNull();
        assertThat(ping.schema().messageIndexes()).containsExactly(0);
        assertThat(ping.json().get("id").asText()).isEqualTo("p");
        assertThat(WireFormat.v0Prefix(id, List.of(0))).hasSize(6).endsWith(0);
    }

    @Test
    void jsonSchemaPayloadsDecodeAndHeaderCarriedIdWins() {
        SchemaRegistryClient client = CodecTestSupport.client();
        String subject = CodecTestSupport.subject("events-value");
        int id = client.register(subject, """
                {"$schema":"http://json-schema.org/draft-07/schema#","type":"object",
                 "properties":{"kind":{"type":"string"},"n":{"type":"integer"}},"required":["kind"]}""",
                SchemaInfo.SchemaType.JSON, List.of());
        String avroSubject = CodecTestSupport.subject("ticks-value");
        String avroText = "{\"type\":\"record\",\"name\":\"Tick\",\"fields\":[{\"name\":\"n\",\"type\":\"int\"}]}";
        int avroId = client.register(avroSubject, avroText, SchemaInfo.SchemaType.AVRO, List.of());
        Schema tick = new Schema.Parser().parse(avroText);
        GenericRecord t = new GenericData.Record(tick);
        t.put("n", 7);
        ProducerRecord<byte[], byte[]> headerFramed = new ProducerRecord<>("unused", null, CodecTestSupport.avro(tick, t));
        headerFramed.headers().add(WireFormat.VALUE_SCHEMA_ID_HEADER, WireFormat.v0Prefix(avroId, null));

        List<RawRecord> records = CodecTestSupport.roundTrip("jsonschema", List.of(
                CodecTestSupport.record(null, CodecTestSupport.concat(WireFormat.v0Prefix(id, null),
                        "{\"kind\":\"click\",\"n\":3}".getBytes(StandardCharsets.UTF_8))),
                headerFramed));
        RecordDecoder decoder = RecordDecoder.using(client);
        DecodedPart json = decoder.decode(records.get(0)).value();
        assertThat(json.error()).isNull();
        assertThat(json.format()).isEqualTo(Format.JSON_SCHEMA);
        assertThat(json.json().get("kind").asText()).isEqualTo("click");
        assertThat(json.schema().id()).isEqualTo(id);

        DecodedPart viaHeader = decoder.decode(records.get(1)).value();
        assertThat(viaHeader.error()).isNull();
        assertThat(viaHeader.format()).isEqualTo(Format.AVRO);
        assertThat(viaHeader.schema().idLocation()).isEqualTo(SchemaInfo.IdLocation.HEADER);
        assertThat(viaHeader.json().get("n").asInt()).isEqualTo(7);
    }
}
