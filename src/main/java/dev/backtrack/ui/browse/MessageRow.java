package dev.backtrack.ui.browse;

import dev.backtrack.codec.DecodedPart;
import dev.backtrack.codec.DecodedRecord;
import dev.backtrack.kafka.RawRecord;

/** One line of the message table: the decoded record plus display texts computed once, off the FX thread. */
public record MessageRow(DecodedRecord record, String keyText, String valuePreview, String format, String error,
                         boolean aborted) {
    static final int PREVIEW_CHARS = 240;

    public static MessageRow of(DecodedRecord record, boolean aborted) {
        return new MessageRow(record, preview(record.key()), preview(record.value()), format(record), error(record), aborted);
    }

    public RawRecord raw() {
        return record.raw();
    }

    public int partition() {
        return record.raw().partition();
    }

    public long offset() {
        return record.raw().offset();
    }

    public long timestamp() {
        return record.raw().timestamp();
    }

    public int headerCount() {
        return record.raw().headers().size();
    }

    public int size() {
        return record.raw().size();
    }

    public boolean hasError() {
        return error != null;
    }

    private static String preview(DecodedPart part) {
        String text = part.text() == null ? "" : part.text();
        text = text.length() > PREVIEW_CHARS ? text.substring(0, PREVIEW_CHARS) + "…" : text;
        return text.replace('\n', ' ').replace('\r', ' ');
    }

    private static String format(DecodedRecord r) {
        return r.key().format() == r.value().format() ? r.value().format().name()
                : r.key().format().name() + " / " + r.value().format().name();
    }

    private static String error(DecodedRecord r) {
        if (r.key().failed() && r.value().failed()) {
            return "key: " + r.key().error() + "; value: " + r.value().error();
        }
        if (r.key().failed()) {
            return "key: " + r.key().error();
        }
        return r.value().failed() ? "value: " + r.value().error() : null;
    }
}
