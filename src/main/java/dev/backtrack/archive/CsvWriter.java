package dev.backtrack.archive;

import dev.backtrack.BacktrackException;
import dev.backtrack.codec.DecodedPart;
import dev.backtrack.codec.DecodedRecord;
import dev.backtrack.kafka.RawHeader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.StringJoiner;

/**
 * CSV of decoded columns for spreadsheets (RFC 4180 quoting, UTF-8, header row). Lossy by design, and
 * documented as such: keys and values are their decoded text, header values are UTF-8 text (or
 * {@code base64:…}), null and empty both become an empty cell. Use the JSONL archive to keep records exactly.
 */
public final class CsvWriter implements AutoCloseable {
    public static final String[] COLUMNS = {"topic", "partition", "offset", "timestamp", "timestampType", "key", "value", "headers",
            "keyFormat", "valueFormat", "error"};
    private final Writer out;
    private final boolean closeStream;
    private long records;

    public CsvWriter(OutputStream stream, boolean closeStream) {
        this.out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
        this.closeStream = closeStream;
        row(COLUMNS);
    }

    public long records() {
        return records;
    }

    public void write(DecodedRecord r) {
        StringJoiner headers = new StringJoiner("; ");
        for (RawHeader h : r.raw().headers()) {
            headers.add(h.key() + "=" + headerText(h.value()));
        }
        row(r.raw().topic(), String.valueOf(r.raw().partition()), String.valueOf(r.raw().offset()),
                Instant.ofEpochMilli(r.raw().timestamp()).toString(), r.raw().timestampType().name, text(r.key()), text(r.value()),
                headers.toString(), format(r.key()), format(r.value()), error(r));
        records++;
    }

    private static String text(DecodedPart part) {
        return part == null || part.text() == null || "null".equals(part.text()) && part.format() == dev.backtrack.codec.Format.NULL ? "" : part.text();
    }

    private static String format(DecodedPart part) {
        return part == null || part.format() == null ? "" : part.format().name();
    }

    private static String error(DecodedRecord r) {
        StringJoiner e = new StringJoiner("; ");
        if (r.key() != null && r.key().failed()) {
            e.add("key: " + r.key().error());
        }
        if (r.value() != null && r.value().failed()) {
            e.add("value: " + r.value().error());
        }
        return e.toString();
    }

    private static String headerText(byte[] value) {
        if (value == null) {
            return "";
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            return "base64:" + Base64.getEncoder().encodeToString(value);
        }
    }

    private void row(String... cells) {
        try {
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(quote(cells[i]));
            }
            out.write("\r\n");
        } catch (IOException e) {
            throw new BacktrackException("cannot write the CSV: " + e.getMessage(), e);
        }
    }

    static String quote(String cell) {
        if (cell == null) {
            return "";
        }
        boolean needs = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0;
        return needs ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }

    @Override
    public void close() {
        try {
            out.flush();
            if (closeStream) {
                out.close();
            }
        } catch (IOException e) {
            throw new BacktrackException("cannot finish the CSV: " + e.getMessage(), e);
        }
    }
}
