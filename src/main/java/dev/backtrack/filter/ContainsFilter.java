package dev.backtrack.filter;

import dev.backtrack.codec.DecodedRecord;
import dev.backtrack.kafka.RawHeader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * The plain "contains text" search: matches when the key's or value's displayed text (decoded JSON, text,
 * or the hex of bytes that did not decode) or a header value (as UTF-8) contains the text.
 */
public record ContainsFilter(String text, boolean ignoreCase) implements RecordFilter {
    public ContainsFilter {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("the search text is empty");
        }
    }

    @Override
    public boolean test(DecodedRecord record) {
        String needle = ignoreCase ? text.toLowerCase(Locale.ROOT) : text;
        if (has(record.key().text(), needle) || has(record.value().text(), needle)) {
            return true;
        }
        for (RawHeader h : record.raw().headers()) {
            if (has(h.key(), needle) || h.value() != null && has(new String(h.value(), StandardCharsets.UTF_8), needle)) {
                return true;
            }
        }
        return false;
    }

    private boolean has(String haystack, String needle) {
        if (haystack == null) {
            return false;
        }
        return (ignoreCase ? haystack.toLowerCase(Locale.ROOT) : haystack).contains(needle);
    }

    @Override
    public String describe() {
        return "contains \"" + text + "\"" + (ignoreCase ? " (any case)" : "");
    }
}
