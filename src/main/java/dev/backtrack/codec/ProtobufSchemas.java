package dev.backtrack.codec;

import com.google.protobuf.AnyProto;
import com.google.protobuf.ApiProto;
import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DurationProto;
import com.google.protobuf.EmptyProto;
import com.google.protobuf.FieldMaskProto;
import com.google.protobuf.SourceContextProto;
import com.google.protobuf.StructProto;
import com.google.protobuf.TimestampProto;
import com.google.protobuf.TypeProto;
import com.google.protobuf.WrappersProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Turns registry-stored {@code .proto} text into protobuf-java descriptors: parses the text, resolves its
 * imports through the schema's references (fetched recursively from the registry) or protobuf's bundled
 * well-known types, and builds the {@link FileDescriptor}. Message indexes then select the message type.
 */
final class ProtobufSchemas {
    private static final Map<String, FileDescriptor> WELL_KNOWN = new HashMap<>();

    static {
        Stream.of(AnyProto.getDescriptor(), ApiProto.getDescriptor(), DurationProto.getDescriptor(), EmptyProto.getDescriptor(),
                        FieldMaskProto.getDescriptor(), SourceContextProto.getDescriptor(), StructProto.getDescriptor(),
                        TimestampProto.getDescriptor(), TypeProto.getDescriptor(), WrappersProto.getDescriptor(),
                        DescriptorProtos.getDescriptor())
                .forEach(f -> WELL_KNOWN.put(f.getName(), f));
    }

    private ProtobufSchemas() {
    }

    /**
     * Builds the file descriptor of {@code schema}. {@code client} resolves references; it may be null when
     * the schema has none. Throws {@link IllegalArgumentException} with a reason when the text or an import
     * cannot be used.
     */
    static FileDescriptor build(RegisteredSchema schema, SchemaRegistryClient client) {
        return build("schema-" + schema.id() + ".proto", schema.schema(), schema.references(), client, new HashMap<>(), 0);
    }

    private static FileDescriptor build(String fileName, String text, List<SchemaReference> references, SchemaRegistryClient client,
                                        Map<String, FileDescriptor> built, int depth) {
        if (depth > 32) {
            throw new IllegalArgumentException("schema references nest deeper than 32 levels (a cycle?)");
        }
        FileDescriptorProto proto = ProtoParser.parse(fileName, text);
        Map<String, SchemaReference> byName = new HashMap<>();
        for (SchemaReference r : references) {
            byName.put(r.name(), r);
        }
        List<FileDescriptor> dependencies = new ArrayList<>();
        for (String imported : proto.getDependencyList()) {
            FileDescriptor dependency = built.get(imported);
            if (dependency == null) {
                SchemaReference reference = byName.get(imported);
                if (reference != null) {
                    if (client == null) {
                        throw new IllegalArgumentException("import \"" + imported + "\" needs the schema registry");
                    }
                    RegisteredSchema referenced = client.getVersion(reference.subject(), reference.version());
                    dependency = build(imported, referenced.schema(), referenced.references(), client, built, depth + 1);
                } else {
                    dependency = WELL_KNOWN.get(imported);
                }
                if (dependency == null) {
                    throw new IllegalArgumentException("import \"" + imported + "\" is neither a schema reference nor a well-known type");
                }
                built.put(imported, dependency);
            }
            dependencies.add(dependency);
        }
        try {
            return FileDescriptor.buildFrom(proto, dependencies.toArray(FileDescriptor[]::new));
        } catch (DescriptorValidationException e) {
            throw new IllegalArgumentException("the .proto schema is invalid: " + e.getMessage(), e);
        }
    }

    /**
     * The message type that message indexes point to: first a top-level message, then nested ones. As in
     * Confluent's {@code ProtobufSchema.toMessageIndexes}, only messages declared in the .proto text count:
     * the entry types synthesized for map fields are skipped.
     */
    static Descriptor message(FileDescriptor file, List<Integer> indexes) {
        List<Descriptor> candidates = file.getMessageTypes();
        Descriptor selected = null;
        for (int index : indexes) {
            if (index < 0 || index >= candidates.size()) {
                throw new IllegalArgumentException("message index path " + indexes + " does not exist in the schema");
            }
            selected = candidates.get(index);
            candidates = declared(selected.getNestedTypes());
        }
        if (selected == null) {
            throw new IllegalArgumentException("empty message index path");
        }
        return selected;
    }

    /** The message-index path of a message type, e.g. [1, 0] for the first type nested in the second. */
    static List<Integer> indexesOf(Descriptor message) {
        List<Integer> path = new ArrayList<>();
        for (Descriptor d = message; d != null; d = d.getContainingType()) {
            List<Descriptor> siblings = d.getContainingType() == null ? d.getFile().getMessageTypes() : declared(d.getContainingType().getNestedTypes());
            path.addFirst(siblings.indexOf(d));
        }
        return path;
    }

    private static List<Descriptor> declared(List<Descriptor> nested) {
        return nested.stream().filter(d -> !d.getOptions().getMapEntry()).toList();
    }

    /** Finds a message by full or simple name, for encoding by subject when the caller names the type. */
    static Descriptor byName(FileDescriptor file, String name) {
        for (Descriptor top : file.getMessageTypes()) {
            Descriptor found = find(top, name);
            if (found != null) {
                return found;
            }
        }
        throw new IllegalArgumentException("the schema has no message type " + name);
    }

    private static Descriptor find(Descriptor d, String name) {
        if (d.getFullName().equals(name) || d.getName().equals(name)) {
            return d;
        }
        for (Descriptor nested : d.getNestedTypes()) {
            Descriptor found = find(nested, name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
