package dev.backtrack.codec;

import dev.backtrack.kafka.RawRecord;

/** A raw record with its key and value decoded independently; the raw record is untouched. */
public record DecodedRecord(RawRecord raw, DecodedPart key, DecodedPart value) {
    public boolean hasError() {
        return key.failed() || value.failed();
    }
}
