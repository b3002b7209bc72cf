package dev.backtrack.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.apache.kafka.common.header.Header;

/**
 * One record header exactly as stored: a name and raw bytes (value may be null). It is also a Kafka
 * {@link Header}, so records are sent with their headers as they are, without a copy per header.
 */
public record RawHeader(String key, byte[] value) implements Header {
    public RawHeader {
        Objects.requireNonNull(key, "key");
    }

    public static RawHeader utf8(String key, String value) {
        return new RawHeader(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawHeader h && key.equals(h.key) && Arrays.equals(value, h.value);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return key + "=" + (value == null ? "null" : value.length + " bytes");
    }
}
