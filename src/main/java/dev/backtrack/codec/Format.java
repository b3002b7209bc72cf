package dev.backtrack.codec;

/** How a key or value was (or is to be) decoded. */
public enum Format {
    AVRO, PROTOBUF, JSON_SCHEMA, JSON, TEXT, HEX, BASE64, INT, LONG, UUID, NULL;

    public boolean usesRegistry() {
        return this == AVRO || this == PROTOBUF || this == JSON_SCHEMA;
    }
}
