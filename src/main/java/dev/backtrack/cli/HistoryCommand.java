package dev.backtrack.cli;

import dev.backtrack.BacktrackException;
import dev.backtrack.browse.Cancellation;
import dev.backtrack.history.AsOf;
import dev.backtrack.history.FieldChange;
import dev.backtrack.history.HistoryJson;
import dev.backtrack.history.KeyHistory;
import dev.backtrack.history.KeyHistoryFinder;
import dev.backtrack.history.KeySpec;
import dev.backtrack.history.KeyVersion;
import dev.backtrack.history.ScanProgress;
import dev.backtrack.history.TimeWindow;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code backtrack history TOPIC --key K}: every version of a key with a structural diff between versions
 * (Debezium change events: the event's own before → after), or with {@code --as-of} the state at an instant.
 * stdout carries the versions (or the one as-of answer); notes and progress go to stderr.
 */
@Command(name = "history", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The history of one key in a topic: every version with what changed, or its state at a given time.")
public final class HistoryCommand implements Callable<Integer> {
    public enum OutputFormat { JSONL, TABLE }

    @Parameters(index = "0", paramLabel = "TOPIC")
    String topic;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--key", required = true, paramLabel = "K",
            description = "The key: text, JSON ({\"id\":42}, matched structurally), hex:0a1b... or base64:...")
    String key;

    @Option(names = "--from-time", paramLabel = "ISO", description = "Only versions at or after this time.")
    String fromTime;

    @Option(names = "--to-time", paramLabel = "ISO", description = "Only versions at or before this time.")
    String toTime;

    @Option(names = "--as-of", paramLabel = "ISO",
            description = "Print only the state at this instant: the last version at or before it (a record exactly at it counts).")
    String asOf;

    @Option(names = "--all-partitions", description = "Search every partition, not only the one the default partitioner puts the key in.")
    boolean allPartitions;

    @Option(names = "--format", paramLabel = "jsonl|table", defaultValue = "jsonl", description = "Output format (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--progress", description = "Report progress on stderr (default: only when stderr is a terminal).")
    boolean progress;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Instant from = fromTime == null ? null : BrowseCommand.parseTime(fromTime, "--from-time");
        Instant to = toTime == null ? null : BrowseCommand.parseTime(toTime, "--to-time");
        Instant at = asOf == null ? null : BrowseCommand.parseTime(asOf, "--as-of");
        if (at != null && to == null) {
            to = at;
        }
        TimeWindow window;
        try {
            window = new TimeWindow(from, to);
        } catch (IllegalArgumentException e) {
            throw new BacktrackException(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Cancellation cancellation = new Cancellation();
        Thread hook = new Thread(cancellation::cancel, "backtrack-history-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            KeyHistory history = new KeyHistoryFinder(connection.clients()).find(topic, KeySpec.parse(key), window, allPartitions,
                    progress(err), cancellation);
            history.notes().forEach(n -> err.println("backtrack: note: " + n));
            err.println("backtrack: " + history.versions().size() + " version(s) of key '" + key + "' in partition(s) "
                    + history.foundIn() + " (" + history.recordsScanned() + " records scanned)");
            err.flush();
            if (at != null) {
                AsOf answer = history.stateAsOf(at);
                if (format == OutputFormat.TABLE) {
                    out.println(answer.explanation());
                    out.println(answer.state() == null ? "null" : answer.state().toPrettyString());
                } else {
                    out.println(HistoryJson.asOf(answer).toString());
                }
            } else {
                if (format == OutputFormat.TABLE) {
                    out.println(String.format("%-24s %-20s %-13s %s", "TIMESTAMP", "RECORD", "KIND", "CHANGES"));
                }
                for (KeyVersion v : history.versions()) {
                    out.println(format == OutputFormat.TABLE ? row(v) : HistoryJson.version(v).toString());
                }
            }
            out.flush();
            return 0;
        } finally {
            removeHook(hook);
        }
    }

    private static String row(KeyVersion v) {
        String changes = v.diff().isEmpty() ? (v.deleted() ? "(deleted)" : "(no change)")
                : String.join("; ", v.diff().stream().map(FieldChange::describe).toList());
        return String.format("%-24s %-20s %-13s %s", v.time(), v.record().raw().partition() + "@" + v.record().raw().offset(),
                v.kind().name().toLowerCase(java.util.Locale.ROOT), changes);
    }

    private ScanProgress progress(PrintWriter err) {
        boolean terminal = System.console() != null && System.console().isTerminal();
        if (!progress && !terminal) {
            return ScanProgress.NONE;
        }
        java.util.concurrent.atomic.AtomicLong last = new java.util.concurrent.atomic.AtomicLong();
        return (scanned, total, matches) -> {
            long now = System.nanoTime();
            long prev = last.get();
            if ((now - prev > 1_000_000_000L || scanned == total) && last.compareAndSet(prev, now)) {
                synchronized (err) {
                    err.println("backtrack: scanned " + scanned + " of " + total + " offsets, " + matches + " version(s)");
                    err.flush();
                }
            }
        };
    }

    static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting (Ctrl-C): the hook already ran
        }
    }
}
