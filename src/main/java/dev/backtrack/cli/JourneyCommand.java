package dev.backtrack.cli;

import dev.backtrack.BacktrackException;
import dev.backtrack.browse.Cancellation;
import dev.backtrack.history.Correlation;
import dev.backtrack.history.HistoryJson;
import dev.backtrack.history.Journey;
import dev.backtrack.history.JourneyExport;
import dev.backtrack.history.JourneyFinder;
import dev.backtrack.history.JourneyStep;
import dev.backtrack.history.KeySpec;
import dev.backtrack.history.ScanProgress;
import dev.backtrack.history.TimeWindow;
import dev.backtrack.kafka.KafkaClients;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code backtrack journey --topics T1,T2,... (--trace-id | --header | --key | --filter)}: every record of one
 * entity across topics, scanned in parallel, printed as one timeline with the gaps between steps, trace
 * context and dead letters. {@code --export FILE} also writes the steps as a Backtrack archive.
 */
@Command(name = "journey", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Follow one entity across topics: all records with a trace id, header value, key or CEL match, as one timeline.")
public final class JourneyCommand implements Callable<Integer> {
    public enum OutputFormat { JSONL, TABLE }

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--topics", required = true, split = ",", paramLabel = "T1,T2,...", description = "The topics to search (in parallel).")
    List<String> topics;

    @ArgGroup(exclusive = true, multiplicity = "1")
    By by;

    static final class By {
        @Option(names = "--trace-id", paramLabel = "ID", description = "W3C trace id (32 hex digits) of the traceparent header.")
        String traceId;
        @Option(names = "--header", paramLabel = "NAME=VALUE", description = "Records with this header value, e.g. correlation-id=abc.")
        String header;
        @Option(names = "--key", paramLabel = "K", description = "Records with this key (text, JSON, hex:..., base64:...).")
        String key;
        @Option(names = "--filter", paramLabel = "CEL", description = "Records matching a CEL expression, e.g. value.orderId == 42.")
        String filter;
    }

    @Option(names = "--from-time", paramLabel = "ISO", description = "Only records at or after this time.")
    String fromTime;

    @Option(names = "--to-time", paramLabel = "ISO", description = "Only records at or before this time.")
    String toTime;

    @Option(names = "--format", paramLabel = "jsonl|table", defaultValue = "jsonl", description = "Output format (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--export", paramLabel = "FILE", description = "Also write the journey's records as a Backtrack archive (JSONL) to FILE.")
    Path export;

    @Option(names = "--progress", description = "Report progress on stderr (default: only when stderr is a terminal).")
    boolean progress;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Correlation correlation = correlation();
        TimeWindow window;
        try {
            window = new TimeWindow(fromTime == null ? null : BrowseCommand.parseTime(fromTime, "--from-time"),
                    toTime == null ? null : BrowseCommand.parseTime(toTime, "--to-time"));
        } catch (IllegalArgumentException e) {
            throw new BacktrackException(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        KafkaClients clients = connection.clients();
        Cancellation cancellation = new Cancellation();
        Thread hook = new Thread(cancellation::cancel, "backtrack-journey-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Journey journey = new JourneyFinder(clients).find(topics, correlation, window, progress(err), cancellation);
            journey.notes().forEach(n -> err.println("backtrack: note: " + n));
            err.println("backtrack: " + journey.steps().size() + " step(s) for " + correlation.describe() + " in " + journey.matchesPerTopic()
                    + ", " + journey.deadLetters().size() + " dead letter(s); " + journey.recordsScanned() + " records scanned in "
                    + journey.elapsed().toMillis() + " ms" + (journey.cancelled() ? " (cancelled: incomplete)" : ""));
            err.flush();
            if (format == OutputFormat.TABLE) {
                out.println(String.format("%-24s %10s %-28s %-20s %s", "TIMESTAMP", "+GAP", "TOPIC", "RECORD", "VALUE"));
            }
            for (JourneyStep s : journey.steps()) {
                out.println(format == OutputFormat.TABLE ? row(s) : HistoryJson.step(s).toString());
            }
            out.flush();
            if (export != null) {
                try (OutputStream file = Files.newOutputStream(export)) {
                    long n = JourneyExport.write(journey, clients.settings().name(), file, false);
                    err.println("backtrack: exported " + n + " record(s) to " + export);
                }
            }
            return 0;
        } finally {
            HistoryCommand.removeHook(hook);
        }
    }

    private Correlation correlation() {
        if (by.traceId != null) {
            return new Correlation.TraceId(by.traceId);
        }
        if (by.header != null) {
            return Correlation.HeaderValue.parse(by.header);
        }
        if (by.key != null) {
            return new Correlation.Key(KeySpec.parse(by.key));
        }
        return new Correlation.Expression(by.filter);
    }

    private static String row(JourneyStep s) {
        String gap = s.sincePrevious() == null ? "" : "+" + GroupsCommand.human(s.sincePrevious());
        String value = s.record().value().text();
        value = value == null ? "null" : value.replace('\n', ' ');
        if (value.length() > 100) {
            value = value.substring(0, 99) + "…";
        }
        String dead = s.isDeadLetter() ? "  [dead letter: " + s.deadLetter().exceptionClass() + ": " + s.deadLetter().exceptionMessage() + "]" : "";
        return String.format("%-24s %10s %-28s %-20s %s%s", Instant.ofEpochMilli(s.record().raw().timestamp()), gap, s.topic(),
                s.record().raw().partition() + "@" + s.record().raw().offset(), value, dead);
    }

    private ScanProgress progress(PrintWriter err) {
        boolean terminal = System.console() != null && System.console().isTerminal();
        if (!progress && !terminal) {
            return ScanProgress.NONE;
        }
        AtomicLong last = new AtomicLong();
        return (scanned, total, matches) -> {
            long now = System.nanoTime();
            long prev = last.get();
            if ((now - prev > 1_000_000_000L || scanned == total) && last.compareAndSet(prev, now)) {
                synchronized (err) {
                    err.println("backtrack: scanned " + scanned + " of " + total + " offsets, " + matches + " match(es)");
                    err.flush();
                }
            }
        };
    }
}
