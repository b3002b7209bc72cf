package dev.backtrack.browse;

import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.backtrack.codec.DecodedPart;
import dev.backtrack.codec.DecodedRecord;
import dev.backtrack.codec.DecoderChoice;
import dev.backtrack.codec.Format;
import dev.backtrack.codec.RecordDecoder;
import dev.backtrack.kafka.RawRecord;
import java.util.HexFormat;

/**
 * Decodes a record so that a decoder bug can never lose it: if the decoder throws, the record is kept with
 * both parts shown as hex and the exception as the error.
 */
public final class SafeDecoding {
    private SafeDecoding() {
    }

    public static DecodedRecord decode(RecordDecoder decoder, RawRecord raw, DecoderChoice choice) {
        try {
            return decoder.decode(raw, choice);
        } catch (RuntimeException e) {
            return failed(raw, e);
        }
    }

    /** As {@link #decode}, for records a filter tests: see {@link RecordDecoder#decodeForFilter} (rendered only when shown). */
    public static DecodedRecord decodeForFilter(RecordDecoder decoder, RawRecord raw, DecoderChoice choice) {
        try {
            return decoder.decodeForFilter(raw, choice);
        } catch (RuntimeException e) {
            return failed(raw, e);
        }
    }

    private static DecodedRecord failed(RawRecord raw, RuntimeException e) {
        String reason = "decoder failed: " + e;
        return new DecodedRecord(raw, hex(raw.key(), reason), hex(raw.value(), reason));
    }

    private static DecodedPart hex(byte[] bytes, String reason) {
        if (bytes == null) {
            return new DecodedPart(Format.NULL, NullNode.getInstance(), "null", null, null);
        }
        String hex = HexFormat.of().formatHex(bytes);
        return new DecodedPart(Format.HEX, TextNode.valueOf(hex), hex, null, reason);
    }
}
