package dev.backtrack.ui.export;

import dev.backtrack.archive.ArchiveHeader;
import dev.backtrack.archive.ArchiveWriter;
import dev.backtrack.archive.CsvWriter;
import dev.backtrack.codec.DecodedRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;

/**
 * Writes the records of the current view or search result through the engine's writers: a Backtrack
 * archive ({@link ArchiveWriter}, JSONL, full fidelity) or a CSV of decoded columns ({@link CsvWriter},
 * lossy by design, for spreadsheets). Written to a temp file and moved, so a failed export leaves no half
 * file. Runs off the FX thread.
 */
public final class RecordExport {
    private RecordExport() {
    }

    public static long toArchive(List<DecodedRecord> records, String cluster, String topic, Path file) {
        Instant from = records.stream().map(r -> Instant.ofEpochMilli(r.raw().timestamp())).min(Instant::compareTo).orElse(null);
        Instant to = records.stream().map(r -> Instant.ofEpochMilli(r.raw().timestamp() + 1)).max(Instant::compareTo).orElse(null);
        return writeAtomically(file, out -> {
            try (ArchiveWriter writer = new ArchiveWriter(out, ArchiveHeader.of(cluster, List.of(topic), from, to), false)) {
                records.forEach(writer::write);
            }
        }, records.size());
    }

    public static long toCsv(List<DecodedRecord> records, Path file) {
        return writeAtomically(file, out -> {
            try (CsvWriter writer = new CsvWriter(out, false)) {
                records.forEach(writer::write);
            }
        }, records.size());
    }

    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    private static long writeAtomically(Path file, Body body, long count) {
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            try (OutputStream out = Files.newOutputStream(tmp)) {
                body.write(out);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
        }
    }
}
