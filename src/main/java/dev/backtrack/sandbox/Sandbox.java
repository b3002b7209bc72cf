package dev.backtrack.sandbox;

import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The local sandbox: a real KRaft broker and a real Apicurio registry as child JVMs on 127.0.0.1, with
 * demo data created once and kept in the data dir. Used by {@code backtrack sandbox} and by the
 * desktop app's demo mode.
 */
public final class Sandbox {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private Sandbox() {
    }

    /** Starts both servers in parallel, creates or checks the demo data, and returns once everything answers. */
    public static RunningSandbox start(SandboxOptions options) throws SandboxException, IOException, InterruptedException {
        BrokerServer.requireFreePort(options.kafkaPort(), "--kafka-port");
        BrokerServer.requireFreePort(options.registryPort(), "--registry-port");
        RegistryServer.locateDistribution();
        BrokerServer.classpath();
        long started = System.nanoTime();
        SandboxDataDir data = SandboxDataDir.open(options.dataDir(), options.fresh());
        BrokerServer broker = null;
        RegistryServer registry = null;
        try {
            options.progress().accept("starting the Kafka broker and the schema registry (data in " + data.dir() + ")");
            int managementPort = LocalPorts.free();
            CompletableFuture<RegistryServer> registryStart = CompletableFuture.supplyAsync(() -> {
                try {
                    return RegistryServer.start(options.registryPort(), managementPort, data.log("registry.log"), START_TIMEOUT);
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });
            try {
                broker = BrokerServer.start(options.kafkaPort(), data.dir(), START_TIMEOUT);
            } finally {
                registry = awaitRegistry(registryStart);
            }
            options.progress().accept(String.format("servers ready in %.1f s", seconds(started)));
            DemoManifest manifest = demoData(options, data, broker.bootstrap(), registry.url());
            return new RunningSandbox(broker, registry, manifest, data);
        } catch (SandboxException | IOException | InterruptedException | RuntimeException e) {
            stopQuietly(broker, registry);
            data.close();
            throw e;
        }
    }

    private static RegistryServer awaitRegistry(CompletableFuture<RegistryServer> start)
            throws SandboxException, IOException, InterruptedException {
        try {
            return start.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : e.getCause();
            if (cause instanceof SandboxException s) {
                throw s;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("the schema registry did not start: " + cause.getMessage(), cause);
        }
    }

    /**
     * First start: create the demo data and store its manifest. Later starts: re-register the schemas in the
     * same order (the registry keeps them in memory only) and check that the ids and the orders are unchanged.
     */
    private static DemoManifest demoData(SandboxOptions options, SandboxDataDir data, String bootstrap, String registryUrl)
            throws SandboxException, IOException {
        KafkaClients clients = new KafkaClients(ConnectionSettings.plaintext(bootstrap));
        if (Files.isRegularFile(data.manifestFile())) {
            DemoManifest manifest = DemoManifest.load(data.manifestFile());
            DemoManifest.Schemas schemas = DemoData.registerSchemas(registryUrl, manifest.topicPrefix());
            if (!schemas.equals(manifest.schemas())) {
                throw new SandboxException("the registry gave the demo schemas other ids than the stored records use ("
                        + schemas + " instead of " + manifest.schemas() + "); start with --fresh to recreate the demo data");
            }
            long orders = endOffsetSum(clients, manifest.topic(DemoTopic.ORDERS));
            if (orders < 0) {
                throw new SandboxException("the demo topic 'orders' is missing although the demo manifest exists; start with --fresh to recreate the demo data");
            }
            if (orders != manifest.count(DemoTopic.ORDERS)) {
                throw new SandboxException("the demo topic 'orders' has " + orders + " records instead of "
                        + manifest.count(DemoTopic.ORDERS) + "; start with --fresh to recreate the demo data");
            }
            options.progress().accept("demo data present (" + manifest.recordCounts().values().stream().mapToLong(Long::longValue).sum()
                    + " records in " + manifest.topics().size() + " topics); schemas registered again with the same ids");
            return manifest;
        }
        if (!options.demoData()) {
            return null;
        }
        Set<String> existing = existingTopics(clients);
        List<String> clashes = new ArrayList<>();
        DemoData.topicNames("").values().forEach(t -> {
            if (existing.contains(t)) {
                clashes.add(t);
            }
        });
        if (!clashes.isEmpty()) {
            throw new SandboxException("the demo data is incomplete (topics " + clashes
                    + " exist but the demo manifest does not; an earlier run was interrupted); start with --fresh");
        }
        long started = System.nanoTime();
        options.progress().accept("creating the demo data (first start only)");
        DemoManifest manifest = DemoData.create(clients,
                new dev.backtrack.codec.SchemaRegistryClient(dev.backtrack.kafka.RegistrySettings.of(registryUrl)),
                options.sizes(), "", options.progress());
        manifest.save(data.manifestFile());
        options.progress().accept(String.format("demo data created in %.1f s", seconds(started)));
        return manifest;
    }

    private static Set<String> existingTopics(KafkaClients clients) throws IOException {
        try (Admin admin = clients.admin()) {
            return admin.listTopics().names().get();
        } catch (ExecutionException | InterruptedException e) {
            throw new IOException("listing the sandbox topics failed: " + e.getMessage(), e);
        }
    }

    /** The sum of a topic's end offsets, or -1 when the topic does not exist. */
    static long endOffsetSum(KafkaClients clients, String topic) throws IOException {
        try (Admin admin = clients.admin()) {
            var description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
            description.partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            return admin.listOffsets(request).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        } catch (ExecutionException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while checking the demo data", e);
        }
    }

    private static void stopQuietly(BrokerServer broker, RegistryServer registry) {
        try {
            if (registry != null) {
                registry.close();
            }
            if (broker != null) {
                broker.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** The manifest of a data dir's demo data, if it has any (for tools that open a stopped sandbox's facts). */
    public static Optional<DemoManifest> manifest(java.nio.file.Path dataDir) throws IOException {
        java.nio.file.Path file = dataDir.resolve(SandboxDataDir.MANIFEST);
        return Files.isRegularFile(file) ? Optional.of(DemoManifest.load(file)) : Optional.empty();
    }
}
