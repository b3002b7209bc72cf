package dev.backtrack.browse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backtrack.codec.DecodedPart;
import dev.backtrack.codec.DecodedRecord;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a browsed record (one JSONL line of {@code backtrack browse}): topic, partition, offset,
 * timestamp (ISO-8601 UTC), timestampType, key, value (decoded JSON; the shown raw text when decoding failed),
 * keyFormat, valueFormat, schemaId (value's) and keySchemaId, headers (name → UTF-8 text, or
 * {"base64": ...} for other bytes; a repeated name becomes an array in order), keySize, valueSize, and
 * {@code error} when decoding failed; {@code aborted}/{@code pending} for transactional records when known.
 */
public final class RecordJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RecordJson() {
    }

    public static ObjectNode of(DecodedRecord record, Page page) {
        ObjectNode out = of(record);
        if (page != null && page.isAborted(record)) {
            out.put("aborted", true);
        }
        if (page != null && !page.lastStable().isEmpty() && page.isPending(record)) {
            out.put("pending", true);
        }
        return out;
    }

    public static ObjectNode of(DecodedRecord record) {
        RawRecord raw = record.raw();
        ObjectNode out = NODES.objectNode();
        out.put("topic", raw.topic());
        out.put("partition", raw.partition());
        out.put("offset", raw.offset());
        out.put("timestamp", Instant.ofEpochMilli(raw.timestamp()).toString());
        out.put("timestampType", raw.timestampType().name);
        out.set("key", content(record.key()));
        out.set("value", content(record.value()));
        out.put("keyFormat", String.valueOf(record.key().format()));
        out.put("valueFormat", String.valueOf(record.value().format()));
        Integer valueSchema = schemaId(record.value());
        Integer keySchema = schemaId(record.key());
        if (valueSchema != null) {
            out.put("schemaId", valueSchema);
        } else {
            out.putNull("schemaId");
        }
        if (keySchema != null) {
            out.put("keySchemaId", keySchema);
        }
        out.set("headers", headers(raw.headers()));
        out.put("keySize", raw.keySize());
        out.put("valueSize", raw.valueSize());
        String error = error(record);
        if (error != null) {
            out.put("error", error);
        }
        return out;
    }

    private static JsonNode content(DecodedPart part) {
        if (part.failed() || part.json() == null) {
            return part.text() == null ? NODES.nullNode() : NODES.textNode(part.text());
        }
        return part.json();
    }

    private static Integer schemaId(DecodedPart part) {
        return part.schema() == null ? null : part.schema().id();
    }

    static String error(DecodedRecord record) {
        if (!record.hasError()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        if (record.key().failed()) {
            out.append("key: ").append(record.key().error());
        }
        if (record.value().failed()) {
            out.append(out.isEmpty() ? "" : "; ").append("value: ").append(record.value().error());
        }
        return out.toString();
    }

    public static ObjectNode headers(List<RawHeader> headers) {
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        for (RawHeader h : headers) {
            JsonNode value = headerValue(h.value());
            JsonNode existing = byName.get(h.key());
            if (existing == null) {
                byName.put(h.key(), value);
            } else if (existing instanceof ArrayNode repeated) { // header values are never arrays: this is a repeated name
                repeated.add(value);
            } else {
                ArrayNode all = NODES.arrayNode();
                all.add(existing);
                all.add(value);
                byName.put(h.key(), all);
            }
        }
        ObjectNode out = NODES.objectNode();
        byName.forEach(out::set);
        return out;
    }

    private static JsonNode headerValue(byte[] value) {
        if (value == null) {
            return NODES.nullNode();
        }
        try {
            return NODES.textNode(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString());
        } catch (CharacterCodingException e) {
            ObjectNode b64 = NODES.objectNode();
            b64.put("base64", Base64.getEncoder().encodeToString(value));
            return b64;
        }
    }
}
