package dev.backtrack.history;

import dev.backtrack.archive.ArchiveHeader;
import dev.backtrack.archive.ArchiveWriter;
import java.io.OutputStream;

/**
 * Exports a journey as a Backtrack archive (lossless JSONL, docs/ARCHIVE-FORMAT.md): the header names the
 * journey's topics and time window, then every step's record in timeline order with its decoded form.
 */
public final class JourneyExport {
    private JourneyExport() {
    }

    /** Writes the archive; closes {@code out} only when {@code closeStream} (pass false for stdout). Returns records written. */
    public static long write(Journey journey, String sourceCluster, OutputStream out, boolean closeStream) {
        ArchiveHeader header = ArchiveHeader.of(sourceCluster, journey.topics(), journey.window().from(), journey.window().to());
        try (ArchiveWriter writer = new ArchiveWriter(out, header, closeStream)) {
            for (JourneyStep step : journey.steps()) {
                writer.write(step.record());
            }
            return writer.records();
        }
    }
}
