package dev.backtrack.archive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backtrack.kafka.RawRecord;

/**
 * One record read back from an archive: the exact record ({@code raw}), and the decoded form as it was
 * exported ({@code decoded}: {@code {key:{format,json,error}, value:{…}}}, or null when the export had none).
 * {@code line} is its line number in the file.
 */
public record ArchiveEntry(long line, RawRecord raw, JsonNode decoded) {
}
