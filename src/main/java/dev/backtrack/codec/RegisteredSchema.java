package dev.backtrack.codec;

import java.util.List;

/**
 * A schema as the registry returns it. {@code subject}/{@code version} are null when the call was by id
 * and the registry did not say; {@code guid} is null unless the registry has GUIDs.
 */
public record RegisteredSchema(int id, String guid, String subject, Integer version, SchemaInfo.SchemaType type,
                               String schema, List<SchemaReference> references) {
    public RegisteredSchema {
        references = references == null ? List.of() : List.copyOf(references);
    }
}
