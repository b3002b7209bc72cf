package dev.backtrack.redrive;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding (malformed input is reported, never replaced), fast for the common valid case. */
final class Utf8 {
    private Utf8() {
    }

    /** Whether the bytes are valid UTF-8: ASCII (the usual JSON payload) is checked without decoding anything. */
    static boolean valid(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return strict(bytes) != null;
            }
        }
        return true;
    }

    /** The text of the bytes, or null when they are not valid UTF-8. */
    static String strict(byte[] bytes) {
        // the lenient decoder is intrinsic-fast and turns every malformed sequence into U+FFFD: without one, the
        // bytes were valid; with one, a strict decode tells a real U+FFFD in the text from a replaced sequence
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0) {
            return text;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
