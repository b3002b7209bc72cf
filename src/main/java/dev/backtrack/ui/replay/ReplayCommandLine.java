package dev.backtrack.ui.replay;

import dev.backtrack.browse.PartitionRange;
import dev.backtrack.replay.Delivery;
import dev.backtrack.replay.HeaderPolicy;
import dev.backtrack.replay.BatchCompression;
import dev.backtrack.replay.Pace;
import dev.backtrack.replay.PartitionMapping;
import dev.backtrack.replay.ReplayPlan;
import dev.backtrack.replay.ReplayRange;
import dev.backtrack.replay.ReplaySource;
import dev.backtrack.replay.TimestampPolicy;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.IsolationLevel;

/**
 * Renders a replay plan as the equivalent {@code backtrack replay …} command line (pure, no I/O). The CLI has
 * one offset range for all partitions, so a plan with a different range per partition becomes one command per
 * partition joined by {@code &&}; what the CLI cannot express is listed in {@link Rendered#notes()}.
 */
public final class ReplayCommandLine {
    private static final String PROGRAM = "./backtrack";

    private ReplayCommandLine() {
    }

    /** The commands (argument lists without the program name) and what they cannot express. */
    public record Rendered(List<List<String>> commands, List<String> notes) {
        public Rendered {
            commands = commands.stream().map(List::copyOf).toList();
            notes = List.copyOf(notes);
        }

        /** The shell text: each command quoted for a POSIX shell, joined by {@code &&}. */
        public String shell() {
            return String.join(" && ", commands.stream().map(ReplayCommandLine::shell).toList());
        }
    }

    /**
     * {@code sourceProfile}/{@code targetProfile}: the saved profile names of the source and target connections
     * (null for an ad-hoc connection: its bootstrap and registry are written out); {@code sameConnection} when
     * the target is the source's connection; {@code sourcePartitionCount} to tell "create like the source" apart.
     */
    public static Rendered render(ReplayPlan plan, String sourceProfile, String targetProfile, boolean sameConnection,
                                  int sourcePartitionCount) {
        if (!(plan.source() instanceof ReplaySource.Topic source)) {
            throw new IllegalArgumentException("only topic sources have a replay command line");
        }
        List<String> notes = new ArrayList<>();
        List<String> common = new ArrayList<>();
        common.add("--to");
        common.add(plan.target().topic());
        if (sourceProfile != null) {
            common.addAll(List.of("--profile", sourceProfile));
        } else {
            common.addAll(List.of("--bootstrap", source.connection().bootstrapServers()));
            if (source.connection().registry() != null) {
                common.addAll(List.of("--registry", source.connection().registry().url()));
            }
        }
        if (!sameConnection) {
            if (targetProfile != null) {
                common.addAll(List.of("--target-profile", targetProfile));
            } else {
                common.addAll(List.of("--target-bootstrap", plan.target().connection().bootstrapServers()));
                if (plan.target().connection().registry() != null) {
                    common.addAll(List.of("--target-registry", plan.target().connection().registry().url()));
                }
            }
        }
        if (source.isolation() == IsolationLevel.READ_UNCOMMITTED) {
            common.add("--read-uncommitted");
        }
        if (plan.target().create() != null) {
            Integer n = plan.target().create().partitions();
            common.add("--create-target");
            if (n != null && n != sourcePartitionCount) {
                notes.add("the CLI creates the target with the source's " + sourcePartitionCount + " partitions, not " + n
                        + "; create the topic first to get " + n);
            }
        }
        common.addAll(options(plan));
        List<List<String>> commands = new ArrayList<>();
        switch (source.range()) {
            case ReplayRange.PerPartition per -> {
                if (per.ranges().size() > 1) {
                    notes.add("the CLI takes one offset range for all partitions: one command per partition (each its own replay)");
                }
                for (PartitionRange r : per.ranges()) {
                    List<String> argv = head(source.topic());
                    argv.addAll(List.of("-p", String.valueOf(r.partition()), "--from", String.valueOf(r.from()),
                            "--to-offset", String.valueOf(r.to())));
                    argv.addAll(common);
                    commands.add(argv);
                }
            }
            case ReplayRange range -> {
                List<String> argv = head(source.topic());
                if (!source.partitions().isEmpty()) {
                    argv.addAll(List.of("-p", String.join(",", source.partitions().stream().map(String::valueOf).toList())));
                }
                argv.addAll(range(range));
                argv.addAll(common);
                commands.add(argv);
            }
        }
        return new Rendered(commands, notes);
    }

