package dev.backtrack.codec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Descriptors.Descriptor;
import dev.backtrack.BacktrackException;
import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * The schema registry browser: subjects, versions, pretty schema text with references, compatibility level,
 * compatibility checks of a pasted schema against the latest or all versions (with the registry's own
 * messages), and which topics use a subject by naming strategy.
 */
public final class SchemaBrowser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SchemaRegistryClient client;

    public SchemaBrowser(SchemaRegistryClient client) {
        this.client = client;
    }

    /**
     * One version of a subject with everything a detail view shows. {@code compatibility} is the effective
     * level; {@code compatibilityInherited} is true when the registry said the subject has no level of its own
     * (Confluent answers 404 then; Apicurio returns the global level instead, so it always reads false there).
     */
    public record SubjectVersion(String subject, int version, int id, SchemaInfo.SchemaType type, String schema,
                                 String prettySchema, List<SchemaReference> references, List<Integer> versions,
                                 String compatibility, boolean compatibilityInherited, Set<String> recordNames) {
    }

    public List<String> subjects() {
        return client.subjects().stream().sorted().toList();
    }

    public List<Integer> versions(String subject) {
        return client.versions(subject);
    }

    /** A subject version ({@code "latest"} or a number) with its pretty text and the effective compatibility level. */
    public SubjectVersion show(String subject, String version) {
        RegisteredSchema schema = client.getVersion(subject, version == null ? "latest" : version);
        List<Integer> versions = client.versions(subject);
        var own = client.getCompatibility(subject);
        String level = own.orElseGet(client::getGlobalCompatibility);
        return new SubjectVersion(subject, schema.version(), schema.id(), schema.type(), schema.schema(),
                pretty(schema.type(), schema.schema()), schema.references(), versions, level, own.isEmpty(), recordNames(schema));
    }

    /**
     * Checks {@code schemaText} against the latest version, or against all versions. The type defaults to the
     * subject's latest type; references default to the latest version's.
     */
    public CompatibilityResult check(String subject, String schemaText, SchemaInfo.SchemaType type, boolean againstAll) {
        RegisteredSchema latest = client.getVersion(subject, "latest");
        SchemaInfo.SchemaType effective = type != null ? type : latest.type();
        return client.checkCompatibility(subject, againstAll ? null : "latest", schemaText, effective, latest.references());
    }

    /** The topics among {@code topics} that use the subject by naming strategy. */
    public List<SubjectNaming.TopicUse> topicsUsing(String subject, Collection<String> topics) {
        RegisteredSchema latest = client.getVersion(subject, "latest");
        return SubjectNaming.topicsUsing(subject, topics, recordNames(latest));
    }

    /** Avro and JSON Schema text re-indented; Protobuf text as stored. Unparseable text is returned unchanged. */
    public static String pretty(SchemaInfo.SchemaType type, String text) {
        if (type == SchemaInfo.SchemaType.PROTOBUF) {
            return text;
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(text));
        } catch (IOException e) {
            return text;
        }
    }

    /** Fully-qualified record (Avro), message (Protobuf) or title (JSON Schema) names a schema defines. */
    Set<String> recordNames(RegisteredSchema schema) {
        Set<String> names = new LinkedHashSet<>();
        try {
            switch (schema.type()) {
                case AVRO -> {
                    Schema avro = client.parsed().avro(schema);
                    if (avro.getType() == Schema.Type.RECORD) {
                        names.add(avro.getFullName());
                    }
                }
                case PROTOBUF -> {
                    for (Descriptor d : client.parsed().protobuf(schema).getMessageTypes()) {
                        names.add(d.getFullName());
                    }
                }
                case JSON -> {
                    var title = JSON.readTree(schema.schema()).path("title");
                    if (title.isTextual()) {
                        names.add(title.asText());
                    }
                }
            }
        } catch (IllegalArgumentException | IOException | BacktrackException e) {
            // a schema we cannot parse still has a subject; it just matches no record strategy
        }
        return names;
    }
}
