package dev.backtrack.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.BacktrackException;
import dev.backtrack.browse.Cancellation;
import dev.backtrack.codec.RecordDecoder;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.profile.ProfileConnections;
import dev.backtrack.redrive.CelValueEdit;
import dev.backtrack.redrive.DeadLetter;
import dev.backtrack.redrive.DeadLetterFilters;
import dev.backtrack.redrive.DeadLetterReader;
import dev.backtrack.redrive.RedriveJournal;
import dev.backtrack.redrive.RedriveJson;
import dev.backtrack.redrive.RedriveOptions;
import dev.backtrack.redrive.RedriveReport;
import dev.backtrack.redrive.RedriveRunner;
import dev.backtrack.redrive.RedriveSelection;
import dev.backtrack.redrive.RegistryPayloadCodec;
import dev.backtrack.redrive.Triage;
import dev.backtrack.redrive.TriageGroup;
import dev.backtrack.redrive.ValueEdit;
import dev.backtrack.replay.SendListener;
import dev.backtrack.replay.SendOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backtrack dlt list|show|redrive}: understand dead letters, triage them, send them back. */
@Command(name = "dlt", mixinStandardHelpOptions = true, description = "Dead letters: list and triage, show one, redrive.",
        subcommands = {DltCommand.ListDeadLetters.class, DltCommand.Show.class, DltCommand.Redrive.class})
