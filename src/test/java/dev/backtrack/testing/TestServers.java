package dev.backtrack.testing;

import dev.backtrack.sandbox.RegistryServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * The real servers of a test run, each started once (lazily, on first use) and stopped when the
 * test JVM exits: an in-process KRaft cluster (one combined node), a 3-broker cluster for fault tests,
 * and a real Apicurio Registry child JVM. The registry starts in the background as soon as the class loads,
 * since it takes ~10 s and most suites need it.
 */
public final class TestServers {
    private static KafkaClusterTestKit single;
    private static KafkaClusterTestKit triple;
    private static final CompletableFuture<RegistryServer> REGISTRY = CompletableFuture.supplyAsync(TestServers::startRegistry);

    private TestServers() {
    }

    /** Bootstrap servers of the shared single-node cluster. */
    public static synchronized String bootstrap() {
        if (single == null) {
            single = startCluster(false);
        }
        return single.bootstrapServers();
    }

    public static synchronized KafkaClusterTestKit singleCluster() {
        bootstrap();
        return single;
    }

    /** A 3-broker (+1 controller) cluster, RF 3 capable, for fault injection. */
    public static synchronized KafkaClusterTestKit tripleCluster() {
        if (triple == null) {
            triple = startCluster(true);
        }
        return triple;
    }

    /** Base URL of the Confluent-compatible API of the shared registry. */
    public static String registryUrl() {
        return registry().url();
    }

    public static RegistryServer registry() {
        return REGISTRY.join();
    }

    private static RegistryServer startRegistry() {
        try {
            int port = freePort();
            int management = freePort();
            Path log = Path.of("target", "test-servers", "registry-" + port + ".log");
            Files.createDirectories(log.getParent());
            RegistryServer server = RegistryServer.start(port, management, log, Duration.ofSeconds(120));
            return server;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the Apicurio registry: " + e.getMessage(), e);
        }
    }

    private static KafkaClusterTestKit startCluster(boolean threeBrokers) {
        try {
            TestKitNodes nodes = threeBrokers
                    ? new TestKitNodes.Builder().setCombined(false).setNumBrokerNodes(3).setNumControllerNodes(1).build()
                    : new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build();
            short rf = (short) (threeBrokers ? 3 : 1);
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("offsets.topic.replication.factor", String.valueOf(rf))
                    .setConfigProp("offsets.topic.num.partitions", "5")
                    .setConfigProp("transaction.state.log.replication.factor", String.valueOf(rf))
                    .setConfigProp("transaction.state.log.min.isr", threeBrokers ? "2" : "1")
                    .setConfigProp("transaction.state.log.num.partitions", "5")
                    .setConfigProp("auto.create.topics.enable", "false")
                    .setConfigProp("log.cleaner.backoff.ms", "200")
                    .setConfigProp("message.max.bytes", String.valueOf(16 * 1024 * 1024))
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return cluster;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the in-process Kafka cluster: " + e.getMessage(), e);
        }
    }

    /** Stops everything that was started; called once when the JUnit launcher session closes. */
    static synchronized void stopAll() {
        for (KafkaClusterTestKit cluster : new KafkaClusterTestKit[] {single, triple}) {
            if (cluster != null) {
                try {
                    cluster.close();
                } catch (Exception e) {
                    System.err.println("closing the test cluster failed: " + e);
                }
            }
        }
        single = null;
        triple = null;
        if (REGISTRY.isDone() && !REGISTRY.isCompletedExceptionally()) {
            try {
                REGISTRY.join().close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A free port outside the ephemeral range (see {@link dev.backtrack.sandbox.LocalPorts}): a server started on it later gets it. */
    public static int freePort() {
        try {
            return dev.backtrack.sandbox.LocalPorts.free();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