    private static List<String> head(String topic) {
        List<String> argv = new ArrayList<>();
        argv.add("replay");
        argv.add(topic);
        return argv;
    }

    private static List<String> range(ReplayRange range) {
        return switch (range) {
            case ReplayRange.All all -> List.of();
            case ReplayRange.Offsets(Long from, Long to) -> {
                List<String> out = new ArrayList<>();
                if (from != null) {
                    out.addAll(List.of("--from", String.valueOf(from)));
                }
                if (to != null) {
                    out.addAll(List.of("--to-offset", String.valueOf(to)));
                }
                yield out;
            }
            case ReplayRange.TimeWindow(java.time.Instant from, java.time.Instant to) -> {
                List<String> out = new ArrayList<>();
                if (from != null) {
                    out.addAll(List.of("--from-time", from.toString()));
                }
                if (to != null) {
                    out.addAll(List.of("--to-time", to.toString()));
                }
                yield out;
            }
            case ReplayRange.LastN(long n) -> List.of("--last", String.valueOf(n));
            case ReplayRange.PerPartition per -> throw new IllegalStateException("handled by the caller");
        };
    }

    private static List<String> options(ReplayPlan plan) {
        List<String> out = new ArrayList<>();
        if (plan.filter() != null) {
            out.addAll(List.of("--filter", plan.filter()));
        }
        if (!(plan.mapping() instanceof PartitionMapping.Same)) {
            out.addAll(List.of("--partitions", PartitionMapping.describe(plan.mapping())));
        }
        if (!(plan.timestamps() instanceof TimestampPolicy.Keep)) {
            out.addAll(List.of("--timestamps", TimestampPolicy.describe(plan.timestamps())));
        }
        HeaderPolicy h = plan.headers();
        if (h.dropAll()) {
            out.add("--drop-all-headers");
        }
        h.keep().forEach(g -> out.addAll(List.of("--keep-header", g)));
        h.drop().forEach(g -> out.addAll(List.of("--drop-header", g)));
        if (!h.provenance()) {
            out.add("--no-provenance");
        }
        if (plan.reregisterSchemas()) {
            out.add("--reregister");
        }
        switch (plan.pace()) {
            case Pace.AsFastAsPossible fast -> { }
            case Pace.RateLimit(double rate) -> out.addAll(List.of("--rate", number(rate)));
            case Pace.Original(double speedUp) -> out.addAll(List.of("--pace", speedUp == 1 ? "original" : "original:x" + number(speedUp)));
        }
        if (plan.exactlyOnce()) {
            out.add("--exactly-once");
        }
        if (plan.commitEvery() != Delivery.SINGLE_TRANSACTION) {
            out.addAll(List.of("--commit-every", String.valueOf(plan.commitEvery())));
        }
        if (plan.verify()) {
            out.add("--verify");
        }
        if (plan.compression() != BatchCompression.AUTO) {
            out.addAll(List.of("--compression", plan.compression().codec()));
        }
        return out;
    }

    private static String number(double d) {
        return d == Math.rint(d) && !Double.isInfinite(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    static String shell(List<String> argv) {
        StringBuilder sb = new StringBuilder(PROGRAM);
        for (String a : argv) {
            sb.append(' ').append(quote(a));
        }
        return sb.toString();
    }

    static String quote(String s) {
        if (!s.isEmpty() && s.matches("[A-Za-z0-9._:/@=,+%-]+")) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
