package dev.backtrack.ui.detail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backtrack.codec.DecodedPart;
import dev.backtrack.codec.DecodedRecord;
import dev.backtrack.codec.SchemaInfo;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the detail pane shows for one record, as plain text built without the FX toolkit: pretty
 * value and key, headers (text when UTF-8, else hex), schema, metadata, and the hex dump (built lazily).
 */
public record RecordDetail(String valueJson, String keyText, List<HeaderLine> headers, String schema,
                           Map<String, String> metadata, String error) {
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One raw header; {@code problem} is why a dead-letter header could not be decoded, or null. */
    public record HeaderLine(String name, String value, String problem) {
        public HeaderLine(String name, String value) {
            this(name, value, null);
        }
    }

    public static RecordDetail of(DecodedRecord record, boolean utc) {
        return new RecordDetail(pretty(record.value()), pretty(record.key()), headerLines(record), schema(record),
                metadata(record, utc), errorText(record));
    }

    public static List<HeaderLine> headerLines(DecodedRecord record) {
        List<HeaderLine> headers = new ArrayList<>();
        for (RawHeader h : record.raw().headers()) {
            headers.add(new HeaderLine(h.key(), headerText(h.value())));
        }
        return headers;
    }

    public static Map<String, String> metadata(DecodedRecord record, boolean utc) {
        RawRecord raw = record.raw();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("Topic", raw.topic());
        meta.put("Partition", String.valueOf(raw.partition()));
        meta.put("Offset", String.valueOf(raw.offset()));
        meta.put("Timestamp", Timestamps.format(raw.timestamp(), utc) + " (" + raw.timestampType() + ", " + raw.timestamp() + ")");
        meta.put("Key", record.key().format() + ", " + raw.keySize() + " bytes");
        meta.put("Value", raw.isTombstone() ? "tombstone (null value)" : record.value().format() + ", " + raw.valueSize() + " bytes");
        meta.put("Headers", String.valueOf(raw.headers().size()));
        return meta;
    }

    /** Key and value decode errors, one line each, or null. */
    public static String errorText(DecodedRecord record) {
        if (!record.hasError()) {
            return null;
        }
        String error = (record.key().failed() ? "Key: " + record.key().error() + "\n" : "")
                + (record.value().failed() ? "Value: " + record.value().error() : "");
        return error.strip();
    }

    public static String pretty(DecodedPart part) {
        if (part.json() == null || part.json().isTextual()) {
            return part.text() == null ? "" : part.text();
        }
        try {
            return PRETTY.writeValueAsString(part.json());
        } catch (Exception e) {
            return part.text();
        }
    }

    public static String schema(DecodedRecord record) {
        StringBuilder sb = new StringBuilder();
        describe("Value", record.value().schema(), sb);
        describe("Key", record.key().schema(), sb);
        return sb.isEmpty() ? "No registry schema: key " + record.key().format() + ", value " + record.value().format() : sb.toString();
    }

    private static void describe(String what, SchemaInfo s, StringBuilder sb) {
        if (s == null) {
            return;
        }
        sb.append(what).append(" schema: ").append(s.type())
                .append(s.id() != null ? ", id " + s.id() : "").append(s.guid() != null ? ", guid " + s.guid() : "")
                .append(s.subject() != null ? ", subject " + s.subject() : "")
                .append(s.version() != null ? ", version " + s.version() : "")
                .append(s.subject() == null && s.version() == null ? ", subject/version unknown (looked up by id)" : "")
                .append(", id found in ").append(s.idLocation()).append('\n');
        if (s.schemaText() != null) {
            sb.append(prettySchema(s.schemaText())).append("\n\n");
        }
    }

    private static String prettySchema(String text) {
        try {
            return PRETTY.writeValueAsString(PRETTY.readTree(text));
        } catch (Exception notJson) {
            return text;
        }
    }

    static String headerText(byte[] value) {
        if (value == null) {
            return "null";
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
            // binary numbers (Spring's big-endian DLT partition/offset) are valid UTF-8 made of control characters
            if (text.chars().noneMatch(c -> Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r')) {
                return text;
            }
        } catch (CharacterCodingException e) {
            // not text: shown as hex below
        }
        return "0x" + java.util.HexFormat.of().formatHex(value);
    }

    /** The record as one JSON object (coordinates, key, value, headers), for "copy as JSON". */
    public static String asJson(DecodedRecord record) {
        RawRecord raw = record.raw();
        ObjectNode o = PRETTY.createObjectNode();
        o.put("topic", raw.topic());
        o.put("partition", raw.partition());
        o.put("offset", raw.offset());
        o.put("timestamp", Instant.ofEpochMilli(raw.timestamp()).toString());
        o.set("key", node(record.key()));
        o.set("value", node(record.value()));
        ArrayNode hs = o.putArray("headers");
        for (RawHeader h : raw.headers()) {
            ObjectNode hn = hs.addObject();
            hn.put("name", h.key());
            String text = headerText(h.value());
            if (h.value() != null && text.startsWith("0x")) {
                hn.put("base64", Base64.getEncoder().encodeToString(h.value()));
            } else {
                hn.put("value", h.value() == null ? null : text);
            }
        }
        try {
            return PRETTY.writeValueAsString(o);
        } catch (Exception e) {
            return o.toString();
        }
    }

    private static JsonNode node(DecodedPart part) {
        return part.json() != null ? part.json() : PRETTY.getNodeFactory().textNode(part.text());
    }
}
