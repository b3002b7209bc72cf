package dev.backtrack.archive;

import dev.backtrack.browse.Cancellation;
import dev.backtrack.browse.RangeReader;
import dev.backtrack.codec.DecodedRecord;
import dev.backtrack.codec.RecordDecoder;
import dev.backtrack.filter.RecordFilter;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.replay.ReplayRange;
import dev.backtrack.replay.ReplaySource;
import dev.backtrack.replay.SourceResolver;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;

/**
 * Exports exact ranges of a topic (the same ranges a replay reads) as a lossless JSONL archive or as a lossy
 * CSV of decoded columns, streaming: one assign-only consumer, records decoded (for the decoded form and the
 * optional filter) and written batch by batch.
 */
public final class ArchiveExport {
    public enum Format { JSONL, CSV }

    /** Records read from the ranges, records written (matching the filter), whether it was cancelled. */
    public record Result(long read, long written, boolean cancelled) {
    }

    private ArchiveExport() {
    }

    public static Result export(KafkaClients clients, ReplaySource.Topic source, RecordFilter filter, RecordDecoder decoder,
                                Format format, OutputStream out, boolean closeStream, Cancellation cancellation) {
        SourceResolver.Resolved resolved = SourceResolver.resolve(clients, source);
        Instant from = source.range() instanceof ReplayRange.TimeWindow w ? w.from() : null;
        Instant to = source.range() instanceof ReplayRange.TimeWindow w ? w.to() : null;
        long[] read = {0};
        if (format == Format.CSV) {
            try (CsvWriter csv = new CsvWriter(out, closeStream)) {
                RangeReader.Outcome outcome = read(clients, source, resolved, filter, decoder, cancellation, read, csv::write);
                return new Result(read[0], csv.records(), outcome.cancelled());
            }
        }
        try (ArchiveWriter archive = new ArchiveWriter(out, ArchiveHeader.of(resolved.clusterId(), List.of(source.topic()), from, to), closeStream)) {
            RangeReader.Outcome outcome = read(clients, source, resolved, filter, decoder, cancellation, read, archive::write);
            return new Result(read[0], archive.records(), outcome.cancelled());
        }
    }

    private static RangeReader.Outcome read(KafkaClients clients, ReplaySource.Topic source, SourceResolver.Resolved resolved,
                                            RecordFilter filter, RecordDecoder decoder, Cancellation cancellation, long[] read,
                                            java.util.function.Consumer<DecodedRecord> sink) {
        return new RangeReader(clients, source.isolation()).read(source.topic(), resolved.ranges(), batch -> {
            for (RawRecord r : batch) {
                read[0]++;
                DecodedRecord d = decoder.decode(r);
                if (filter == null || filter.test(d)) {
                    sink.accept(d);
                }
            }
            return !cancellation.isCancelled();
        }, cancellation);
    }
}
