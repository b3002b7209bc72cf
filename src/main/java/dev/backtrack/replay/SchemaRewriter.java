package dev.backtrack.replay;

import dev.backtrack.BacktrackException;
import dev.backtrack.codec.RegisteredSchema;
import dev.backtrack.codec.SchemaReference;
import dev.backtrack.codec.SchemaRegistryClient;
import dev.backtrack.codec.WireFormat;
import dev.backtrack.kafka.RawHeader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Re-registers the writer schema of a registry-framed key or value in the target registry (subject by
 * TopicNameStrategy: {@code <target-topic>-key|-value}; referenced schemas are registered first under
 * their own subjects) and rewrites the schema id. Id mappings are cached per (key/value, source id).
 * Framing after the rewrite: a v0 prefix keeps its shape with the new id; a v1 (GUID) prefix becomes a v0
 * prefix, since GUIDs are registry-specific and not every registry has them; an id header gets a v0 value
 * with the new id (Protobuf message indexes kept). Payload bytes after the prefix are never changed.
 */
final class SchemaRewriter {
    private final SchemaRegistryClient source;
    private final SchemaRegistryClient target;
    private final String targetTopic;
    private final Map<String, Integer> idMap = new ConcurrentHashMap<>();

    SchemaRewriter(SchemaRegistryClient source, SchemaRegistryClient target, String targetTopic) {
        this.source = source;
        this.target = target;
        this.targetTopic = targetTopic;
    }

    record Rewritten(byte[] payload, List<RawHeader> headers) {
    }

    /** How many distinct schemas were mapped so far (source id → target id). */
    Map<String, Integer> mappings() {
        return Map.copyOf(idMap);
    }

    Rewritten rewrite(byte[] payload, List<RawHeader> headers, boolean key) {
        WireFormat.Framing framing = WireFormat.detect(payload, headers, key);
        if (framing == null) {
            return new Rewritten(payload, headers);
        }
        String cacheKey = (key ? "key:" : "value:") + (framing.id() != null ? framing.id() : framing.guid());
        int newId = idMap.computeIfAbsent(cacheKey, k -> register(framing, key));
        return switch (framing.location()) {
            case PREFIX_V0 -> {
                byte[] copy = payload.clone();
                ByteBuffer.wrap(copy, 1, 4).putInt(newId);
                yield new Rewritten(copy, headers);
            }
            case PREFIX_V1 -> new Rewritten(reprefix(payload, 17, newId), headers);
            case HEADER -> {
                String name = key ? WireFormat.KEY_SCHEMA_ID_HEADER : WireFormat.VALUE_SCHEMA_ID_HEADER;
                byte[] value = framing.headerValue();
                int prefixLength = value[0] == WireFormat.MAGIC_V0 ? 5 : 17;
                List<RawHeader> out = new ArrayList<>(headers);
                for (int i = out.size() - 1; i >= 0; i--) {
                    if (out.get(i).key().equals(name)) {
                        out.set(i, new RawHeader(name, reprefix(value, prefixLength, newId)));
                        break;
                    }
                }
                yield new Rewritten(payload, out);
            }
        };
    }

    private static byte[] reprefix(byte[] bytes, int oldPrefix, int newId) {
        return ByteBuffer.allocate(5 + bytes.length - oldPrefix).put(WireFormat.MAGIC_V0).putInt(newId)
                .put(bytes, oldPrefix, bytes.length - oldPrefix).array();
    }

    private int register(WireFormat.Framing framing, boolean key) {
        String what = framing.id() != null ? "schema id " + framing.id() : "schema " + framing.guid();
        try {
            RegisteredSchema schema = framing.id() != null ? source.getSchemaById(framing.id()) : source.getSchemaByGuid(framing.guid());
            List<SchemaReference> refs = registerReferences(schema.references());
            return target.register(targetTopic + (key ? "-key" : "-value"), schema.schema(), schema.type(), refs);
        } catch (BacktrackException e) {
            // an error answer, an unreachable source or target registry, or a lost referenced subject
            throw new BacktrackException("cannot re-register " + what + " in the target registry: " + e.getMessage(), e);
        }
    }

    private List<SchemaReference> registerReferences(List<SchemaReference> references) {
        List<SchemaReference> out = new ArrayList<>();
        for (SchemaReference ref : references) {
            RegisteredSchema referenced = source.getVersion(ref.subject(), ref.version());
            List<SchemaReference> nested = registerReferences(referenced.references());
            target.register(ref.subject(), referenced.schema(), referenced.type(), nested);
            RegisteredSchema registered = target.lookup(ref.subject(), referenced.schema(), referenced.type(), nested)
                    .orElseThrow(() -> new BacktrackException("the target registry did not keep referenced subject " + ref.subject()));
            out.add(new SchemaReference(ref.name(), ref.subject(), registered.version()));
        }
        return out;
    }
}
