package dev.backtrack.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** Edit-and-resend encoding keeps the writer schema id, its location and the message indexes. */
class ValueEncoderTest {
    @Test
    void avroEditKeepsTheSchemaIdAndAnIndependentReaderSeesTheEdit() throws Exception {
        SchemaRegistryClient client = CodecTestSupport.client();
        String subject = CodecTestSupport.subject("edit-value");
        int id1 = client.register(subject, AvroCodecTest.ORDER, SchemaInfo.SchemaType.AVRO, List.of());
        String v2 = AvroCodecTest.ORDER.replace("{\"name\":\"ratio\",\"type\":\"double\"}",
                "{\"name\":\"ratio\",\"type\":\"double\"},{\"name\":\"x\",\"type\":\"int\",\"default\":0}");
        int id2 = client.register(subject, v2, SchemaInfo.SchemaType.AVRO, List.of());
        Schema schema = new Schema.Parser().parse(AvroCodecTest.ORDER);
        byte[] original = CodecTestSupport.concat(WireFormat.v0Prefix(id1, null), CodecTestSupport.avro(schema, AvroCodecTest.sampleOrder(schema, "a")));
        RecordDecoder decoder = RecordDecoder.using(client);
        DecodedPart decoded = decoder.decode(value(original, List.of())).value();

        // unchanged -> byte-identical
        ValueEncoder encoder = ValueEncoder.using(client);
        assertThat(encoder.encodeValue(decoded.schema(), decoded.json())).isEqualTo(original);

        ObjectNode edited = decoded.json().deepCopy();
        edited.put("note", "edited");
        ((ObjectNode) edited.at("/items/0")).put("price", "99.99");
        byte[] bytes = encoder.encodeValue(decoded.schema(), edited);
        assertThat(WireFormat.prefix(bytes).id()).isEqualTo(id1).isNotEqualTo(id2);
        GenericRecord back = new GenericDatumReader<GenericRecord>(schema, schema, CodecTestSupport.AVRO_DATA)
                .read(null, DecoderFactory.get().binaryDecoder(Arrays.copyOfRange(bytes, 5, bytes.length), null));
        assertThat(back.get("note").toString()).isEqualTo("edited");
        assertThat(((GenericRecord) ((List<?>) back.get("items")).get(0)).get("price")).isEqualTo(new BigDecimal("99.99"));

        ((ObjectNode) edited.at("/items/1")).put("price", "cheap");
        assertThatThrownBy(() -> encoder.encodeValue(decoded.schema(), edited)).isInstanceOf(EncodeException.class)
                .hasMessage("$.items[1].price: expected decimal");

        // by subject: latest is v2, framed with v2's id
        EncodedPart bySubject = encoder.encodeForSubject(subject, "latest", null, decoded.json(), false);
        assertThat(WireFormat.prefix(bySubject.bytes()).id()).isEqualTo(id2);
        assertThat(decoder.decode(value(bySubject.bytes(), List.of())).value().json().get("x").asInt()).isZero();
    }

    @Test
    void headerCarriedIdStaysInTheHeader() {
        SchemaRegistryClient client = CodecTestSupport.client();
        String text = "{\"type\":\"record\",\"name\":\"H\",\"fields\":[{\"name\":\"n\",\"type\":\"int\"}]}";
        int id = client.register(CodecTestSupport.subject("hdr-value"), text, SchemaInfo.SchemaType.AVRO, List.of());
        RawHeader header = new RawHeader(WireFormat.VALUE_SCHEMA_ID_HEADER, WireFormat.v0Prefix(id, null));
        DecodedPart decoded = RecordDecoder.using(client).decode(value(new byte[] {14}, List.of(header))).value();
        assertThat(decoded.json().get("n").asInt()).isEqualTo(7);
        ObjectNode edited = ((ObjectNode) decoded.json().deepCopy()).put("n", 8);
        EncodedPart encoded = ValueEncoder.using(client).encode(decoded.schema(), edited, false);
        assertThat(encoded.bytes()).containsExactly(16);
        assertThat(encoded.schemaIdHeader()).isEqualTo(header);
        assertThatThrownBy(() -> ValueEncoder.using(client).encodeValue(decoded.schema(), edited)).hasMessageContaining("travels in a header");
    }

