package dev.backtrack.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backtrack.BacktrackException;
import dev.backtrack.kafka.ConsumerGroups;
import dev.backtrack.kafka.GroupInfo;
import dev.backtrack.kafka.GroupLag;
import dev.backtrack.kafka.GroupMember;
import dev.backtrack.kafka.GroupOffsetReset;
import dev.backtrack.kafka.GroupSummary;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.OffsetReset;
import dev.backtrack.kafka.OffsetResetPlan;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code backtrack groups [list | show G | reset G ...]}: consumer groups with lag, and offset resets
 * (preview first; applied only with no active members, after confirmation or --yes).
 */
@Command(name = "groups", mixinStandardHelpOptions = true,
        description = "List consumer groups, show lag per partition (offsets and time), reset a group's offsets.",
        subcommands = {GroupsCommand.ListGroups.class, GroupsCommand.Show.class, GroupsCommand.Reset.class})
public final class GroupsCommand implements Callable<Integer> {
    public enum OutputFormat { JSONL, TABLE }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--format", paramLabel = "jsonl|table", defaultValue = "table", description = "Output format (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Spec
    CommandSpec spec;

    /** Without a subcommand: the group list. */
    @Override
    public Integer call() {
        return list(connection.clients(), format, spec.commandLine().getOut());
    }

    static int list(KafkaClients clients, OutputFormat format, PrintWriter out) {
        List<GroupSummary> groups = new ConsumerGroups(clients).list();
        if (format == OutputFormat.TABLE) {
            out.println(String.format("%-40s %-9s %-20s %s", "GROUP", "TYPE", "STATE", "PROTOCOL"));
        }
        for (GroupSummary g : groups) {
            out.println(format == OutputFormat.TABLE
                    ? String.format("%-40s %-9s %-20s %s", g.groupId(), g.type(), g.state(), g.protocol())
                    : JSON.valueToTree(g).toString());
        }
        out.flush();
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List consumer groups (classic and consumer protocol).")
    static final class ListGroups implements Callable<Integer> {
        @Mixin
        ConnectionOptions connection;

        @Option(names = "--format", paramLabel = "jsonl|table", defaultValue = "table", description = "Output format (default: ${DEFAULT-VALUE}).")
        OutputFormat format;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return list(connection.clients(), format, spec.commandLine().getOut());
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "A group's state, members and, per partition, committed offset, end offset, lag and time lag.")
    static final class Show implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "GROUP")
        String group;

        @Mixin
        ConnectionOptions connection;

        @Option(names = "--format", paramLabel = "jsonl|table", defaultValue = "table", description = "Output format (default: ${DEFAULT-VALUE}).")
        OutputFormat format;

        @Option(names = "--no-time-lag", description = "Skip reading the committed records' timestamps (time lag).")
        boolean noTimeLag;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            GroupInfo info = new ConsumerGroups(connection.clients()).describe(group, !noTimeLag);
            PrintWriter out = spec.commandLine().getOut();
            if (format == OutputFormat.JSONL) {
                out.println(json(info).toString());
            } else {
                out.println("group " + info.groupId() + "  type " + info.type() + "  state " + info.state() + "  members "
                        + info.members().size() + "  total lag " + info.totalLag()
                        + (info.maxTimeLag() == null ? "" : "  max time lag " + human(info.maxTimeLag())));
                for (GroupMember m : info.members()) {
                    out.println("member " + m.memberId() + "  client " + m.clientId() + "  host " + m.host() + "  partitions "
                            + m.assigned().stream().map(tp -> tp.topic() + "-" + tp.partition()).toList());
                }
                out.println(String.format("%-32s %5s %12s %12s %10s %12s  %s", "TOPIC", "PART", "COMMITTED", "END", "LAG", "TIME-LAG", "MEMBER"));
                for (GroupLag l : info.partitions()) {
                    out.println(String.format("%-32s %5d %12s %12s %10s %12s  %s", l.topic(), l.partition(),
                            l.committed() == null ? "-" : l.committed(), l.endOffset() == null ? "-" : l.endOffset(), l.lag() == null ? "-" : l.lag(),
                            l.timeLag() == null ? "-" : human(l.timeLag()), l.memberId() == null ? "-" : l.memberId()));
                }
            }
            out.flush();
            return 0;
        }

