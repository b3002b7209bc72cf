package dev.backtrack.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DynamicMessage;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import org.apache.avro.Schema;
import org.apache.kafka.common.record.TimestampType;

/**
 * Robustness: random bytes and mutated valid Avro / Protobuf / JSON Schema payloads (bit flips, truncation,
 * huge length prefixes, overwrites, appended junk) go through the real decoder and registry. Nothing may
 * escape, and the decoder's last-resort catch must never be what saved it.
 */
class DecoderFuzzTest {
    private static final AtomicLong FED = new AtomicLong();
    private static final byte[][] HUGE_LENGTHS = {
            {(byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f},
            {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01},
            {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08},
            {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07}};

    private static Fixture fixture;

    record Fixture(RecordDecoder decoder, List<byte[]> bases) {
    }

    static synchronized Fixture fixture() {
        if (fixture == null) {
            SchemaRegistryClient client = CodecTestSupport.client();
            int avroId = client.register(CodecTestSupport.subject("fuzz-avro"), AvroCodecTest.ORDER, SchemaInfo.SchemaType.AVRO, List.of());
            Schema schema = new Schema.Parser().parse(AvroCodecTest.ORDER);
            byte[] avro = CodecTestSupport.concat(WireFormat.v0Prefix(avroId, null), CodecTestSupport.avro(schema, AvroCodecTest.sampleOrder(schema, "fuzz")));

            String common = CodecTestSupport.subject("fuzz-common.proto");
            client.register(common, RegistryDecodeTest.PROTO_COMMON, SchemaInfo.SchemaType.PROTOBUF, List.of());
            int protoId = client.register(CodecTestSupport.subject("fuzz-proto"), RegistryDecodeTest.PROTO_SHOP, SchemaInfo.SchemaType.PROTOBUF,
                    List.of(new SchemaReference("common.proto", common, 1)));
            var cart = ProtobufSchemas.build(client.getSchemaById(protoId), client).findMessageTypeByName("Cart");
            byte[] cartBody = DynamicMessage.newBuilder(cart).setField(cart.findFieldByName("id"), "cart-1")
                    .setField(cart.findFieldByName("card"), "4111").build().toByteArray();
            byte[] proto = CodecTestSupport.concat(WireFormat.v0Prefix(protoId, List.of(1)), cartBody);
            byte[] nested = ValueEncoder.using(client).encodeValue(new SchemaInfo(protoId, null, SchemaInfo.SchemaType.PROTOBUF,
                    SchemaInfo.IdLocation.PREFIX_V0, null, null, null, List.of(1, 0)), ValueEncoder.parseJson("{\"sku\":\"a\",\"kind\":\"DIGITAL\"}"));

            int jsonId = client.register(CodecTestSupport.subject("fuzz-json"), "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"array\"}}}", SchemaInfo.SchemaType.JSON, List.of());
            byte[] json = CodecTestSupport.concat(WireFormat.v0Prefix(jsonId, null), "{\"a\":[1,2,{\"b\":null}]}".getBytes(StandardCharsets.UTF_8));
            fixture = new Fixture(RecordDecoder.using(client), List.of(avro, proto, nested, json));
        }
        return fixture;
    }

    @Property(tries = 4000)
    void randomBytesNeverEscape(@ForAll @Size(max = 80) byte[] bytes, @ForAll("formats") Format format) {
        check(bytes, format);
    }

    @Property(tries = 8000)
    void mutatedValidPayloadsNeverEscape(@ForAll("mutated") byte[] bytes, @ForAll("formats") Format format) {
        check(bytes, format);
    }

    @AfterContainer
    static void enoughWereFed() {
        assertThat(FED.get()).isGreaterThanOrEqualTo(12_000);
    }

    private static void check(byte[] bytes, Format format) {
        FED.incrementAndGet();
        RecordDecoder decoder = fixture().decoder();
        RawRecord record = new RawRecord("fuzz", 0, 0, 0, TimestampType.CREATE_TIME, bytes, bytes, List.of());
        DecodedRecord decoded = decoder.decode(record, new DecoderChoice(format, format));
        // checked now and rendered on demand: exactly the same parts (format, text, tree, error); compared with a
        // second plain decode because a registry miss is worded differently the first time than once cached
        DecodedRecord forFilter = decoder.decodeForFilter(record, new DecoderChoice(format, format));
        assertThat(forFilter).isEqualTo(decoder.decode(record, new DecoderChoice(format, format)));
        for (DecodedPart part : List.of(decoded.key(), decoded.value())) {
            assertThat(part).isNotNull();
            assertThat(part.text()).isNotNull();
            assertThat(part.json()).isNotNull();
            if (part.error() != null) {
                assertThat(part.error()).doesNotStartWith("could not decode:").doesNotContain("\n");
                assertThat(part.format()).isEqualTo(Format.HEX);
            }
        }
        // the same bytes with the id in a header instead of the prefix
        RawRecord headerFramed = new RawRecord("fuzz", 0, 0, 0, TimestampType.CREATE_TIME, null, bytes,
                List.of(new RawHeader(WireFormat.VALUE_SCHEMA_ID_HEADER, Arrays.copyOf(bytes, Math.min(bytes.length, 8)))));
        DecodedPart viaHeader = decoder.decode(headerFramed).value();
        assertThat(viaHeader.error() == null || !viaHeader.error().startsWith("could not decode:")).isTrue();
    }

    @Provide
    Arbitrary<Format> formats() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just((Format) null)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(Format.values())));
    }

    @Provide
    Arbitrary<byte[]> mutated() {
        Arbitrary<byte[]> base = Arbitraries.of(fixture().bases());
        Arbitrary<Mutation> one = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.integers().between(0, 10_000), Arbitraries.integers().between(0, 7))
                        .as((at, bit) -> (Mutation) b -> flip(b, at, bit)),
                Arbitraries.integers().between(0, 10_000).map(at -> (Mutation) b -> Arrays.copyOf(b, b.length == 0 ? 0 : at % b.length)),
                Combinators.combine(Arbitraries.integers().between(5, 10_000), Arbitraries.of(HUGE_LENGTHS))
                        .as((at, huge) -> (Mutation) b -> insert(b, at, huge)),
                Combinators.combine(Arbitraries.integers().between(0, 10_000), Arbitraries.bytes())
                        .as((at, value) -> (Mutation) b -> overwrite(b, at, value)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(16).map(junk -> (Mutation) b -> CodecTestSupport.concat(b, junk)));
        return Combinators.combine(base, one.list().ofMinSize(1).ofMaxSize(3)).as((b, mutations) -> {
            byte[] out = b.clone();
            for (Mutation m : mutations) {
                out = m.apply(out);
            }
            return out;
        });
    }

    interface Mutation {
        byte[] apply(byte[] bytes);
    }

    private static byte[] flip(byte[] b, int at, int bit) {
        if (b.length == 0) {
            return b;
        }
        byte[] out = b.clone();
        // keep most flips out of the 5-byte prefix so the schema is found and the body is what gets tested
        int index = b.length > 5 && at % 10 != 0 ? 5 + at % (b.length - 5) : at % b.length;
        out[index] ^= (byte) (1 << bit);
        return out;
    }

    private static byte[] insert(byte[] b, int at, byte[] huge) {
        int index = Math.min(b.length, at % Math.max(1, b.length));
        return CodecTestSupport.concat(Arrays.copyOf(b, index), huge, Arrays.copyOfRange(b, index, b.length));
    }

    private static byte[] overwrite(byte[] b, int at, byte value) {
        if (b.length == 0) {
            return b;
        }
        byte[] out = b.clone();
        out[at % b.length] = value;
        return out;
    }
}
