package dev.backtrack.archive;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.backtrack.BacktrackException;
import dev.backtrack.codec.DecodedPart;
import dev.backtrack.codec.DecodedRecord;
import dev.backtrack.codec.WireFormat;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Base64;
import java.util.List;

/**
 * Writes a Backtrack archive (JSONL, docs/ARCHIVE-FORMAT.md) as a stream: the header line at once, then one
 * line per record as records arrive (raw records, or decoded ones whose decoded form is kept alongside).
 * Lossless for everything Kafka stores per record: key and value bytes (null distinct from empty), headers in
 * order with duplicates and null values, timestamp and its type, coordinates. {@link #close()} flushes, and
 * closes the stream only when {@code closeStream} is true (pass false for stdout).
 */
public final class ArchiveWriter implements AutoCloseable {
    // reading: a 16 MB record is ~21 M characters of base64 (and 32 M of hex when its decoded form is kept), above
    // Jackson's default 20 M-character string limit; the reader's line limit already bounds memory
    static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                    .maxStringLength(ArchiveReader.DEFAULT_MAX_LINE_BYTES).build()).build())
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
    private static final Base64.Encoder B64 = Base64.getEncoder();

    private final OutputStream out;
    private final boolean closeStream;
    private final JsonGenerator json;
    private long records;

    public ArchiveWriter(OutputStream out, ArchiveHeader header, boolean closeStream) {
        this.out = out;
        this.closeStream = closeStream;
        try {
            this.json = JSON.getFactory().createGenerator(out, JsonEncoding.UTF8);
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.setRootValueSeparator(null);
            JSON.writeValue(json, header);
            json.writeRaw('\n');
            json.flush();
        } catch (IOException e) {
            throw new BacktrackException("cannot write the archive: " + e.getMessage(), e);
        }
    }

    public long records() {
        return records;
    }

    public void write(RawRecord record) {
        write(record, null, null);
    }

    public void write(DecodedRecord record) {
        write(record.raw(), record.key(), record.value());
    }

    /** Writes a batch of {@link RawRecord}s or {@link DecodedRecord}s (as a browse or search hands them out). */
    public void writeAll(List<?> batch) {
        for (Object o : batch) {
            switch (o) {
                case DecodedRecord d -> write(d);
                case RawRecord r -> write(r);
                default -> throw new IllegalArgumentException("not a record: " + o.getClass().getName());
            }
        }
    }

    private void write(RawRecord r, DecodedPart key, DecodedPart value) {
        try {
            json.writeStartObject();
            json.writeStringField("topic", r.topic());
            json.writeNumberField("partition", r.partition());
            json.writeNumberField("offset", r.offset());
            json.writeNumberField("timestamp", r.timestamp());
            json.writeStringField("timestampType", r.timestampType().name);
            bytesField("key", r.key());
            bytesField("value", r.value());
            json.writeArrayFieldStart("headers");
            for (RawHeader h : r.headers()) {
                json.writeStartObject();
                json.writeStringField("key", h.key());
                bytesField("value", h.value());
                json.writeEndObject();
            }
            json.writeEndArray();
            schemaField("keySchema", WireFormat.detect(r.key(), r.headers(), true));
            schemaField("valueSchema", WireFormat.detect(r.value(), r.headers(), false));
            if (key != null || value != null) {
                json.writeObjectFieldStart("decoded");
                decodedField("key", key);
                decodedField("value", value);
                json.writeEndObject();
            }
            json.writeEndObject();
            json.writeRaw('\n');
            records++;
        } catch (IOException e) {
            throw new BacktrackException("cannot write the archive: " + e.getMessage(), e);
        }
    }

    private void bytesField(String name, byte[] bytes) throws IOException {
        if (bytes == null) {
            json.writeNullField(name);
        } else {
            json.writeStringField(name, B64.encodeToString(bytes));
        }
    }

    private void schemaField(String name, WireFormat.Framing framing) throws IOException {
        if (framing == null) {
            return;
        }
        json.writeObjectFieldStart(name);
        if (framing.id() != null) {
            json.writeNumberField("id", framing.id());
        }
        if (framing.guid() != null) {
            json.writeStringField("guid", framing.guid());
        }
        json.writeStringField("location", framing.location().name());
        json.writeEndObject();
    }

    private void decodedField(String name, DecodedPart part) throws IOException {
        if (part == null) {
            return;
        }
        json.writeObjectFieldStart(name);
        json.writeStringField("format", part.format() == null ? null : part.format().name());
        json.writeFieldName("json");
        if (part.json() == null) {
            json.writeNull();
        } else {
            JSON.writeTree(json, part.json());
        }
        if (part.error() != null) {
            json.writeStringField("error", part.error());
        }
        json.writeEndObject();
    }

    @Override
    public void close() {
        try {
            json.flush();
            out.flush();
            if (closeStream) {
                out.close();
            }
        } catch (IOException e) {
            throw new BacktrackException("cannot finish the archive: " + e.getMessage(), e);
        }
    }
}
