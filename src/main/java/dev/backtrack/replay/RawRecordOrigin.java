package dev.backtrack.replay;

import dev.backtrack.archive.ArchiveEntry;
import dev.backtrack.archive.ArchiveReader;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Resuming an archive import: records of this replay committed after the last checkpoint are known by their
 * provenance ({@code topic/partition/offset} of the archived record); the archive position to continue from
 * is just after the last of them in file order (filtered-out records in between are skipped either way).
 */
final class RawRecordOrigin {
    private RawRecordOrigin() {
    }

    /** Adds the {@code topic/partition/offset} part of the record's provenance header, if it has one. */
    static void add(Set<String> origins, RawRecord r) {
        RawHeader h = r.lastHeader(HeaderPolicy.SOURCE_HEADER);
        if (h != null && h.value() != null) {
            String coordinates = new String(h.value(), StandardCharsets.UTF_8);
            int firstSlash = coordinates.indexOf('/');
            origins.add(firstSlash < 0 ? coordinates : coordinates.substring(firstSlash + 1));
        }
    }

    /** The number of archive records to skip: past the last record (in file order) whose origin is in {@code origins}. */
    static long archivePositionAfter(Path file, long alreadyDone, Set<String> origins) {
        Set<String> missing = new HashSet<>(origins);
        long index = 0;
        long position = alreadyDone;
        try (ArchiveReader reader = ArchiveReader.open(file)) {
            ArchiveEntry e;
            while (!missing.isEmpty() && (e = reader.next()) != null) {
                index++;
                if (index <= alreadyDone) {
                    continue;
                }
                RawRecord r = e.raw();
                if (missing.remove(r.topic() + "/" + r.partition() + "/" + r.offset())) {
                    position = index;
                }
            }
        }
        return position;
    }
}
