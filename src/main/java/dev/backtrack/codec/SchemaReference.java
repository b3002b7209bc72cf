package dev.backtrack.codec;

/** A reference from one registered schema to another: Protobuf import path, Avro type name or JSON {@code $ref}. */
public record SchemaReference(String name, String subject, int version) {
}
