package dev.backtrack.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.kafka.TopicCatalog;
import dev.backtrack.kafka.TopicInfo;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code backtrack topics}: the cluster's topics with partition count, replication factor and record estimate. */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "List topics with partitions, replication factor and an estimated record count.")
public final class TopicsCommand implements Callable<Integer> {
    public enum OutputFormat { TABLE, JSON }

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--internal", description = "Include internal topics (__consumer_offsets, ...).")
    boolean internal;

    @Option(names = "--format", paramLabel = "table|json", defaultValue = "table", description = "Output format (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<TopicInfo> topics = new TopicCatalog(connection.clients()).topics(internal);
        PrintWriter out = spec.commandLine().getOut();
        if (format == OutputFormat.JSON) {
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(topics));
        } else {
            int width = Math.max(5, topics.stream().mapToInt(t -> t.name().length()).max().orElse(5));
            out.printf("%-" + width + "s  %10s  %3s  %14s%n", "TOPIC", "PARTITIONS", "RF", "RECORDS(EST.)");
            for (TopicInfo t : topics) {
                out.printf("%-" + width + "s  %10d  %3d  %14d%s%n", t.name(), t.partitions(), t.replicationFactor(),
                        t.estimatedRecords(), t.internal() ? "  (internal)" : "");
            }
        }
        out.flush();
        return 0;
    }
}
