package dev.backtrack.cli;

import dev.backtrack.BacktrackException;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.replay.ReplayPlan;
import dev.backtrack.replay.ReplaySource;
import dev.backtrack.replay.ReplayTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backtrack import FILE --to TOPIC}: writes an archive's records into a topic, as a replay whose source is the archive. */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write the records of a Backtrack archive into a topic, exactly (with the replay options).")
public final class ImportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "Archive written by 'backtrack export'.")
    Path file;

    @Option(names = "--to", required = true, paramLabel = "TOPIC", description = "Topic to write.")
    String target;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--create-target", description = "Create the topic if missing, with as many partitions as the archive uses.")
    boolean createTarget;

    @Option(names = "--provenance", description = "Add backtrack.replay.* provenance headers (off by default: an import writes the archived records exactly).")
    boolean provenance;

    @Mixin
    ReplayOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new BacktrackException("archive " + file + " does not exist");
        }
        ConnectionSettings settings = connection.settings();
        ReplayTarget dst = new ReplayTarget(settings, target, createTarget ? ReplayTarget.Creation.likeSource() : null);
        ReplayPlan plan = options.apply(ReplayPlan.of(new ReplaySource.Archive(file), dst));
        plan = plan.withHeaders(plan.headers().withProvenance(provenance && !options.noProvenance));
        return ReplayCommand.execute(spec, options, connection.writeGuard(), plan);
    }
}
