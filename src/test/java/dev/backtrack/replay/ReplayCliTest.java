package dev.backtrack.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.cli.Main;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The replay, export and import commands end to end through picocli. */
@Timeout(240)
class ReplayCliTest {
    private final String bootstrap = TestServers.bootstrap();

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void replayDryRunThenRunThenExportAndImport(@TempDir Path dir) throws Exception {
        String source = TestTopics.create(bootstrap, "cli-src", 2);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (int i = 0; i < 20; i++) {
            records.add(ReplayFixtures.record(source, i % 2, now - 1000 + i, "k" + i, "{\"n\":" + i + "}", "traceparent", "t" + i));
        }
        ReplayFixtures.produce(bootstrap, records);
        String target = TestTopics.create(bootstrap, "cli-dst", 2);

        Run dry = run("replay", source, "--to", target, "--bootstrap", bootstrap, "--dry-run", "--drop-header", "trace*");
        assertThat(dry.exit()).as(dry.err()).isZero();
        JsonNode dryReport = new ObjectMapper().readTree(dry.out());
        assertThat(dryReport.path("status").asText()).isEqualTo("dry-run");
        assertThat(dryReport.path("preview").path("headersDropped").path("traceparent").asLong()).isEqualTo(20);
        assertThat(ReplayFixtures.endOffsets(bootstrap, target).values()).containsOnly(0L);

        Run refused = run("replay", source, "--to", target, "--bootstrap", bootstrap);
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("--yes");

        Run real = run("replay", source, "--to", target, "--bootstrap", bootstrap, "--from", "5", "--filter", "value.n % 2 == 0",
                "--verify", "--yes");
        assertThat(real.exit()).as(real.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(real.out());
        assertThat(report.path("status").asText()).isEqualTo("completed");
        assertThat(report.path("verified").asBoolean()).isTrue();
        // the steps after sending are told on stderr, each on a line of its own; stdout holds the report only
        assertThat(real.err().lines().toList()).containsSubsequence("waiting for the target to acknowledge the records sent…",
                "reading the target back to verify what was written…");
        assertThat(ReplayFixtures.readAll(bootstrap, target)).extracting(r -> new String(r.value()))
                .containsExactlyInAnyOrder("{\"n\":10}", "{\"n\":12}", "{\"n\":14}", "{\"n\":16}", "{\"n\":18}");

        Path archive = dir.resolve("export.jsonl");
        Run export = run("export", source, "--bootstrap", bootstrap, "--output", archive.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(Files.readAllLines(archive)).hasSize(21);

        String imported = TestTopics.unique("cli-imp");
        Run imp = run("import", archive.toString(), "--to", imported, "--bootstrap", bootstrap, "--create-target", "--verify", "--yes");
        assertThat(imp.exit()).as(imp.err()).isZero();
        assertThat(ReplayFixtures.readAll(bootstrap, imported)).hasSize(20)
                .allSatisfy(r -> assertThat(r.headers()).extracting(h -> h.key()).containsExactly("traceparent"));

        Run csv = run("export", source, "--bootstrap", bootstrap, "--format", "csv", "--last", "1");
        assertThat(csv.exit()).isZero();
        Run bad = run("replay", source, "--to", target, "--bootstrap", bootstrap, "--partitions", "sideways", "--yes");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("partition mapping must be same, key, round-robin or fixed:N");
    }
}
