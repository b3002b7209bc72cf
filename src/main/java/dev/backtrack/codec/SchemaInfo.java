package dev.backtrack.codec;

/**
 * The writer schema a payload referred to: its id (or GUID for magic-1 framing), type, where the id
 * was found, and, when known, subject/version and the schema text. Protobuf payloads also carry the
 * message indexes that select the message type inside the schema.
 */
public record SchemaInfo(Integer id, String guid, SchemaType type, IdLocation idLocation, String subject, Integer version,
                         String schemaText, java.util.List<Integer> messageIndexes) {
    public enum SchemaType { AVRO, PROTOBUF, JSON }

    /** Where the schema id travelled: in the payload prefix (magic 0 or 1), or in a {@code __key/value_schema_id} header. */
    public enum IdLocation { PREFIX_V0, PREFIX_V1, HEADER }
}
