package dev.backtrack.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** Byte-level framing: v0, v1 (GUID), id headers, Protobuf message indexes, and the plain formats. */
class WireFormatTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void parsesV0AndV1Prefixes() {
        WireFormat.Framing v0 = WireFormat.prefix(HEX.parseHex("0000000001540c"));
        assertThat(v0.id()).isEqualTo(1);
        assertThat(v0.location()).isEqualTo(SchemaInfo.IdLocation.PREFIX_V0);
        assertThat(v0.payloadOffset()).isEqualTo(5);

        byte[] v1 = HEX.parseHex("01" + "6f1e8a242b7c4d2ea0c977d3c0d1e5aa" + "02");
        WireFormat.Framing framing = WireFormat.prefix(v1);
        assertThat(framing.guid()).isEqualTo("6f1e8a24-2b7c-4d2e-a0c9-77d3c0d1e5aa");
        assertThat(framing.id()).isNull();
        assertThat(framing.payloadOffset()).isEqualTo(17);
        assertThat(WireFormat.v1Prefix(framing.guid(), null)).isEqualTo(HEX.parseHex("016f1e8a242b7c4d2ea0c977d3c0d1e5aa"));

        assertThat(WireFormat.prefix(HEX.parseHex("00000001"))).isNull();
        assertThat(WireFormat.prefix(HEX.parseHex("02000000010a"))).isNull();
    }

    @Test
    void headerIdWinsOverThePayload() {
        List<RawHeader> headers = List.of(new RawHeader(WireFormat.VALUE_SCHEMA_ID_HEADER, HEX.parseHex("0000000007")),
                new RawHeader(WireFormat.VALUE_SCHEMA_ID_HEADER, HEX.parseHex("0000000009")));
        WireFormat.Framing framing = WireFormat.detect(HEX.parseHex("0000000003aa"), headers, false);
        assertThat(framing.id()).isEqualTo(9);
        assertThat(framing.location()).isEqualTo(SchemaInfo.IdLocation.HEADER);
        assertThat(framing.payloadOffset()).isZero();
        // the key looks at its own header only
        assertThat(WireFormat.detect(HEX.parseHex("0000000003aa"), headers, true).id()).isEqualTo(3);
    }

    @Test
    void messageIndexesUseZigZagVarintsWithTheZeroShortcut() {
        assertThat(WireFormat.readMessageIndexes(HEX.parseHex("00"), 0).indexes()).containsExactly(0);
        assertThat(WireFormat.readMessageIndexes(HEX.parseHex("0200"), 0).indexes()).containsExactly(0);
        WireFormat.MessageIndexes nested = WireFormat.readMessageIndexes(HEX.parseHex("04020099"), 0);
        assertThat(nested.indexes()).containsExactly(1, 0);
        assertThat(nested.end()).isEqualTo(3);
        assertThat(WireFormat.messageIndexBytes(List.of(0))).isEqualTo(HEX.parseHex("00"));
        assertThat(WireFormat.messageIndexBytes(List.of(1, 0))).isEqualTo(HEX.parseHex("040200"));
        assertThat(WireFormat.messageIndexBytes(List.of(200))).isEqualTo(HEX.parseHex("029003"));
        assertThat(WireFormat.readMessageIndexes(HEX.parseHex("029003"), 0).indexes()).containsExactly(200);
        assertThatThrownBy(() -> WireFormat.readMessageIndexes(HEX.parseHex("0402"), 0)).hasMessageContaining("truncated");
        assertThatThrownBy(() -> WireFormat.readMessageIndexes(HEX.parseHex("feffffff0f"), 0)).hasMessageContaining("implausible");
        assertThatThrownBy(() -> WireFormat.readMessageIndexes(HEX.parseHex("0201"), 0)).hasMessageContaining("negative");
    }

    @Test
    void frameIsTheInverseOfDetect() {
        SchemaInfo proto = new SchemaInfo(5, null, SchemaInfo.SchemaType.PROTOBUF, SchemaInfo.IdLocation.PREFIX_V0, null, null, null, List.of(1, 0));
        assertThat(WireFormat.frame(proto, new byte[] {9})).isEqualTo(HEX.parseHex("000000000504020009"));
        SchemaInfo protoNoIndexes = new SchemaInfo(5, null, SchemaInfo.SchemaType.PROTOBUF, SchemaInfo.IdLocation.PREFIX_V0, null, null, null, null);
        assertThat(WireFormat.frame(protoNoIndexes, new byte[] {9})).isEqualTo(HEX.parseHex("00000000050009"));
        assertThat(WireFormat.v0Prefix(5, List.of())).isEqualTo(HEX.parseHex("0000000005"));
        SchemaInfo header = new SchemaInfo(5, null, SchemaInfo.SchemaType.AVRO, SchemaInfo.IdLocation.HEADER, null, null, null, null);
        assertThat(WireFormat.frame(header, new byte[] {9})).isEqualTo(new byte[] {9});
        RawHeader idHeader = WireFormat.idHeader(header, true);
        assertThat(idHeader.key()).isEqualTo("__key_schema_id");
        assertThat(idHeader.value()).isEqualTo(HEX.parseHex("0000000005"));
        assertThat(WireFormat.detect(new byte[] {9}, List.of(idHeader), true).id()).isEqualTo(5);
    }

    @Test
    void plainFormatsDecodeAsForcedAndSayWhyWhenTheyCannot() {
        RecordDecoder decoder = new RecordDecoder((dev.backtrack.kafka.RegistrySettings) null);
        assertThat(part(decoder, HEX.parseHex("0000002a"), Format.INT).text()).isEqualTo("42");
        assertThat(part(decoder, HEX.parseHex("fffffffffffffffe"), Format.LONG).text()).isEqualTo("-2");
        assertThat(part(decoder, HEX.parseHex("0a0b"), Format.LONG).error()).isEqualTo("a LONG needs exactly 8 bytes, found 2");
        assertThat(part(decoder, HEX.parseHex("6f1e8a242b7c4d2ea0c977d3c0d1e5aa"), Format.UUID).text()).isEqualTo("6f1e8a24-2b7c-4d2e-a0c9-77d3c0d1e5aa");
        assertThat(part(decoder, "6F1E8A24-2B7C-4D2E-A0C9-77D3C0D1E5AA".getBytes(StandardCharsets.UTF_8), Format.UUID).text())
                .isEqualTo("6f1e8a24-2b7c-4d2e-a0c9-77d3c0d1e5aa");
        assertThat(part(decoder, new byte[] {1, 2}, Format.BASE64).text()).isEqualTo("AQI=");
        assertThat(part(decoder, new byte[] {1, 2}, Format.NULL).format()).isEqualTo(Format.NULL);
        assertThat(part(decoder, "{\"a\":1}".getBytes(StandardCharsets.UTF_8), null).format()).isEqualTo(Format.JSON);
        assertThat(part(decoder, "{\"a\":1} tail".getBytes(StandardCharsets.UTF_8), null).format()).isEqualTo(Format.TEXT);
        // an 8-byte long whose first four bytes are zero is not registry framing with id 0
        assertThat(part(decoder, HEX.parseHex("000000000000002a"), null).format()).isEqualTo(Format.HEX);
        assertThat(part(decoder, HEX.parseHex("000000000000002a"), null).error()).isNull();
        DecodedPart v1 = part(decoder, HEX.parseHex("016f1e8a242b7c4d2ea0c977d3c0d1e5aa02"), null);
        assertThat(v1.error()).isEqualTo("framed for schema GUID 6f1e8a24-2b7c-4d2e-a0c9-77d3c0d1e5aa but no schema registry is configured — showing raw bytes");
    }

    @Test
    void plainEncodingIsTheInverse() {
        assertThat(ValueEncoder.encodePlain(Format.INT, "42")).isEqualTo(HEX.parseHex("0000002a"));
        assertThat(ValueEncoder.encodePlain(Format.LONG, "-2")).isEqualTo(HEX.parseHex("fffffffffffffffe"));
        assertThat(ValueEncoder.encodePlain(Format.UUID, "6f1e8a24-2b7c-4d2e-a0c9-77d3c0d1e5aa")).isEqualTo(HEX.parseHex("6f1e8a242b7c4d2ea0c977d3c0d1e5aa"));
        assertThat(ValueEncoder.encodePlain(Format.HEX, "ab cd")).isEqualTo(HEX.parseHex("abcd"));
        assertThat(ValueEncoder.encodePlain(Format.NULL, "x")).isNull();
        assertThatThrownBy(() -> ValueEncoder.encodePlain(Format.JSON, "{oops")).isInstanceOf(EncodeException.class).hasMessageStartingWith("$: not valid JSON");
        assertThatThrownBy(() -> ValueEncoder.encodePlain(Format.INT, "4.5")).isInstanceOf(EncodeException.class);
    }

    private static DecodedPart part(RecordDecoder decoder, byte[] value, Format format) {
        RawRecord record = new RawRecord("t", 0, 0, 0, TimestampType.CREATE_TIME, null, value, List.of());
        return decoder.decode(record, new DecoderChoice(null, format)).value();
    }
}