public final class DltCommand implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    public enum OutputFormat { JSONL, TABLE }

    @Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
            description = "List the dead letters of a dead-letter topic, or their triage groups with --group-by.")
    static final class ListDeadLetters implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DLT_TOPIC")
        String topic;
        @Mixin
        ConnectionOptions connection;
        @Option(names = "--group-by", paramLabel = "exception|topic|time", description = "Group by exception class + message pattern, original topic, or time bucket.")
        Triage.GroupBy groupBy;
        @Option(names = "--bucket", paramLabel = "DURATION", description = "Time bucket for --group-by time (ISO-8601, default PT1H).")
        Duration bucket = Duration.ofHours(1);
        @Option(names = "--filter", paramLabel = "CEL", description = "Only dead letters matching this CEL filter.")
        String filter;
        @Option(names = "--format", paramLabel = "jsonl|table", description = "Output format (default jsonl).")
        OutputFormat format = OutputFormat.JSONL;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            KafkaClients clients = connection.clients();
            PrintWriter out = spec.commandLine().getOut();
            var predicate = filter == null ? (java.util.function.Predicate<DeadLetter>) l -> true
                    : DeadLetterFilters.cel(filter, new RecordDecoder(clients.settings().registry()));
            DeadLetterReader reader = new DeadLetterReader(clients);
            if (groupBy != null) {
                Triage triage = new Triage(groupBy, bucket);
                reader.read(topic, List.of(), predicate, triage::add, Cancellation.none());
                List<TriageGroup> groups = triage.groups();
                if (format == OutputFormat.TABLE) {
                    out.printf("%8s  %-24s  %-24s  %s%n", "COUNT", "FIRST", "LAST", "GROUP");
                    groups.forEach(g -> out.printf("%8d  %-24s  %-24s  %s%n", g.count(), g.first(), g.last(), g.key()));
                } else {
                    groups.forEach(g -> out.println(RedriveJson.group(g)));
                }
            } else {
                if (format == OutputFormat.TABLE) {
                    out.printf("%-4s %-10s %-24s %-30s %s%n", "P", "OFFSET", "ORIGIN", "EXCEPTION", "MESSAGE");
                }
                reader.read(topic, List.of(), predicate, batch -> batch.forEach(l -> {
                    if (format == OutputFormat.TABLE) {
                        String origin = l.origin() == null ? l.originalTopic().orElse("?")
                                : l.origin().topic() + "/" + l.origin().partition() + "@" + l.origin().offset();
                        out.printf("%-4d %-10d %-24s %-30s %s%n", l.record().partition(), l.record().offset(), origin,
                                shortClass(l.exceptionClass()), firstLine(l.exceptionMessage()));
                    } else {
                        out.println(RedriveJson.deadLetter(l, false));
                    }
                }), Cancellation.none());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one dead letter in full (all headers understood, stack traces, raw problems).")
    static final class Show implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DLT_TOPIC")
        String topic;
        @Parameters(index = "1", paramLabel = "OFFSET")
        long offset;
        @Option(names = {"-p", "--partition"}, paramLabel = "P", description = "Partition (default 0).")
        int partition;
        @Mixin
        ConnectionOptions connection;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            DeadLetter letter = new DeadLetterReader(connection.clients()).readOne(topic, partition, offset)
                    .orElseThrow(() -> new BacktrackException("there is no record at " + topic + "/" + partition + "@" + offset));
            var node = RedriveJson.deadLetter(letter, true);
            var decoded = new RecordDecoder(connection.settings().registry()).decode(letter.record());
            node.set("key", decoded.key().json());
            node.set("value", decoded.value().json());
            if (decoded.value().failed()) {
                node.put("valueError", decoded.value().error());
            }
            spec.commandLine().getOut().println(node.toPrettyString());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "redrive", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Send dead letters back to their original topic (or another), optionally edited; journaled so nothing is resent by accident.")
    static final class Redrive implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DLT_TOPIC")
        String topic;
        @Mixin
        ConnectionOptions connection;
        @Option(names = "--filter", paramLabel = "CEL", description = "Only dead letters matching this CEL filter (key, value, headers, offset, ...).")
        String filter;
        @Option(names = "--group", paramLabel = "G", description = "Only the dead letters of this triage group (as 'dlt list --group-by' names it).")
        String group;
        @Option(names = "--group-by", paramLabel = "exception|topic|time", description = "The grouping --group refers to (default exception).")
        Triage.GroupBy groupBy = Triage.GroupBy.EXCEPTION;
        @Option(names = "--to", paramLabel = "TOPIC", description = "Target topic (default: each dead letter's original topic).")
        String to;
        @Option(names = "--to-profile", paramLabel = "NAME", description = "Send to the cluster of this saved profile (default: the source's).")
        String toProfile;
        @Option(names = "--partition", paramLabel = "key|original", description = "Partition by key (default) or the original partition.")
        RedriveOptions.Partitioning partitioning = RedriveOptions.Partitioning.KEY;
        @Option(names = "--keep-dlt-headers", description = "Keep the dead-letter/error headers (default: strip them).")
        boolean keepHeaders;
        @Option(names = "--timestamps", paramLabel = "now|keep", description = "Timestamp: now (default) or the original CreateTime.")
        RedriveOptions.Timestamps timestamps = RedriveOptions.Timestamps.NOW;
        @Option(names = "--set", paramLabel = "PATH=JSON", description = "Set a value field (JSON pointer or dotted path), e.g. status=\"RETRY\". Repeatable.")
        List<String> sets = new ArrayList<>();
        @Option(names = "--patch", paramLabel = "FILE", description = "Apply an RFC 6902 JSON Patch file to every value.")
        Path patch;
        @Option(names = "--edit-cel", paramLabel = "CEL", description = "A CEL expression producing the new value from 'value'.")
        String editCel;
        @Option(names = "--max-redrives", paramLabel = "N", description = "Refuse records that already came back N times (default 5).")
        int maxRedrives = RedriveOptions.DEFAULT_MAX_REDRIVES;
        @Option(names = "--force-resend", description = "Send even dead letters the journal says were already redriven.")
        boolean force;
        @Option(names = "--dry-run", description = "Report what would be sent, with diffs of the first edits; send nothing.")
        boolean dryRun;
        @Option(names = "--preview", paramLabel = "N", description = "How many edit diffs the report shows (default 5).")
        int preview = 5;
        @Option(names = "--yes", description = "Send without asking (required when not on a terminal).")
        boolean yes;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            KafkaClients clients = connection.clients();
            PrintWriter err = spec.commandLine().getErr();
            RedriveOptions options = new RedriveOptions(to, partitioning, keepHeaders, timestamps, edit(), maxRedrives, force, dryRun, preview);
            RedriveSelection selection = RedriveSelection.all(topic);
            if (filter != null) {
                selection = selection.and(DeadLetterFilters.cel(filter, new RecordDecoder(clients.settings().registry())), "filter " + filter);
            }
            if (group != null) {
                selection = selection.andGroup(groupBy, group);
            }
            KafkaClients target = toProfile == null ? clients
                    : new KafkaClients(ProfileConnections.resolve(toProfile), ProfileConnections.writeGuard());
            RedriveRunner runner = new RedriveRunner(clients, target, RegistryPayloadCodec.of(clients.settings().registry()),
                    RedriveJournal.defaultDataDir(), SendOptions.defaults());
            if (!dryRun && !yes) {
                java.io.Console console = System.console();
                if (console == null || !console.isTerminal()) {
                    throw new BacktrackException("add --yes to redrive from " + topic + " (or --dry-run to only preview)");
                }
                RedriveReport preview = runner.run(selection, options.withDryRun(true), SendListener.NONE, Cancellation.none());
                err.println(RedriveJson.report(preview).toPrettyString());
                err.print("Send " + preview.sent() + " record(s)? [y/N] ");
                err.flush();
                String answer = console.readLine();
                if (answer == null || !(answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"))) {
                    err.println("nothing sent");
                    return 1;
                }
            }
            Cancellation cancellation = new Cancellation();
            Thread hook = new Thread(cancellation::cancel, "redrive-cancel");
            Runtime.getRuntime().addShutdownHook(hook);
            RedriveReport report;
            ProgressPrinter progress = ProgressPrinter.forStderr(err, p -> String.format("redrive: sent %d, acknowledged %d, failed %d, %.0f records/s",
                    p.sent(), p.acknowledged(), p.failed(), p.recordsPerSecond()));
            try {
                report = runner.run(selection, options, progress, cancellation);
            } finally {
                progress.end();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C: the hook already ran and cancelled the redrive
                }
            }
            spec.commandLine().getOut().println(RedriveJson.report(report).toPrettyString());
            spec.commandLine().getOut().flush();
            return report.failed() > 0 || report.cancelled() ? 1 : 0;
        }

        private ValueEdit edit() {
            int kinds = (sets.isEmpty() ? 0 : 1) + (patch == null ? 0 : 1) + (editCel == null ? 0 : 1);
            if (kinds > 1) {
                throw new BacktrackException("use one of --set, --patch or --edit-cel, not several");
            }
            if (!sets.isEmpty()) {
                return new ValueEdit.SetFields(sets.stream().map(ValueEdit.Assignment::parse).toList());
            }
            if (patch != null) {
                try {
                    JsonNode ops = JSON.readTree(Files.readString(patch));
                    return new ValueEdit.Patch(ops);
                } catch (IOException e) {
                    throw new BacktrackException("cannot read the JSON Patch file " + patch + ": " + e.getMessage(), e);
                }
            }
            return editCel == null ? null : CelValueEdit.compile(editCel);
        }
    }

    static String shortClass(String fqcn) {
        return fqcn == null ? "-" : fqcn.substring(fqcn.lastIndexOf('.') + 1);
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 100 ? line.substring(0, 100) + "…" : line;
    }
}
