package dev.backtrack.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Parsed forms of registered schemas (Avro {@link Schema}, Protobuf {@link FileDescriptor}, JSON
 * {@link JsonSchema}), resolved with their references and cached per schema id, because registered schemas
 * never change. A schema that cannot be parsed is cached as its error so a page of records parses it once.
 */
final class ParsedSchemas {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SchemaRegistryClient client;
    private final Map<Object, Object> avroCache = new ConcurrentHashMap<>();
    private final Map<Object, Object> protobufCache = new ConcurrentHashMap<>();
    private final Map<Object, Object> jsonCache = new ConcurrentHashMap<>();

    ParsedSchemas(SchemaRegistryClient client) {
        this.client = client;
    }

    /** The last Avro schema asked for: a page or scan of one topic asks for the same one record after record. */
    private volatile LastAvro lastAvro;

    private record LastAvro(RegisteredSchema registered, Schema parsed) {
    }

    Schema avro(RegisteredSchema schema) {
        LastAvro last = lastAvro;
        if (last != null && last.registered() == schema) {
            return last.parsed();
        }
        Schema parsed = (Schema) cached(schema, "avro", () -> parseAvro(schema));
        lastAvro = new LastAvro(schema, parsed);
        return parsed;
    }

    FileDescriptor protobuf(RegisteredSchema schema) {
        return (FileDescriptor) cached(schema, "protobuf", () -> ProtobufSchemas.build(schema, client));
    }

    JsonSchema jsonSchema(RegisteredSchema schema) {
        return (JsonSchema) cached(schema, "json", () -> parseJsonSchema(schema));
    }

    private Object cached(RegisteredSchema schema, String kind, java.util.function.Supplier<Object> parse) {
        Map<Object, Object> cache = switch (kind) {
            case "avro" -> avroCache;
            case "protobuf" -> protobufCache;
            default -> jsonCache;
        };
        // ids are immutable in a registry; schemas built from text alone are keyed by that text
        Object key = schema.id() > 0 ? (Object) schema.id() : schema.guid() != null ? schema.guid() : schema.schema();
        Object value = cache.get(key);
        if (value == null) {
            try {
                value = parse.get();
            } catch (IllegalArgumentException | SchemaParseException e) {
                value = new IllegalArgumentException("schema id " + schema.id() + " cannot be used: " + e.getMessage(), e);
            }
            cache.put(key, value);
        }
        if (value instanceof IllegalArgumentException e) {
            throw e;
        }
        return value;
    }

    private Schema parseAvro(RegisteredSchema schema) {
        Schema.Parser parser = new Schema.Parser();
        addAvroReferences(parser, schema.references(), 0);
        return parser.parse(schema.schema());
    }

    private void addAvroReferences(Schema.Parser parser, List<SchemaReference> references, int depth) {
        if (depth > 32) {
            throw new IllegalArgumentException("schema references nest deeper than 32 levels (a cycle?)");
        }
        for (SchemaReference reference : references) {
            if (parser.getTypes().containsKey(reference.name())) {
                continue;
            }
            RegisteredSchema referenced = client.getVersion(reference.subject(), reference.version());
            addAvroReferences(parser, referenced.references(), depth + 1);
            parser.parse(referenced.schema());
        }
    }

    private JsonSchema parseJsonSchema(RegisteredSchema schema) {
        JsonNode node;
        try {
            node = JSON.readTree(schema.schema());
        } catch (IOException e) {
            throw new IllegalArgumentException("the JSON Schema is not valid JSON: " + e.getMessage(), e);
        }
        Map<String, String> referenced = new HashMap<>();
        collectJsonReferences(schema.references(), referenced, 0);
        SpecVersion.VersionFlag version = SpecVersionDetector.detectOptionalVersion(node, false).orElse(SpecVersion.VersionFlag.V7);
        JsonSchemaFactory factory = referenced.isEmpty() ? JsonSchemaFactory.getInstance(version)
                : JsonSchemaFactory.getInstance(version, builder -> builder.schemaLoaders(loaders -> loaders.schemas(referenced)));
        try {
            return factory.getSchema(schema.schema());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the JSON Schema cannot be loaded: " + e.getMessage(), e);
        }
    }

    private void collectJsonReferences(List<SchemaReference> references, Map<String, String> out, int depth) {
        if (depth > 32) {
            throw new IllegalArgumentException("schema references nest deeper than 32 levels (a cycle?)");
        }
        for (SchemaReference reference : references) {
            if (!out.containsKey(reference.name())) {
                RegisteredSchema referenced = client.getVersion(reference.subject(), reference.version());
                out.put(reference.name(), referenced.schema());
                collectJsonReferences(referenced.references(), out, depth + 1);
            }
        }
    }
}
