package dev.backtrack.codec;

import dev.backtrack.kafka.RawHeader;

/**
 * Bytes ready to produce as a key or value. When the schema id travels in a header
 * ({@link SchemaInfo.IdLocation#HEADER}) {@code schemaIdHeader} is the {@code __key_schema_id} /
 * {@code __value_schema_id} header to send along (replacing any old one); otherwise it is null.
 */
public record EncodedPart(byte[] bytes, RawHeader schemaIdHeader) {
}
