package dev.backtrack.cli;

import dev.backtrack.BacktrackException;
import dev.backtrack.kafka.WriteAction;
import dev.backtrack.profile.AuditLog;
import dev.backtrack.profile.ProfileConnections;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code backtrack audit}: the local audit log, every write Backtrack made to any cluster, filtered; a table for
 * people or the log's own JSON lines for scripts. Reading it needs no cluster.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Show the audit log: every write Backtrack made to any cluster (replays, imports, redrives, produced records, "
                + "offset resets, created and deleted topics), from this machine, oldest first.")
public final class AuditCommand implements Callable<Integer> {
    public enum OutputFormat { TABLE, JSONL }

    @Option(names = "--profile", paramLabel = "NAME", description = "Only writes through this profile (or --bootstrap address).")
    String profile;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Only writes to this topic.")
    String topic;

    @Option(names = "--action", paramLabel = "ACTION",
            description = "Only this kind of write: replay, import, redrive, produce, reset-offsets, create-topic or delete.")
    String action;

    @Option(names = "--outcome", paramLabel = "written|failed", description = "Only jobs that finished (written) or stopped on an error (failed).")
    String outcome;

    @Option(names = "--since", paramLabel = "ISO", description = "Only writes at or after this time.")
    String since;

    @Option(names = "--last", paramLabel = "N", description = "Only the last N matching writes.")
    Integer last;

    @Option(names = "--format", paramLabel = "table|jsonl", defaultValue = "table",
            description = "table (default) or jsonl: the log's own lines, one JSON object each.")
    OutputFormat format;

    @Option(names = "--path", description = "Print where the audit log is kept, and nothing else.")
    boolean path;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        AuditLog log = ProfileConnections.context().audit();
        PrintWriter out = spec.commandLine().getOut();
        if (path) {
            out.println(log.file());
            out.flush();
            return 0;
        }
        WriteAction wanted = action == null ? null : action(action);
        if (outcome != null && !List.of("written", "failed").contains(outcome)) {
            throw new BacktrackException("--outcome must be written or failed, got '" + outcome + "'");
        }
        if (last != null && last < 1) {
            throw new BacktrackException("--last needs a number of at least 1, got " + last);
        }
        Instant from = since == null ? null : BrowseCommand.parseTime(since, "--since");
        AuditLog.Contents contents = log.read();
        PrintWriter err = spec.commandLine().getErr();
        if (!contents.unreadableLines().isEmpty()) {
            err.println("backtrack: warning: " + contents.unreadableLines().size() + " line(s) of " + log.file()
                    + " could not be read and are left out (line " + contents.unreadableLines().getFirst() + " first)");
        }
        List<AuditLog.Entry> shown = new ArrayList<>();
        for (AuditLog.Entry e : contents.entries()) {
            if ((profile == null || profile.equals(e.profile())) && (topic == null || topic.equals(e.topic()))
                    && (wanted == null || wanted == e.action()) && (outcome == null || outcome.equals(e.outcome()))
                    && (from == null || !e.time().isBefore(from))) {
                shown.add(e);
            }
        }
        if (last != null && shown.size() > last) {
            shown = shown.subList(shown.size() - last, shown.size());
        }
        if (format == OutputFormat.JSONL) {
            shown.forEach(e -> out.println(e.json()));
        } else {
            table(out, shown);
        }
        out.flush();
        if (contents.entries().isEmpty() && contents.unreadableLines().isEmpty()) {
            err.println("backtrack: no write has been audited yet (" + log.file() + ")");
        }
        return 0;
    }

    private static WriteAction action(String text) {
        try {
            return WriteAction.valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new BacktrackException("--action must be replay, import, redrive, produce, reset-offsets, create-topic or delete, got '"
                    + text + "'");
        }
    }

    private static void table(PrintWriter out, List<AuditLog.Entry> entries) {
        int profileWidth = Math.max(7, entries.stream().mapToInt(e -> e.profile().length()).max().orElse(0));
        int topicWidth = Math.max(5, entries.stream().mapToInt(e -> e.topic().length()).max().orElse(0));
        String row = "%-20s  %-" + profileWidth + "s  %-13s  %-" + topicWidth + "s  %-7s  %s%n";
        out.printf(row, "TIME (UTC)", "PROFILE", "ACTION", "TOPIC", "OUTCOME", "SUMMARY");
        for (AuditLog.Entry e : entries) {
            out.printf(row, e.time().truncatedTo(ChronoUnit.SECONDS), e.profile(), e.actionName(), e.topic(), e.outcome(), e.summary());
        }
    }
}
