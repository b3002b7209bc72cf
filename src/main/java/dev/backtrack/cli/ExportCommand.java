package dev.backtrack.cli;

import dev.backtrack.BacktrackException;
import dev.backtrack.archive.ArchiveExport;
import dev.backtrack.browse.Cancellation;
import dev.backtrack.codec.RecordDecoder;
import dev.backtrack.filter.RecordFilter;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.replay.ReplaySource;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.kafka.common.IsolationLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backtrack export TOPIC}: a lossless JSONL archive (or a lossy CSV) of a range of records. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Export a range of records as a lossless JSONL archive (docs/ARCHIVE-FORMAT.md) or a CSV of decoded columns (lossy).")
public final class ExportCommand implements Callable<Integer> {
    public enum OutputFormat { JSONL, CSV }

    @Parameters(index = "0", paramLabel = "TOPIC", description = "Topic to export.")
    String topic;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    RangeOptions range;

    @Option(names = "--to", paramLabel = "OFFSET", description = "Stop before this offset (exclusive).")
    Long to;

    @Option(names = "--read-uncommitted", description = "Also export aborted transactional records (default: read_committed).")
    boolean readUncommitted;

    @Option(names = "--filter", paramLabel = "CEL", description = "Only records matching this CEL expression.")
    String filter;

    @Option(names = "--format", paramLabel = "jsonl|csv", description = "jsonl (default, lossless) or csv (decoded columns, lossy).")
    OutputFormat format = OutputFormat.JSONL;

    @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE instead of stdout.")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ConnectionSettings settings = connection.settings();
        KafkaClients clients = new KafkaClients(settings, connection.writeGuard());
        ReplaySource.Topic source = new ReplaySource.Topic(settings, topic, range.partitions(), range.range(to),
                readUncommitted ? IsolationLevel.READ_UNCOMMITTED : IsolationLevel.READ_COMMITTED);
        RecordFilter recordFilter = filter == null ? null : RecordFilter.cel(filter);
        ArchiveExport.Format f = format == OutputFormat.CSV ? ArchiveExport.Format.CSV : ArchiveExport.Format.JSONL;
        OutputStream out;
        boolean close;
        if (output != null) {
            if (Files.isDirectory(output)) {
                throw new BacktrackException(output + " is a directory");
            }
            try {
                out = new BufferedOutputStream(Files.newOutputStream(output), 1 << 16);
            } catch (IOException e) {
                // e.g. a parent that is a regular file, a name too long, a read-only file system: one clear line
                String reason = e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.toString();
                throw new BacktrackException("cannot create " + output + ": " + reason, e);
            }
            close = true;
        } else {
            out = new BufferedOutputStream(System.out, 1 << 16);
            close = false;
        }
        ArchiveExport.Result result = ArchiveExport.export(clients, source, recordFilter, new RecordDecoder(settings.registry()), f, out,
                close, new Cancellation());
        spec.commandLine().getErr().println("exported " + result.written() + " of " + result.read() + " records"
                + (output == null ? "" : " to " + output));
        return 0;
    }
}
