package dev.backtrack.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.kafka.RegistrySettings;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Decodes keys and values of raw records. Never throws for bad bytes: a failure becomes the
 * {@link DecodedPart#error()} of that part and the record is still shown.
 */
public final class RecordDecoder {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final RegistrySettings registry;

    public RecordDecoder(RegistrySettings registry) {
        this.registry = registry;
    }

    public RegistrySettings registry() {
        return registry;
    }

    public DecodedRecord decode(RawRecord record) {
        return decode(record, DecoderChoice.AUTO);
    }

    public DecodedRecord decode(RawRecord record, DecoderChoice choice) {
        return new DecodedRecord(record, decodePart(record.key(), choice.keyFormat()), decodePart(record.value(), choice.valueFormat()));
    }

    private DecodedPart decodePart(byte[] bytes, Format format) {
        if (bytes == null) {
            return DecodedPart.nullPart();
        }
        if (format == null) {
            DecodedPart json = tryJson(bytes);
            if (json != null) {
                return json;
            }
            String text = strictUtf8(bytes);
            return text != null ? new DecodedPart(Format.TEXT, TextNode.valueOf(text), text, null, null) : hex(bytes, null);
        }
        return switch (format) {
            case JSON -> {
                DecodedPart json = tryJson(bytes);
                yield json != null ? json : hex(bytes, "not valid JSON");
            }
            case TEXT -> {
                String text = strictUtf8(bytes);
                yield text != null ? new DecodedPart(Format.TEXT, TextNode.valueOf(text), text, null, null) : hex(bytes, "not valid UTF-8");
            }
            default -> hex(bytes, null);
        };
    }

    private static DecodedPart tryJson(byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        byte first = bytes[0];
        if (first != '{' && first != '[') {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            return node == null ? null : new DecodedPart(Format.JSON, node, node.toString(), null, null);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    static String strictUtf8(byte[] bytes) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    static DecodedPart hex(byte[] bytes, String error) {
        String hex = HexFormat.of().formatHex(bytes);
        return new DecodedPart(Format.HEX, TextNode.valueOf(hex), hex, null, error);
    }
}
