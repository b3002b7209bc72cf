package dev.backtrack.ui.detail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.codec.DecodedRecord;
import dev.backtrack.codec.RecordDecoder;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.common.record.TimestampType;
import org.fxmisc.richtext.model.StyleSpan;
import org.fxmisc.richtext.model.StyleSpans;
import org.junit.jupiter.api.Test;

/** Detail texts and highlighting, without the FX toolkit. */
class RecordDetailTest {
    private static DecodedRecord decode(byte[] key, byte[] value, List<RawHeader> headers) {
        RawRecord raw = new RawRecord("t", 2, 41, 1_700_000_000_000L, TimestampType.CREATE_TIME, key, value, headers);
        return new RecordDecoder((dev.backtrack.kafka.RegistrySettings) null).decode(raw);
    }

    @Test
    void prettyPrintsJsonValueAndListsHeaders() {
        DecodedRecord r = decode("k1".getBytes(StandardCharsets.UTF_8), "{\"id\":7,\"ok\":true,\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8),
                List.of(RawHeader.utf8("trace", "abc"), new RawHeader("bin", new byte[] {(byte) 0xff, 0x00})));
        RecordDetail d = RecordDetail.of(r, true);
        assertThat(d.valueJson()).contains("\"id\" : 7").contains("\n");
        assertThat(d.keyText()).isEqualTo("k1");
        assertThat(d.headers()).extracting(RecordDetail.HeaderLine::value).containsExactly("abc", "0xff00");
        assertThat(d.metadata().get("Timestamp")).startsWith("2023-11-14 22:13:20.000Z");
        assertThat(d.error()).isNull();
        assertThat(RecordDetail.asJson(r)).contains("\"offset\" : 41").contains("\"base64\" : \"/wA=\"");
    }

    @Test
    void binaryHeaderThatHappensToBeValidUtf8IsShownAsHex() {
        assertThat(RecordDetail.headerText(java.nio.ByteBuffer.allocate(4).putInt(4).array())).isEqualTo("0x00000004");
        assertThat(RecordDetail.headerText("line one\nline\ttwo".getBytes(StandardCharsets.UTF_8))).isEqualTo("line one\nline\ttwo");
    }

    @Test
    void nonUtf8KeyIsShownAsHexWithoutFailingTheValue() {
        DecodedRecord r = decode(new byte[] {(byte) 0xc3, 0x28}, "{\"a\":1}".getBytes(StandardCharsets.UTF_8), List.of());
        RecordDetail d = RecordDetail.of(r, false);
        assertThat(d.keyText()).isEqualTo("c328");
        assertThat(d.valueJson()).contains("\"a\" : 1");
    }

    @Test
    void highlighterMarksKeysStringsNumbersAndLiterals() {
        String json = "{\n  \"id\" : 7,\n  \"name\" : \"x\",\n  \"ok\" : null\n}";
        StyleSpans<Collection<String>> spans = JsonHighlighter.spans(json);
        assertThat(spans.length()).isEqualTo(json.length());
        List<String> styles = spans.stream().map(StyleSpan::getStyle).filter(s -> !s.isEmpty()).map(s -> s.iterator().next()).toList();
        assertThat(styles).containsExactly("json-key", "json-number", "json-key", "json-string", "json-key", "json-literal");
    }

    @Test
    void hexDumpShowsOffsetsAndAscii() {
        String dump = HexDump.of("Hello, Kafka!!!!".getBytes(StandardCharsets.US_ASCII));
        assertThat(dump).startsWith("00000000  48 65 6c 6c 6f 2c 20 4b  61 66 6b 61 21 21 21 21  |Hello, Kafka!!!!|");
    }
}
