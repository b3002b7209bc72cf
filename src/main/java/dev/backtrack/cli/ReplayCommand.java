package dev.backtrack.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.backtrack.BacktrackException;
import dev.backtrack.browse.Cancellation;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.RegistrySettings;
import dev.backtrack.kafka.WriteGuard;
import dev.backtrack.profile.ProfileConnections;
import dev.backtrack.replay.ReplayPlan;
import dev.backtrack.replay.ReplayReport;
import dev.backtrack.replay.ReplayRunner;
import dev.backtrack.replay.ReplaySource;
import dev.backtrack.replay.ReplayTarget;
import dev.backtrack.replay.SendProgress;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.common.IsolationLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code backtrack replay SOURCE --to TARGET}: copies a range of records to another topic (same or other
 * cluster) faithfully; prints the report as JSON on stdout, progress on stderr.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Copy a range of records to another topic (or cluster), keeping keys, values, headers, timestamps and order.")
public final class ReplayCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SOURCE_TOPIC", description = "Topic to read.")
    String source;

    @Option(names = "--to", required = true, paramLabel = "TARGET_TOPIC", description = "Topic to write.")
    String target;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    RangeOptions range;

    @Option(names = "--target-profile", paramLabel = "NAME", description = "Write to the cluster of this profile (default: the source's).")
    String targetProfile;

    @Option(names = "--target-bootstrap", paramLabel = "HOST:PORT", description = "Write to this cluster (default: the source's).")
    String targetBootstrap;

    @Option(names = "--target-registry", paramLabel = "URL", description = "Schema registry of the target (for --reregister).")
    String targetRegistry;

    @Option(names = "--to-offset", paramLabel = "OFFSET", description = "Stop before this offset (exclusive).")
    Long toOffset;

    @Option(names = "--read-uncommitted", description = "Also replay aborted transactional records (default: read_committed).")
    boolean readUncommitted;

    @Option(names = "--reregister", description = "Re-register registry schemas in the target's registry and rewrite the schema ids.")
    boolean reregister;

    @Option(names = "--create-target", description = "Create the target topic if missing, with the source's partition count.")
    boolean createTarget;

    @Mixin
    ReplayOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ConnectionSettings sourceSettings = connection.settings();
        ConnectionSettings targetSettings = targetSettings(sourceSettings);
        // the process-wide guard audits every write; --unlock unlocks a protected --profile
        WriteGuard guard = connection.writeGuard();
        ReplaySource.Topic src = new ReplaySource.Topic(sourceSettings, source, range.partitions(),
                range.range(toOffset),
                readUncommitted ? IsolationLevel.READ_UNCOMMITTED : IsolationLevel.READ_COMMITTED);
        ReplayTarget dst = new ReplayTarget(targetSettings, target, createTarget ? ReplayTarget.Creation.likeSource() : null);
        ReplayPlan plan = options.apply(ReplayPlan.of(src, dst)).withReregisterSchemas(reregister);
        return execute(spec, options, guard, plan);
    }

    /** Shared with {@code import}: pre-flight, dry-run or run, report JSON on stdout. */
    static int execute(CommandSpec spec, ReplayOptions options, WriteGuard guard, ReplayPlan plan) throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        ProgressPrinter progress = ProgressPrinter.forStderr(err, ReplayCommand::progressText);
        ReplayRunner runner = new ReplayRunner(guard, progress);
        ReplayReport report;
        if (options.dryRun) {
            report = runner.dryRun(plan, Cancellation.none());
        } else {
            List<String> warnings = runner.preflight(plan);
            warnings.forEach(w -> err.println("backtrack: warning: " + w));
            if (!warnings.isEmpty() && !options.yes) {
                throw new BacktrackException("the pre-flight checks warn (see above); add --yes to start anyway, or --dry-run to preview");
            }
            if (!options.yes && (System.console() == null || !System.console().isTerminal())) {
                throw new BacktrackException("add --yes to write to " + plan.target().topic() + " (or --dry-run to only preview)");
            }
            Cancellation cancellation = new Cancellation();
            Thread hook = new Thread(cancellation::cancel, "backtrack-replay-cancel");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                report = runner.run(plan, cancellation);
            } finally {
                // also before an error message, which then stands on its own line
                progress.end();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is exiting (Ctrl-C): the run already stopped at its cancel
                }
            }
        }
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule()).enable(SerializationFeature.INDENT_OUTPUT)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        spec.commandLine().getOut().println(json.writeValueAsString(report));
        spec.commandLine().getOut().flush();
        return report.failed() > 0 || Boolean.FALSE.equals(report.verified()) ? 1 : 0;
    }

    /** "sent 1200/5000, 3400 records/s, ETA 1 s": a replay's progress line. */
    static String progressText(SendProgress p) {
        return "sent " + p.sent() + (p.expected() == null ? "" : "/" + p.expected()) + String.format(", %.0f records/s", p.recordsPerSecond())
                + (p.eta() == null ? "" : ", ETA " + p.eta().toSeconds() + " s") + (p.paused() ? " (paused)" : "");
    }

    private ConnectionSettings targetSettings(ConnectionSettings sourceSettings) {
        if (targetProfile != null && targetBootstrap != null) {
            throw new BacktrackException("use either --target-profile or --target-bootstrap, not both");
        }
        ConnectionSettings settings = targetProfile != null ? ProfileConnections.resolve(targetProfile)
                : targetBootstrap != null ? ConnectionSettings.plaintext(targetBootstrap) : sourceSettings;
        if (targetRegistry != null) {
            settings = settings.withRegistry(RegistrySettings.of(targetRegistry));
        }
        return settings;
    }
}