    @Test
    void protobufKeepsMessageIndexesAndJsonSchemaValidates() {
        SchemaRegistryClient client = CodecTestSupport.client();
        String commonSubject = CodecTestSupport.subject("common2.proto");
        client.register(commonSubject, RegistryDecodeTest.PROTO_COMMON, SchemaInfo.SchemaType.PROTOBUF, List.of());
        String cartSubject = CodecTestSupport.subject("cart2-value");
        int protoId = client.register(cartSubject, RegistryDecodeTest.PROTO_SHOP, SchemaInfo.SchemaType.PROTOBUF,
                List.of(new SchemaReference("common.proto", commonSubject, 1)));
        RecordDecoder decoder = RecordDecoder.using(client);
        ValueEncoder encoder = ValueEncoder.using(client);
        SchemaInfo line = new SchemaInfo(protoId, null, SchemaInfo.SchemaType.PROTOBUF, SchemaInfo.IdLocation.PREFIX_V0, null, null, null, List.of(1, 0));
        byte[] bytes = encoder.encodeValue(line, ValueEncoder.parseJson("{\"sku\":\"Z\",\"price\":{\"currency\":\"USD\",\"units\":\"3\"},\"kind\":\"PHYSICAL\"}"));
        assertThat(Arrays.copyOfRange(bytes, 0, 8)).isEqualTo(CodecTestSupport.concat(WireFormat.v0Prefix(protoId, List.of(1, 0))));
        DecodedPart back = decoder.decode(value(bytes, List.of())).value();
        assertThat(back.error()).isNull();
        assertThat(back.schema().messageIndexes()).containsExactly(1, 0);
        assertThat(back.json().at("/price/currency").asText()).isEqualTo("USD");
        assertThat(encoder.encodeValue(back.schema(), back.json())).isEqualTo(bytes);
        assertThatThrownBy(() -> encoder.encodeValue(line, ValueEncoder.parseJson("{\"nope\":1}")))
                .isInstanceOf(EncodeException.class).hasMessageContaining("demo.shop.Cart.Line");
        SchemaInfo bySubject = encoder.schemaForSubject(cartSubject, "latest", "demo.shop.Cart.Line");
        assertThat(bySubject.id()).isEqualTo(protoId);
        assertThat(bySubject.messageIndexes()).containsExactly(1, 0);
        assertThat(encoder.schemaForSubject(cartSubject, "1", null).messageIndexes()).containsExactly(0);

        int jsonId = client.register(CodecTestSupport.subject("js-value"), """
                {"type":"object","properties":{"kind":{"type":"string"},"n":{"type":"integer","minimum":0}},"required":["kind"]}""",
                SchemaInfo.SchemaType.JSON, List.of());
        SchemaInfo js = new SchemaInfo(jsonId, null, SchemaInfo.SchemaType.JSON, SchemaInfo.IdLocation.PREFIX_V0, null, null, null, null);
        byte[] ok = encoder.encodeValue(js, ValueEncoder.parseJson("{\"kind\":\"a\",\"n\":2}"));
        assertThat(decoder.decode(value(ok, List.of())).value().json().get("n").asInt()).isEqualTo(2);
        assertThat(WireFormat.prefix(ok).id()).isEqualTo(jsonId);
        assertThatThrownBy(() -> encoder.encodeValue(js, ValueEncoder.parseJson("{\"kind\":\"a\",\"n\":-1}")))
                .isInstanceOf(EncodeException.class).extracting(e -> ((EncodeException) e).path()).isEqualTo("$.n");
    }

    static RawRecord value(byte[] value, List<RawHeader> headers) {
        return new RawRecord("t", 0, 0, 0, TimestampType.CREATE_TIME, null, value, headers);
    }
}
