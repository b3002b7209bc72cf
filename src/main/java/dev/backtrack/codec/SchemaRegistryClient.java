package dev.backtrack.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backtrack.kafka.RegistrySettings;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Client of a Confluent-compatible schema registry (Confluent, Apicurio {@code /apis/ccompat/v7}, Karapace)
 * on {@code java.net.http}. Schemas by id or GUID are cached forever because registered schemas are immutable;
 * an unknown id is remembered for {@link #NEGATIVE_TTL_NANOS} so a page of bad records costs one request.
 * Thread-safe. Errors: {@link RegistryUnavailableException} when unreachable, {@link RegistryException}
 * for the registry's own error answers.
 */
public final class SchemaRegistryClient {
    private static final long NEGATIVE_TTL_NANOS = 30_000_000_000L;
    private static final Map<RegistrySettings, SchemaRegistryClient> SHARED = new ConcurrentHashMap<>();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final RegistryHttp http;
    private final Map<Integer, RegisteredSchema> byId = new ConcurrentHashMap<>();
    private volatile RegisteredSchema lastById;
    private final Map<String, RegisteredSchema> byGuid = new ConcurrentHashMap<>();
    private final Map<String, RegisteredSchema> bySubjectVersion = new ConcurrentHashMap<>();
    private final Map<Object, Long> unknownUntil = new ConcurrentHashMap<>();
    private final ParsedSchemas parsed = new ParsedSchemas(this);

    public SchemaRegistryClient(RegistrySettings settings) {
        this.http = new RegistryHttp(settings);
    }

    /** One client (and cache) per distinct settings, shared by all decoders of this JVM. */
    public static SchemaRegistryClient shared(RegistrySettings settings) {
        return SHARED.computeIfAbsent(settings, SchemaRegistryClient::new);
    }

    public String url() {
        return http.url();
    }

    ParsedSchemas parsed() {
        return parsed;
    }

    /** The schema with this id; throws {@link RegistryException} "unknown schema id N at registry URL" when absent. */
    public RegisteredSchema getSchemaById(int id) {
        RegisteredSchema last = lastById;
        if (last != null && last.id() == id) {
            return last; // records of a page or scan mostly share their schema: no boxing, no map lookup
        }
        RegisteredSchema cached = byId.get(id);
        if (cached != null) {
            lastById = cached;
            return cached;
        }
        failIfRecentlyUnknown(id, "unknown schema id " + id + " at registry " + url());
        try {
            RegisteredSchema schema = toSchema(http.get("/schemas/ids/" + id), id, null, null);
            byId.put(id, schema);
            return schema;
        } catch (RegistryException e) {
            if (e.notFound()) {
                throw rememberUnknown(id, "unknown schema id " + id + " at registry " + url(), e);
            }
            throw e;
        }
    }

    /** The schema with this GUID (magic-1 framing); needs a registry with {@code /schemas/guids} (Confluent 8+). */
    public RegisteredSchema getSchemaByGuid(String guid) {
        RegisteredSchema cached = byGuid.get(guid);
        if (cached != null) {
            return cached;
        }
        failIfRecentlyUnknown(guid, "unknown schema GUID " + guid + " at registry " + url());
        try {
            JsonNode body = http.get("/schemas/guids/" + encode(guid));
            RegisteredSchema schema = toSchema(body, body.path("id").asInt(0), null, null);
            schema = new RegisteredSchema(schema.id(), guid, schema.subject(), schema.version(), schema.type(), schema.schema(), schema.references());
            byGuid.put(guid, schema);
            return schema;
        } catch (RegistryException e) {
            if (e.notFound()) {
                throw rememberUnknown(guid, "unknown schema GUID " + guid + " at registry " + url()
                        + " (the registry may not support schema GUIDs)", e);
            }
            throw e;
        }
    }

    public List<String> subjects() {
        return strings(http.get("/subjects"));
    }

    public List<Integer> versions(String subject) {
        List<Integer> versions = new ArrayList<>();
        for (JsonNode v : http.get("/subjects/" + encode(subject) + "/versions")) {
            versions.add(v.asInt());
        }
        return versions;
    }

    /** A subject version; {@code version} is a number or {@code "latest"}. Numbered versions are cached. */
    public RegisteredSchema getVersion(String subject, String version) {
        boolean fixed = !"latest".equals(version);
        String key = subject + "\u0000" + version;
        if (fixed) {
            RegisteredSchema cached = bySubjectVersion.get(key);
            if (cached != null) {
                return cached;
            }
        }
        JsonNode body = http.get("/subjects/" + encode(subject) + "/versions/" + encode(version));
        RegisteredSchema schema = toSchema(body, body.path("id").asInt(), subject, body.path("version").asInt());
        if (fixed) {
            bySubjectVersion.put(key, schema);
        }
        byId.putIfAbsent(schema.id(), schema);
        return schema;
    }

    public RegisteredSchema getVersion(String subject, int version) {
        return getVersion(subject, String.valueOf(version));
    }

    /** A subject and one of its versions. */
    public record SubjectVersionRef(String subject, int version) {
    }

    /**
     * Every subject version registered with this schema id ({@code GET /schemas/ids/{id}/versions}), e.g. to
     * go from a record's schema id to its subject. Throws {@link RegistryException} (not found) for an unknown id.
     */
    public List<SubjectVersionRef> subjectVersionsOf(int id) {
        List<SubjectVersionRef> out = new ArrayList<>();
        for (JsonNode n : http.get("/schemas/ids/" + id + "/versions")) {
            out.add(new SubjectVersionRef(n.path("subject").asText(), n.path("version").asInt()));
        }
        return out;
    }

    /** Registers (or finds) a schema under a subject and returns its id. */
    public int register(String subject, String schemaText, SchemaInfo.SchemaType type, List<SchemaReference> references) {
        JsonNode body = http.post("/subjects/" + encode(subject) + "/versions", schemaBody(schemaText, type, references));
        return body.path("id").asInt();
    }

    /** The registered version of this exact schema under the subject, or empty when it is not registered there. */
    public Optional<RegisteredSchema> lookup(String subject, String schemaText, SchemaInfo.SchemaType type, List<SchemaReference> references) {
        try {
            JsonNode body = http.post("/subjects/" + encode(subject), schemaBody(schemaText, type, references));
            return Optional.of(toSchema(body, body.path("id").asInt(), subject, body.path("version").asInt()));
        } catch (RegistryException e) {
            if (e.notFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Checks a schema against one version ({@code "latest"} or a number) or, with {@code version == null},
     * against all versions of the subject. The registry's messages are returned as they are.
     */
    public CompatibilityResult checkCompatibility(String subject, String version, String schemaText, SchemaInfo.SchemaType type,
                                                  List<SchemaReference> references) {
        String path = "/compatibility/subjects/" + encode(subject) + "/versions" + (version == null ? "" : "/" + encode(version)) + "?verbose=true";
        JsonNode body = http.post(path, schemaBody(schemaText, type, references));
        List<String> messages = new ArrayList<>();
        for (JsonNode m : body.path("messages")) {
            messages.add(m.isTextual() ? m.asText() : m.toString());
        }
        return new CompatibilityResult(body.path("is_compatible").asBoolean(false), messages);
    }

    /** The subject's own compatibility level, or empty when it has none and follows the global one. */
    public Optional<String> getCompatibility(String subject) {
        try {
            return Optional.ofNullable(level(http.get("/config/" + encode(subject))));
        } catch (RegistryException e) {
            if (e.notFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public String getGlobalCompatibility() {
        return level(http.get("/config"));
    }

    public void setCompatibility(String subject, String level) {
        http.put("/config/" + encode(subject), NODES.objectNode().put("compatibility", level));
    }

    private static String level(JsonNode body) {
        if (body == null) {
            return null;
        }
        JsonNode level = body.hasNonNull("compatibilityLevel") ? body.get("compatibilityLevel") : body.get("compatibility");
        return level == null || level.isNull() ? null : level.asText();
    }

    private static ObjectNode schemaBody(String schemaText, SchemaInfo.SchemaType type, List<SchemaReference> references) {
        ObjectNode body = NODES.objectNode().put("schema", schemaText);
        if (type != null && type != SchemaInfo.SchemaType.AVRO) {
            body.put("schemaType", type.name());
        }
        if (references != null && !references.isEmpty()) {
            ArrayNode refs = body.putArray("references");
            for (SchemaReference r : references) {
                refs.addObject().put("name", r.name()).put("subject", r.subject()).put("version", r.version());
            }
        }
        return body;
    }

    private static RegisteredSchema toSchema(JsonNode body, int id, String subject, Integer version) {
        String typeName = body.path("schemaType").asText("AVRO");
        SchemaInfo.SchemaType type = switch (typeName.toUpperCase(java.util.Locale.ROOT)) {
            case "PROTOBUF" -> SchemaInfo.SchemaType.PROTOBUF;
            case "JSON" -> SchemaInfo.SchemaType.JSON;
            default -> SchemaInfo.SchemaType.AVRO;
        };
        List<SchemaReference> refs = new ArrayList<>();
        for (JsonNode r : body.path("references")) {
            refs.add(new SchemaReference(r.path("name").asText(), r.path("subject").asText(), r.path("version").asInt()));
        }
        String guid = body.hasNonNull("guid") ? body.get("guid").asText() : null;
        String s = body.hasNonNull("subject") ? body.get("subject").asText() : subject;
        Integer v = body.hasNonNull("version") ? Integer.valueOf(body.get("version").asInt()) : version;
        return new RegisteredSchema(id, guid, s, v, type, body.path("schema").asText(), refs);
    }

    private void failIfRecentlyUnknown(Object key, String message) {
        Long until = unknownUntil.get(key);
        if (until != null) {
            if (System.nanoTime() - until < 0) {
                throw new RegistryException(message, 404, 40403);
            }
            unknownUntil.remove(key);
        }
    }

    private RegistryException rememberUnknown(Object key, String message, RegistryException cause) {
        unknownUntil.put(key, System.nanoTime() + NEGATIVE_TTL_NANOS);
        return new RegistryException(message, cause.status(), cause.errorCode());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            out.add(n.asText());
        }
        return out;
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
