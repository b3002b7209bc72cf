package dev.backtrack.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.BacktrackException;
import dev.backtrack.browse.BrowseOrder;
import dev.backtrack.browse.BrowseRequest;
import dev.backtrack.browse.Browser;
import dev.backtrack.browse.Cancellation;
import dev.backtrack.browse.EndBound;
import dev.backtrack.browse.LiveTail;
import dev.backtrack.browse.Page;
import dev.backtrack.browse.Position;
import dev.backtrack.browse.RecordJson;
import dev.backtrack.codec.DecodedRecord;
import dev.backtrack.codec.DecoderChoice;
import dev.backtrack.codec.Format;
import dev.backtrack.codec.RecordDecoder;
import dev.backtrack.filter.RecordFilter;
import dev.backtrack.kafka.KafkaClients;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.IsolationLevel;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code backtrack browse TOPIC}: prints records of a bounded range (or follows the topic) as JSON lines or
 * a table. stdout carries only records; warnings and progress go to stderr.
 */
@Command(name = "browse", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print records of a topic: from an offset, a time, the last N, or the beginning; optionally filtered.")
public final class BrowseCommand implements Callable<Integer> {
    static final int DEFAULT_LIMIT = 100;
    private static final int MAX_PAGE = 500;

    public enum OutputFormat { JSONL, TABLE }

    @Parameters(index = "0", paramLabel = "TOPIC", description = "Topic to read.")
    String topic;

    @Mixin
    ConnectionOptions connection;

    @Option(names = {"-p", "--partition"}, split = ",", paramLabel = "P", description = "Partitions to read (default: all).")
    List<Integer> partitions = List.of();

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Start start;

    static final class Start {
        @Option(names = "--from", paramLabel = "OFFSET", description = "Start at this offset (in each chosen partition).")
        Long offset;
        @Option(names = "--from-time", paramLabel = "ISO", description = "Start at the first record at or after this time (e.g. 2026-11-27T10:00:00Z).")
        String time;
        @Option(names = "--last", paramLabel = "N", description = "The newest N records across the chosen partitions.")
        Integer last;
        @Option(names = "--from-beginning", description = "Start at the first record (default).")
        boolean beginning;
        @Option(names = "--from-end", description = "Start at the end: only new records (use with --follow).")
        boolean end;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Stop stop;

    static final class Stop {
        @Option(names = "--to", paramLabel = "OFFSET", description = "Stop before this offset (exclusive).")
        Long offset;
        @Option(names = "--to-time", paramLabel = "ISO", description = "Stop before the first record at or after this time (exclusive).")
        String time;
    }

    @Option(names = "--limit", paramLabel = "N", description = "Print at most N records (default: " + DEFAULT_LIMIT
            + ", or N of --last; 0 = no limit).")
    Integer limit;

    @Option(names = "--filter", paramLabel = "CEL", description = "Only records matching this CEL expression, e.g. value.status == 'FAILED'.")
    String filter;

    @Option(names = "--contains", paramLabel = "TEXT", description = "Only records whose key, value or headers contain TEXT.")
    String contains;

    @Option(names = "--ignore-case", description = "--contains ignores case.")
    boolean ignoreCase;

    @Option(names = "--committed", description = "read_committed: hide aborted and open transactions (default: read_uncommitted, aborted records marked).")
    boolean committed;

    @Option(names = "--key-format", paramLabel = "F", description = "Key decoder: ${COMPLETION-CANDIDATES} (default: auto-detect).")
    Format keyFormat;

    @Option(names = "--value-format", paramLabel = "F", description = "Value decoder: ${COMPLETION-CANDIDATES} (default: auto-detect).")
    Format valueFormat;

    @Option(names = "--order", paramLabel = "timestamp|partition", defaultValue = "timestamp",
            description = "Merge partitions by timestamp, or print partition by partition (default: ${DEFAULT-VALUE}).")
    BrowseOrder order;

    @Option(names = "--format", paramLabel = "jsonl|table", defaultValue = "jsonl", description = "Output format (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--follow", description = "After the range, keep printing new records until the limit or Ctrl-C.")
    boolean follow;

    @Option(names = "--progress", description = "Report progress on stderr (default: only when stderr is a terminal).")
    boolean progress;

    @Spec
    CommandSpec spec;

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        BrowseRequest request = request();
        KafkaClients clients = connection.clients();
        Browser browser = new Browser(clients, new RecordDecoder(clients.settings().registry()));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long max = effectiveLimit();
        Cancellation cancellation = new Cancellation();
        Thread hook = new Thread(cancellation::cancel, "backtrack-browse-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        long printed = 0;
        try {
            if (table()) {
                out.println(String.format("%-4s %-12s %-24s %-24s %s", "P", "OFFSET", "TIMESTAMP", "KEY", "VALUE"));
            }
            if (!(request.position() instanceof Position.End)) {
                Page page = browser.read(request.withPageSize(pageSize(max, 0)), cancellation);
                page.warnings().forEach(w -> err.println("backtrack: warning: " + w));
                while (true) {
                    printed += print(page, out, max - printed, max == 0);
                    report(err, page, printed);
                    if (cancellation.isCancelled() || !page.hasNext() || max != 0 && printed >= max) {
                        break;
                    }
                    page = browser.next(page, pageSize(max, printed), cancellation);
                }
            }
            if (follow && !cancellation.isCancelled() && (max == 0 || printed < max)) {
                printed += follow(browser, request, out, max == 0 ? 0 : max - printed, cancellation);
            }
            out.flush();
            return 0;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting (Ctrl-C): the hook already ran
            }
        }
    }

    private long follow(Browser browser, BrowseRequest request, PrintWriter out, long remaining, Cancellation cancellation)
            throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong count = new AtomicLong();
        try (LiveTail tail = browser.tail(request, new LiveTail.Listener() {
            @Override
            public void onBatch(List<DecodedRecord> batch) {
                for (DecodedRecord r : batch) {
                    if (remaining != 0 && count.get() >= remaining) {
                        done.countDown();
                        return;
                    }
                    out.println(line(r, null));
                    count.incrementAndGet();
                }
                out.flush();
                if (remaining != 0 && count.get() >= remaining) {
                    done.countDown();
                }
            }

            @Override
            public void onStopped() {
                done.countDown();
            }
        })) {
            cancellation.onCancel(done::countDown);
            done.await();
        }
        return count.get();
    }

    private int print(Page page, PrintWriter out, long remaining, boolean unlimited) {
        int n = 0;
        for (DecodedRecord r : page.records()) {
            if (!unlimited && n >= remaining) {
                break;
            }
            out.println(line(r, page));
            n++;
        }
        out.flush();
        return n;
    }

    private String line(DecodedRecord r, Page page) {
        if (!table()) {
            try {
                return json.writeValueAsString(RecordJson.of(r, page));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        String mark = page != null && page.isAborted(r) ? " [aborted]" : "";
        String error = r.hasError() ? " [" + (r.key().failed() ? r.key().error() : r.value().error()) + "]" : "";
        return String.format("%-4d %-12d %-24s %-24s %s%s%s", r.raw().partition(), r.raw().offset(),
                Instant.ofEpochMilli(r.raw().timestamp()), cut(r.key().text(), 24), cut(r.value().text(), 120), mark, error);
    }

    private static String cut(String s, int width) {
        if (s == null) {
            return "null";
        }
        String oneLine = s.replace('\n', ' ');
        return oneLine.length() <= width ? oneLine : oneLine.substring(0, width - 1) + "…";
    }

    private boolean table() {
        return format == OutputFormat.TABLE;
    }

    private void report(PrintWriter err, Page page, long printed) {
        boolean terminal = System.console() != null && System.console().isTerminal();
        if (progress || terminal) {
            err.println("backtrack: " + printed + " records printed (" + page.scanned() + " scanned in the last page)");
            err.flush();
        }
    }

    private long effectiveLimit() {
        if (limit != null) {
            if (limit < 0) {
                throw new BacktrackException("--limit must be 0 (no limit) or more, was " + limit);
            }
            return limit;
        }
        return start != null && start.last != null ? start.last : DEFAULT_LIMIT;
    }

    private static int pageSize(long max, long printed) {
        return (int) (max == 0 ? MAX_PAGE : Math.max(1, Math.min(MAX_PAGE, max - printed)));
    }

    BrowseRequest request() {
        Position position = Position.BEGINNING;
        if (start != null) {
            if (start.offset != null) {
                if (start.offset < 0) {
                    throw new BacktrackException("--from must be an offset >= 0, was " + start.offset);
                }
                position = new Position.AtOffset(start.offset);
            } else if (start.time != null) {
                position = new Position.AtTimestamp(parseTime(start.time, "--from-time"));
            } else if (start.last != null) {
                if (start.last <= 0) {
                    throw new BacktrackException("--last must be more than 0, was " + start.last);
                }
                position = new Position.LastN(start.last);
            } else if (start.end) {
                position = Position.END;
            }
        }
        EndBound end = EndBound.CURRENT_END;
        if (stop != null) {
            if (stop.offset != null) {
                if (stop.offset < 0) {
                    throw new BacktrackException("--to must be an offset >= 0, was " + stop.offset);
                }
                end = new EndBound.BeforeOffset(stop.offset);
            } else if (stop.time != null) {
                end = new EndBound.BeforeTime(parseTime(stop.time, "--to-time"));
            }
        }
        if (follow && stop != null) {
            throw new BacktrackException("--follow cannot be combined with --to or --to-time");
        }
        RecordFilter recordFilter = RecordFilter.both(filter == null ? null : RecordFilter.cel(filter),
                contains == null ? null : RecordFilter.contains(contains, ignoreCase));
        return BrowseRequest.of(topic).withPartitions(partitions).withPosition(position).withEnd(end)
                .withIsolation(committed ? IsolationLevel.READ_COMMITTED : IsolationLevel.READ_UNCOMMITTED)
                .withDecoders(new DecoderChoice(keyFormat, valueFormat)).withFilter(recordFilter).withOrder(order);
    }

    /** ISO instant, offset date-time, local date-time (UTC) or date (UTC midnight). */
    static Instant parseTime(String text, String option) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notInstant) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException notOffset) {
                try {
                    return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notLocal) {
                    try {
                        return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
                    } catch (DateTimeParseException e) {
                        throw new BacktrackException(option + " needs an ISO-8601 time such as 2026-11-27T10:00:00Z, got '" + text + "'");
                    }
                }
            }
        }
    }
}
