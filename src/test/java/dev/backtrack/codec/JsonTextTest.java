package dev.backtrack.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** JsonText's word-at-a-time and buffer-direct paths write exactly what the simple paths (and Jackson) write. */
class JsonTextTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Bytes at the edges of the verbatim set, so random arrays hit every boundary of the word test. */
    private static final byte[] EDGES = {0x00, 0x1f, 0x20, 0x21, '"', 0x23, 0x5b, '\\', 0x5d, 0x7e, 0x7f, (byte) 0x80, (byte) 0xc3, (byte) 0xff, 'a', 'Z', '0'};

    @Provide
    Arbitrary<byte[]> texts() {
        Arbitrary<Byte> edge = Arbitraries.of(toObjects(EDGES));
        Arbitrary<Byte> printable = Arbitraries.bytes().between((byte) 0x20, (byte) 0x7e);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(1, edge), net.jqwik.api.Tuple.of(12, printable))
                .array(byte[].class).ofMinSize(0).ofMaxSize(40);
    }

    private static Byte[] toObjects(byte[] bytes) {
        Byte[] out = new Byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[i];
        }
        return out;
    }

    @Property(tries = 20_000)
    void wordScanStopsWhereTheByteScanStops(@ForAll("texts") byte[] bytes, @ForAll @IntRange(max = 40) int from) {
        int start = Math.min(from, bytes.length);
        int expected = start;
        while (expected < bytes.length && bytes[expected] >= 0x20 && bytes[expected] != '"' && bytes[expected] != '\\') {
            expected++;
        }
        assertEquals(expected, JsonText.verbatimUpTo(bytes, start, bytes.length));
    }

    @Property(tries = 5_000)
    void stringsAreQuotedAsJacksonQuotesThem(@ForAll("texts") byte[] bytes) throws Exception {
        JsonText text = new JsonText(16);
        text.utf8String(bytes, 0, bytes.length);
        assertEquals(JSON.writeValueAsString(new String(bytes, StandardCharsets.UTF_8)), text.text());
    }

    @Property(tries = 20_000)
    void longsAreWrittenAsLongToStringWritesThem(@ForAll long value, @ForAll boolean afterWideText) {
        JsonText text = new JsonText(16);
        text.startArray();
        if (afterWideText) {
            text.string("\u20ac"); // the text is kept as chars from here on
        }
        text.number(value);
        text.number(value >>> 40);
        text.endArray();
        String prefix = afterWideText ? "\"\u20ac\"," : "";
        assertEquals("[" + prefix + value + "," + (value >>> 40) + "]", text.text());
    }

    @Property(tries = 5_000)
    void doublesAreWrittenAsDoubleToStringWritesThem(@ForAll double value) {
        JsonText text = new JsonText(16);
        text.startArray();
        text.string("padding that moves the number past the buffer's start");
        text.number(value);
        text.endArray();
        assertEquals("[\"padding that moves the number past the buffer's start\"," + value + "]", text.text());
    }
}
