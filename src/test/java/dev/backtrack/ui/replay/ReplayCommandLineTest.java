package dev.backtrack.ui.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.browse.PartitionRange;
import dev.backtrack.cli.ReplayCommand;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.RegistrySettings;
import dev.backtrack.replay.BatchCompression;
import dev.backtrack.replay.HeaderPolicy;
import dev.backtrack.replay.Pace;
import dev.backtrack.replay.PartitionMapping;
import dev.backtrack.replay.ReplayPlan;
import dev.backtrack.replay.ReplayRange;
import dev.backtrack.replay.ReplaySource;
import dev.backtrack.replay.ReplayTarget;
import dev.backtrack.replay.TimestampPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The "copy as CLI command" rendering, checked by parsing it back with the real replay command's picocli model. */
class ReplayCommandLineTest {
    private final ConnectionSettings source = ConnectionSettings.plaintext("broker:9092").withName("dev")
            .withRegistry(RegistrySettings.of("http://registry:8081"));
    private final ConnectionSettings other = ConnectionSettings.plaintext("other:9092").withName("staging");

    @Test
    void everyOptionSurvivesTheRoundTripThroughPicocli() {
        ReplayPlan plan = ReplayPlan.of(new ReplaySource.Topic(source, "orders", List.of(0, 2), new ReplayRange.LastN(50),
                        IsolationLevel.READ_UNCOMMITTED), new ReplayTarget(other, "orders copy", new ReplayTarget.Creation(null, null, Map.of())))
                .withFilter("value.status == 'FAILED'").withMapping(PartitionMapping.BY_KEY)
                .withTimestamps(new TimestampPolicy.ShiftTo(Instant.parse("2026-05-01T14:00:00Z")))
                .withHeaders(new HeaderPolicy(false, List.of("tenant", "x-*"), List.of("traceparent"), false))
                .withReregisterSchemas(true).withPace(new Pace.Original(2.5)).withExactlyOnce(1000).withVerify(true)
                .withCompression(BatchCompression.ZSTD);
        ReplayCommandLine.Rendered r = ReplayCommandLine.render(plan, null, "staging", false, 3);
        assertThat(r.notes()).isEmpty();
        assertThat(r.commands()).hasSize(1);
        assertThat(r.shell()).isEqualTo("./backtrack replay orders -p 0,2 --last 50 --to 'orders copy' --bootstrap broker:9092"
                + " --registry http://registry:8081 --target-profile staging --read-uncommitted --create-target"
                + " --filter 'value.status == '\\''FAILED'\\''' --partitions key --timestamps shift:2026-05-01T14:00:00Z"
                + " --keep-header tenant --keep-header 'x-*' --drop-header traceparent --no-provenance --reregister"
                + " --pace original:x2.5 --exactly-once --commit-every 1000 --verify --compression zstd");

        CommandLine.ParseResult parsed = new CommandLine(new ReplayCommand()).parseArgs(r.commands().getFirst().subList(1, r.commands().getFirst().size())
                .toArray(String[]::new));
        assertThat(parsed.matchedPositional(0).<String>getValue()).isEqualTo("orders");
        assertThat(parsed.<String>matchedOptionValue("--to", null)).isEqualTo("orders copy");
        assertThat(parsed.<List<Integer>>matchedOptionValue("-p", null)).containsExactly(0, 2);
        assertThat(parsed.<Long>matchedOptionValue("--last", null)).isEqualTo(50L);
        assertThat(parsed.<String>matchedOptionValue("--filter", null)).isEqualTo("value.status == 'FAILED'");
        assertThat(parsed.<String>matchedOptionValue("--partitions", null)).isEqualTo("key");
        assertThat(parsed.<List<String>>matchedOptionValue("--keep-header", null)).containsExactly("tenant", "x-*");
        assertThat(parsed.<String>matchedOptionValue("--pace", null)).isEqualTo("original:x2.5");
        assertThat(parsed.<Long>matchedOptionValue("--commit-every", null)).isEqualTo(1000L);
        assertThat(parsed.<String>matchedOptionValue("--target-profile", null)).isEqualTo("staging");
        assertThat(BatchCompression.parse(parsed.matchedOptionValue("--compression", null))).isEqualTo(BatchCompression.ZSTD);
        for (String flag : List.of("--read-uncommitted", "--create-target", "--no-provenance", "--reregister", "--exactly-once", "--verify")) {
            assertThat(parsed.hasMatchedOption(flag)).as(flag).isTrue();
        }
        assertThat(TimestampPolicy.parse(parsed.matchedOptionValue("--timestamps", ""))).isEqualTo(plan.timestamps());
    }

    @Test
    void perPartitionOffsetsBecomeOneCommandPerPartitionAndTheNoteSaysSo() {
        ReplayPlan plan = ReplayPlan.of(new ReplaySource.Topic(source, "orders", List.of(0, 1),
                        new ReplayRange.PerPartition(List.of(new PartitionRange(0, 10, 20), new PartitionRange(1, 5, 7))), IsolationLevel.READ_COMMITTED),
                new ReplayTarget(source, "orders-replay", new ReplayTarget.Creation(6, null, Map.of()))).withPace(new Pace.RateLimit(250));
        ReplayCommandLine.Rendered r = ReplayCommandLine.render(plan, "dev", "dev", true, 3);
        assertThat(r.shell()).isEqualTo(
                "./backtrack replay orders -p 0 --from 10 --to-offset 20 --to orders-replay --profile dev --create-target --rate 250"
                        + " && ./backtrack replay orders -p 1 --from 5 --to-offset 7 --to orders-replay --profile dev --create-target --rate 250");
        assertThat(r.notes()).hasSize(2).anyMatch(n -> n.contains("one command per partition")).anyMatch(n -> n.contains("not 6"));
        for (List<String> argv : r.commands()) {
            CommandLine.ParseResult parsed = new CommandLine(new ReplayCommand()).parseArgs(argv.subList(1, argv.size()).toArray(String[]::new));
            assertThat(parsed.<Double>matchedOptionValue("--rate", null)).isEqualTo(250.0);
            assertThat(parsed.<String>matchedOptionValue("--profile", null)).isEqualTo("dev");
        }
    }
}
