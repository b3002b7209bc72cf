package dev.backtrack.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Network loss between Backtrack and Kafka during {@code backtrack browse}, with a broker whose advertised client
 * listener is a {@link TcpProxy}, so bootstrap, metadata and fetches all go through it. The proxy cuts every
 * connection in the middle of a fetch and refuses new ones: the browse must end with one clear {@code backtrack:}
 * line within the bounded timeout (15 s API timeout + margin), not hang; with the proxy still down, a new browse
 * fails the same way; once the proxy is back, the same browse succeeds in full.
 */
@Timeout(300)
class NetworkLossTest {
    private static final int RECORDS = 3000;
    private static final Duration BOUND = Duration.ofSeconds(45);

    @Test
    void browseReportsLostNetworkWithinTheBoundAndRecovers(@TempDir Path dir) throws Exception {
        try (ProxiedBroker broker = ProxiedBroker.start(dir)) {
            String bootstrap = broker.bootstrap();
            String topic = "netloss";
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                    if (!admin.listTopics().names().get().contains(topic)) {
                        admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
                    }
                    dev.backtrack.kafka.TopicCreator.awaitLeaders(admin, List.of(topic), Duration.ofSeconds(30));
                    return true;
                }
            });
            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
            String padding = "x".repeat(1000);
            for (int i = 0; i < RECORDS; i++) {
                records.add(Records.record(topic, i % 2, System.currentTimeMillis(), "k" + i, "{\"n\":" + i + ",\"pad\":\"" + padding + "\"}"));
            }
            Records.produce(bootstrap, records);
            String[] browse = {"browse", topic, "--bootstrap", bootstrap, "--limit", String.valueOf(RECORDS), "--order", "partition"};

            Run healthy = run(browse);
            assertThat(healthy.exit()).as(healthy.err()).isZero();
            assertThat(healthy.out().lines().count()).isEqualTo(RECORDS);

            // the network goes away in the middle of the fetch (~3 MB to read, cut after 512 KB)
            broker.proxy().cutAfter(512 * 1024);
            Run lost = run(browse);
            assertThat(broker.proxy().isUp()).as("the cut happened during the browse").isFalse();
            System.out.println("network loss mid-browse: exit " + lost.exit() + " after " + lost.took().toMillis() + " ms, "
                    + lost.out().lines().count() + " records printed, stderr: " + lost.err().strip());
            assertFailedClearly(lost);

            // still down: the bootstrap itself is unreachable
            Run unreachable = run(browse);
            System.out.println("bootstrap unreachable: exit " + unreachable.exit() + " after " + unreachable.took().toMillis() + " ms, stderr: "
                    + unreachable.err().strip());
            assertFailedClearly(unreachable);
            assertThat(unreachable.out()).isEmpty();

            broker.proxy().up();
            Run back = run(browse);
            assertThat(back.exit()).as(back.err()).isZero();
            assertThat(back.out().lines().count()).isEqualTo(RECORDS);
        }
    }

    private static void assertFailedClearly(Run run) {
        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.took()).isLessThan(BOUND);
        List<String> lines = run.err().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as("stderr is one clear line").hasSize(1);
        assertThat(lines.getFirst()).startsWith("backtrack: ").containsIgnoringCase("kafka");
        assertThat(run.out().lines().count()).isLessThan(RECORDS);
    }

    record Run(int exit, String out, String err, Duration took) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long start = System.nanoTime();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString(), Duration.ofNanos(System.nanoTime() - start));
    }
}