        static ObjectNode json(GroupInfo info) {
            ObjectNode out = JSON.createObjectNode();
            out.put("groupId", info.groupId());
            out.put("type", info.type());
            out.put("state", info.state());
            out.put("coordinator", info.coordinator());
            out.put("assignor", info.assignor());
            out.put("totalLag", info.totalLag());
            out.put("maxTimeLagMs", info.maxTimeLag() == null ? null : info.maxTimeLag().toMillis());
            var members = out.putArray("members");
            for (GroupMember m : info.members()) {
                ObjectNode n = members.addObject();
                n.put("memberId", m.memberId());
                n.put("groupInstanceId", m.groupInstanceId());
                n.put("clientId", m.clientId());
                n.put("host", m.host());
                var assigned = n.putArray("assigned");
                m.assigned().forEach(tp -> assigned.addObject().put("topic", tp.topic()).put("partition", tp.partition()));
            }
            var partitions = out.putArray("partitions");
            for (GroupLag l : info.partitions()) {
                ObjectNode n = partitions.addObject();
                n.put("topic", l.topic());
                n.put("partition", l.partition());
                n.put("committed", l.committed());
                n.put("endOffset", l.endOffset());
                n.put("lag", l.lag());
                n.put("committedRecordTime", l.committedRecordTime() == null ? null : l.committedRecordTime().toString());
                n.put("timeLagMs", l.timeLag() == null ? null : l.timeLag().toMillis());
                n.put("memberId", l.memberId());
            }
            return out;
        }
    }

    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = "Move a group's committed offsets on a topic. Shows the plan (from -> to per partition) first; applies only when "
                    + "the group has no active members, after confirmation (or --yes).")
    static final class Reset implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "GROUP")
        String group;

        @Mixin
        ConnectionOptions connection;

        @Option(names = "--topic", required = true, paramLabel = "TOPIC")
        String topic;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Target target;

        static final class Target {
            @Option(names = "--to-earliest", description = "The first retained offset.")
            boolean earliest;
            @Option(names = "--to-latest", description = "The end: skip everything not consumed yet.")
            boolean latest;
            @Option(names = "--to-offset", paramLabel = "N", description = "This offset (clamped to each partition's range).")
            Long offset;
            @Option(names = "--to-time", paramLabel = "ISO", description = "The first record at or after this time, e.g. 2026-11-27T14:00:00Z.")
            String time;
            @Option(names = "--shift", paramLabel = "N", description = "Move the committed offset by N (negative: re-consume).")
            Long shift;
        }

        @Option(names = {"-p", "--partition"}, split = ",", paramLabel = "P", description = "Only these partitions (default: all).")
        List<Integer> partitions = List.of();

        @Option(names = "--dry-run", description = "Only show the plan.")
        boolean dryRun;

        @Option(names = "--yes", description = "Apply without asking.")
        boolean yes;

        @Option(names = "--format", paramLabel = "jsonl|table", defaultValue = "table", description = "Output format (default: ${DEFAULT-VALUE}).")
        OutputFormat format;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            OffsetReset reset = reset();
            KafkaClients clients = connection.clients();
            GroupOffsetReset resetter = new GroupOffsetReset(clients);
            OffsetResetPlan plan = resetter.preview(group, topic, partitions, reset);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            boolean apply = !dryRun && confirmed(err, plan);
            if (apply) {
                resetter.apply(plan);
            }
            print(out, plan, apply);
            if (!apply && !dryRun) {
                err.println("backtrack: nothing changed");
            } else if (apply) {
                err.println("backtrack: offsets of group '" + group + "' on " + topic + " reset to " + reset.describe());
            }
            err.flush();
            return 0;
        }

        private boolean confirmed(PrintWriter err, OffsetResetPlan plan) {
            if (yes) {
                return true;
            }
            java.io.Console console = System.console();
            if (console == null || !console.isTerminal()) {
                throw new BacktrackException("add --yes to reset the offsets of group '" + group + "' (or --dry-run to only preview)");
            }
            plan.moves().forEach(m -> err.println("  " + topic + "-" + m.partition() + ": " + (m.from() == null ? "-" : m.from()) + " -> " + m.to()));
            err.print("Reset group '" + group + "' on " + connection.settings().name() + "? [y/N] ");
            err.flush();
            String answer = console.readLine();
            return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
        }

        private void print(PrintWriter out, OffsetResetPlan plan, boolean applied) {
            if (format == OutputFormat.TABLE) {
                out.println(String.format("%-32s %5s %12s %12s", "TOPIC", "PART", "FROM", "TO"));
            }
            for (OffsetResetPlan.Move m : plan.moves()) {
                if (format == OutputFormat.TABLE) {
                    out.println(String.format("%-32s %5d %12s %12d", topic, m.partition(), m.from() == null ? "-" : m.from(), m.to()));
                } else {
                    ObjectNode n = JSON.createObjectNode();
                    n.put("group", group).put("topic", topic).put("partition", m.partition());
                    n.put("from", m.from());
                    n.put("to", m.to()).put("applied", applied);
                    out.println(n.toString());
                }
            }
            out.flush();
        }

        private OffsetReset reset() {
            if (target.earliest) {
                return new OffsetReset.ToEarliest();
            }
            if (target.latest) {
                return new OffsetReset.ToLatest();
            }
            if (target.offset != null) {
                if (target.offset < 0) {
                    throw new BacktrackException("--to-offset must be 0 or more, was " + target.offset);
                }
                return new OffsetReset.ToOffset(target.offset);
            }
            if (target.time != null) {
                return new OffsetReset.ToTime(BrowseCommand.parseTime(target.time, "--to-time"));
            }
            return new OffsetReset.Shift(target.shift);
        }
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return d.toMillis() < 1000 ? d.toMillis() + "ms" : s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + (s % 60) + "s";
        }
        if (s < 86400) {
            return (s / 3600) + "h" + (s % 3600 / 60) + "m";
        }
        return (s / 86400) + "d" + (s % 86400 / 3600) + "h";
    }
}
