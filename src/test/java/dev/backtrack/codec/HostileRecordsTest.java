package dev.backtrack.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.kafka.RawRecord;
import dev.backtrack.kafka.RegistrySettings;
import dev.backtrack.testing.TestServers;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A page mixing good and hostile records from a real broker: each bad one gets its own reason, neighbours decode. */
class HostileRecordsTest {
    private static SchemaRegistryClient client;
    private static int orderId;
    private static byte[] goodValue;
    private static List<RawRecord> page;

    @BeforeAll
    static void producePage() {
        client = CodecTestSupport.client();
        orderId = client.register(CodecTestSupport.subject("hostile-value"), AvroCodecTest.ORDER, SchemaInfo.SchemaType.AVRO, List.of());
        Schema schema = new Schema.Parser().parse(AvroCodecTest.ORDER);
        goodValue = CodecTestSupport.concat(WireFormat.v0Prefix(orderId, null), CodecTestSupport.avro(schema, AvroCodecTest.sampleOrder(schema, "ok")));
        byte[] key = "order-1".getBytes(StandardCharsets.UTF_8);
        page = CodecTestSupport.roundTrip("hostile", List.of(
                CodecTestSupport.record(key, goodValue),
                CodecTestSupport.record(key, CodecTestSupport.concat(WireFormat.v0Prefix(9001, null), new byte[] {2, 4, 6})),
                CodecTestSupport.record(key, Arrays.copyOf(goodValue, goodValue.length - 9)),
                CodecTestSupport.record(key, new byte[0]),
                CodecTestSupport.record(key, null),
                CodecTestSupport.record(new byte[] {(byte) 0xff, (byte) 0xfe, 0x41}, goodValue),
                CodecTestSupport.record(key, new byte[] {7, (byte) 0x80, 0, 3, (byte) 0xee}),
                CodecTestSupport.record(key, goodValue)));
    }

    @Test
    void everyHostileRecordHasItsOwnErrorWhileNeighboursDecode() {
        RecordDecoder decoder = RecordDecoder.using(client);
        List<DecodedRecord> decoded = page.stream().map(decoder::decode).toList();

        assertThat(decoded.get(0).hasError()).isFalse();
        assertThat(decoded.get(0).value().format()).isEqualTo(Format.AVRO);

        DecodedPart unknown = decoded.get(1).value();
        assertThat(unknown.format()).isEqualTo(Format.HEX);
        assertThat(unknown.error()).isEqualTo("unknown schema id 9001 at registry " + TestServers.registryUrl());
        assertThat(unknown.text()).isEqualTo("0000002329020406");

        DecodedPart truncated = decoded.get(2).value();
        assertThat(truncated.format()).isEqualTo(Format.HEX);
        assertThat(truncated.error()).startsWith("truncated Avro payload for schema id " + orderId + ": needs ");
        assertThat(truncated.schema().id()).isEqualTo(orderId);

        DecodedPart empty = decoded.get(3).value();
        assertThat(empty.error()).isNull();
        assertThat(empty.format()).isEqualTo(Format.TEXT);
        assertThat(empty.text()).isEmpty();

        assertThat(decoded.get(4).value().format()).isEqualTo(Format.NULL);
        assertThat(decoded.get(4).value().error()).isNull();

        DecodedRecord binaryKey = decoded.get(5);
        assertThat(binaryKey.key().format()).isEqualTo(Format.HEX);
        assertThat(binaryKey.key().text()).isEqualTo("fffe41");
        assertThat(binaryKey.value().format()).isEqualTo(Format.AVRO);
        DecodedPart forcedText = decoder.decode(page.get(5), new DecoderChoice(Format.TEXT, null)).key();
        assertThat(forcedText.error()).isEqualTo("not valid UTF-8");

        DecodedPart garbage = decoded.get(6).value();
        assertThat(garbage.format()).isEqualTo(Format.HEX);
        assertThat(garbage.error()).isNull();
        DecodedPart forcedAvro = decoder.decode(page.get(6), new DecoderChoice(null, Format.AVRO)).value();
        assertThat(forcedAvro.error()).startsWith("not framed for a schema registry");

        assertThat(decoded.get(7).hasError()).isFalse();
        assertThat(decoded.get(7).value().json().get("note").asText()).isEqualTo("ok");
    }

    @Test
    void registryDownShowsRawBytesWithTheReasonAndTheRestStillDecodes() {
        String url = "http://127.0.0.1:" + TestServers.freePort();
        RecordDecoder decoder = new RecordDecoder(RegistrySettings.of(url));
        long start = System.nanoTime();
        List<DecodedRecord> decoded = page.stream().map(decoder::decode).toList();
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);

        DecodedPart value = decoded.get(0).value();
        assertThat(value.format()).isEqualTo(Format.HEX);
        assertThat(value.error()).isEqualTo("registry unreachable: schema registry at " + url
                + " is unreachable: connection refused — showing raw bytes");
        assertThat(decoded.get(0).key().text()).isEqualTo("order-1");
        assertThat(decoded.get(7).value().error()).startsWith("registry unreachable:");
        assertThat(decoded.get(4).value().format()).isEqualTo(Format.NULL);
    }

    @Test
    void noRegistryConfiguredSaysSo() {
        DecodedPart value = new RecordDecoder((RegistrySettings) null).decode(page.get(0)).value();
        assertThat(value.error()).isEqualTo("framed for schema id " + orderId + " but no schema registry is configured — showing raw bytes");
    }
}
