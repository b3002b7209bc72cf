package dev.backtrack.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.backtrack.BacktrackException;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.common.record.TimestampType;

/**
 * Reads a Backtrack archive as a stream, safe against hostile files: lines longer than
 * {@link #DEFAULT_MAX_LINE_BYTES} (64 MiB, comfortably above Kafka's largest records as base64) are refused
 * without being buffered whole, and every malformed line is reported with its line number
 * ({@link ArchiveFormatException}). Blank lines are skipped. The header line is checked on open.
 */
public final class ArchiveReader implements AutoCloseable {
    public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;
    private static final Base64.Decoder B64 = Base64.getDecoder();

    private final InputStream in;
    private final int maxLineBytes;
    private final ArchiveHeader header;
    private long line;
    private final byte[] chunk = new byte[1 << 16];
    private int pos;
    private int limit;

    public ArchiveReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        byte[] first = nextLine();
        if (first == null) {
            throw new ArchiveFormatException(1, "the file is empty; expected a backtrack-archive header line");
        }
        this.header = parseHeader(first);
    }

    public ArchiveReader(InputStream in) {
        this(in, DEFAULT_MAX_LINE_BYTES);
    }

    public static ArchiveReader open(Path file) {
        try {
            return new ArchiveReader(Files.newInputStream(file));
        } catch (IOException e) {
            throw new BacktrackException("cannot open archive " + file + ": " + e.getMessage(), e);
        }
    }

    public ArchiveHeader header() {
        return header;
    }

    /** The next record, or null at the end of the file. */
    public ArchiveEntry next() {
        byte[] bytes = nextLine();
        if (bytes == null) {
            return null;
        }
        JsonNode node = parse(bytes);
        return new ArchiveEntry(line, toRecord(node), node.has("decoded") ? node.get("decoded") : null);
    }

    /** Up to {@code max} records (fewer only at the end of the file; empty at the end). */
    public List<ArchiveEntry> nextBatch(int max) {
        List<ArchiveEntry> batch = new ArrayList<>(Math.min(max, 1024));
        ArchiveEntry e;
        while (batch.size() < max && (e = next()) != null) {
            batch.add(e);
        }
        return batch;
    }

    private ArchiveHeader parseHeader(byte[] bytes) {
        JsonNode node = parse(bytes);
        if (!ArchiveHeader.FORMAT.equals(node.path("format").asText(null))) {
            throw new ArchiveFormatException(line, "not a Backtrack archive (the first line has no \"format\": \"backtrack-archive\")");
        }
        int version = node.path("version").asInt(-1);
        if (version != ArchiveHeader.VERSION) {
            throw new ArchiveFormatException(line, "archive format version " + node.path("version") + " is not supported (this Backtrack reads version "
                    + ArchiveHeader.VERSION + ")");
        }
        try {
            return ArchiveWriter.JSON.treeToValue(node, ArchiveHeader.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ArchiveFormatException(line, "malformed header: " + e.getMessage());
        }
    }

    private JsonNode parse(byte[] bytes) {
        try {
            JsonNode node = ArchiveWriter.JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new ArchiveFormatException(line, "expected a JSON object");
            }
            return node;
        } catch (IOException e) {
            String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new ArchiveFormatException(line, "not valid JSON (" + message + ")");
        }
    }

    private RawRecord toRecord(JsonNode n) {
        String topic = text(n, "topic");
        int partition = (int) number(n, "partition", 0, Integer.MAX_VALUE);
        long offset = number(n, "offset", 0, Long.MAX_VALUE);
        long timestamp = number(n, "timestamp", -1, Long.MAX_VALUE);
        TimestampType type;
        try {
            type = TimestampType.forName(text(n, "timestampType"));
        } catch (java.util.NoSuchElementException e) {
            throw new ArchiveFormatException(line, "unknown timestampType '" + n.get("timestampType").asText() + "'");
        }
        List<RawHeader> headers = new ArrayList<>();
        JsonNode hs = n.get("headers");
        if (hs != null && !hs.isNull()) {
            if (!hs.isArray()) {
                throw new ArchiveFormatException(line, "\"headers\" must be a list");
            }
            for (JsonNode h : hs) {
                if (!h.isObject() || !h.path("key").isTextual()) {
                    throw new ArchiveFormatException(line, "every header needs a text \"key\"");
                }
                headers.add(new RawHeader(h.get("key").asText(), bytes(h, "value")));
            }
        }
        return new RawRecord(topic, partition, offset, timestamp, type, bytes(n, "key"), bytes(n, "value"), headers);
    }

    private String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new ArchiveFormatException(line, "missing or non-text \"" + field + "\"");
        }
        return v.asText();
    }

    private long number(JsonNode n, String field, long min, long max) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
            throw new ArchiveFormatException(line, "missing or invalid \"" + field + "\"");
        }
        return v.asLong();
    }

    private byte[] bytes(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null) {
            throw new ArchiveFormatException(line, "missing \"" + field + "\" (use null for a null " + field + ")");
        }
        if (v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new ArchiveFormatException(line, "\"" + field + "\" must be base64 text or null");
        }
        try {
            return B64.decode(v.asText());
        } catch (IllegalArgumentException e) {
            throw new ArchiveFormatException(line, "\"" + field + "\" is not valid base64 (" + e.getMessage() + ")");
        }
    }

    /** The next non-blank line without its line terminator, or null at the end; refuses over-long lines while reading. */
    private byte[] nextLine() {
        try {
            while (true) {
                ByteArrayOutputStream buffer = null;
                boolean any = false;
                byte[] result = null;
                while (result == null) {
                    if (pos == limit) {
                        limit = in.read(chunk, 0, chunk.length);
                        pos = 0;
                        if (limit <= 0) {
                            limit = 0;
                            if (!any) {
                                return null;
                            }
                            result = buffer == null ? new byte[0] : buffer.toByteArray();
                            break;
                        }
                    }
                    any = true;
                    int start = pos;
                    while (pos < limit && chunk[pos] != '\n') {
                        pos++;
                    }
                    int taken = pos - start;
                    if ((buffer == null ? 0 : buffer.size()) + taken > maxLineBytes) {
                        throw new ArchiveFormatException(line + 1, "line is longer than " + (maxLineBytes / (1024 * 1024)) + " MiB");
                    }
                    if (pos < limit) {
                        // found the end of the line
                        if (buffer == null) {
                            result = java.util.Arrays.copyOfRange(chunk, start, pos);
                        } else {
                            buffer.write(chunk, start, taken);
                            result = buffer.toByteArray();
                        }
                        pos++;
                    } else {
                        if (buffer == null) {
                            buffer = new ByteArrayOutputStream(Math.max(1024, taken * 2));
                        }
                        buffer.write(chunk, start, taken);
                    }
                }
                line++;
                int length = result.length;
                if (length > 0 && result[length - 1] == '\r') {
                    length--;
                }
                boolean blank = true;
                for (int i = 0; i < length && blank; i++) {
                    blank = result[i] == ' ' || result[i] == '\t';
                }
                if (!blank) {
                    return length == result.length ? result : java.util.Arrays.copyOf(result, length);
                }
            }
        } catch (IOException e) {
            throw new BacktrackException("cannot read the archive at line " + (line + 1) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // nothing to recover when closing a read stream
        }
    }
}
