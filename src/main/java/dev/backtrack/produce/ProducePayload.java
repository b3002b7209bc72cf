package dev.backtrack.produce;

import dev.backtrack.codec.Format;
import java.util.Objects;

/** How a key or value of a new record is given and encoded. */
public sealed interface ProducePayload {
    /** A schemaless format from text: TEXT, JSON (checked), HEX, BASE64, INT, LONG, UUID, or NULL. */
    record Plain(Format format, String text) implements ProducePayload {
        public Plain {
            Objects.requireNonNull(format, "format");
            if (format.usesRegistry()) {
                throw new IllegalArgumentException(format + " needs a subject; use BySubject");
            }
        }
    }

    /**
     * Readable JSON encoded with a registry subject version ({@code "latest"} or a number; Avro, Protobuf or
     * JSON Schema), validated field by field; {@code protobufMessage} picks the message type (first when null).
     */
    record BySubject(String subject, String version, String protobufMessage, String json) implements ProducePayload {
        public BySubject {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(json, "json");
        }
    }

    static ProducePayload none() {
        return new Plain(Format.NULL, null);
    }
}
