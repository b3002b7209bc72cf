package dev.backtrack.redrive;

import dev.backtrack.kafka.RawHeader;
import java.util.List;

/** Opens record keys and values for editing; the implementation decides the format from bytes and headers. */
@FunctionalInterface
public interface PayloadCodec {
    /** Throws {@link EditException} when the payload cannot be edited (e.g. undecodable bytes), with the reason. */
    EditablePayload open(byte[] bytes, List<RawHeader> headers, boolean key);

    /** Whether {@link #open} would read these bytes as schemaless (JSON, text, null), with no schema to validate against. */
    default boolean schemaless(byte[] bytes, List<RawHeader> headers, boolean key) {
        return false;
    }
}
