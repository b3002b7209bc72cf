package dev.backtrack.sandbox;

import dev.backtrack.codec.SchemaRegistryClient;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RegistrySettings;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import dev.backtrack.kafka.TopicCreator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the demo data (see {@link DemoTopic}) on a cluster and registry: the sandbox uses
 * {@link DemoSizes#FULL} with no topic prefix; tests use {@link DemoSizes#SMALL} with a unique prefix on the
 * shared test cluster. Returns the {@link DemoManifest} of exact facts.
 */
public final class DemoData {
    private DemoData() {
    }

    public static DemoManifest create(String bootstrap, String registryUrl, DemoSizes sizes, String topicPrefix,
                                      Consumer<String> progress) {
        KafkaClients clients = new KafkaClients(ConnectionSettings.plaintext(bootstrap));
        return create(clients, new SchemaRegistryClient(RegistrySettings.of(registryUrl)), sizes, topicPrefix, progress);
    }

    /** The demo topic names for a prefix ("" in the sandbox). */
    public static Map<DemoTopic, String> topicNames(String topicPrefix) {
        Map<DemoTopic, String> names = new EnumMap<>(DemoTopic.class);
        for (DemoTopic topic : DemoTopic.values()) {
            names.put(topic, topicPrefix + topic.baseName());
        }
        return names;
    }

    /** Registers the demo schemas (idempotent); the sandbox calls this on every start since its registry is in memory. */
    public static DemoManifest.Schemas registerSchemas(String registryUrl, String topicPrefix) {
        return DemoSchemas.register(new SchemaRegistryClient(RegistrySettings.of(registryUrl)), topicPrefix);
    }

    public static DemoManifest create(KafkaClients clients, SchemaRegistryClient registry, DemoSizes sizes,
                                      String topicPrefix, Consumer<String> progress) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        createTopics(clients, topicPrefix);
        DemoManifest.Schemas schemas = DemoSchemas.register(registry, topicPrefix);
        DemoRun run = new DemoRun(clients, sizes, topicPrefix, now, progress, schemas);
        // the stand-alone topics are written while the orders chain runs: the two share the broker's time
        SideTopicsWriter side = new SideTopicsWriter(run);
        CompletableFuture<DemoManifest.CustomersFacts> customers = CompletableFuture.supplyAsync(side::writeCustomers);
        CompletableFuture<DemoManifest.LedgerFacts> ledger = customers.thenApply(c -> side.writeLedger());
        CompletableFuture<DemoManifest.CdcFacts> cdc = ledger.thenApply(l -> side.writeCdc());
        CompletableFuture<Map<DemoManifest.HostileKind, Long>> hostile = cdc.thenApply(c -> new HostileWriter(run).write());

        progress.accept("writing " + sizes.orders() + " orders");
        OrdersWriter orders = new OrdersWriter(run);
        orders.writeOrders();
        long[] v2Counts = orders.writeOrdersV2();
        progress.accept("writing payments, shipments and dead letters");
        FlowTopicsWriter flowTopics = new FlowTopicsWriter(run);
        flowTopics.writePayments();
        flowTopics.writeShipments();
        DeadLettersWriter deadLetters = new DeadLettersWriter(run);
        List<DemoManifest.DeadLetterFact> dlt = deadLetters.writeOrdersDlt();
        List<DemoManifest.SinkDeadLetterFact> dlq = deadLetters.writeSinkDlq(flowTopics.payments);

        List<DemoManifest.FlowFact> flows = new ArrayList<>();
        for (DemoRun.FlowOrder flow : run.flow) {
            flows.add(flow.fact(run.customerIds.get(run.orderCustomers[flow.orderIndex])));
        }
        DemoManifest.OrdersFacts ordersFacts = new DemoManifest.OrdersFacts(
                Instant.ofEpochMilli(run.orderTimestamps[0]), Instant.ofEpochMilli(run.orderTimestamps[sizes.orders() - 1]),
                run.timeline.burstFrom, run.timeline.burstTo, run.timeline.burstCount(run.orderTimestamps),
                sizes.customers(), v2Counts[0], v2Counts[1]);
        try {
            Map<DemoManifest.HostileKind, Long> hostileOffsets = hostile.join();
            DemoManifest.CustomersFacts customersFacts = customers.join();
            DemoManifest.LedgerFacts ledgerFacts = ledger.join();
            DemoManifest.CdcFacts cdcFacts = cdc.join();
            Map<DemoTopic, Long> counts = new EnumMap<>(DemoTopic.class);
            counts.put(DemoTopic.ORDERS, (long) sizes.orders());
            counts.put(DemoTopic.ORDERS_V2, v2Counts[0] + v2Counts[1]);
            counts.put(DemoTopic.PAYMENTS, (long) sizes.payments());
            counts.put(DemoTopic.SHIPMENTS, (long) sizes.shipments());
            counts.put(DemoTopic.CUSTOMERS, customersFacts.produced());
            counts.put(DemoTopic.LEDGER, ledgerFacts.committedRecords());
            counts.put(DemoTopic.ORDERS_DLT, (long) dlt.size());
            counts.put(DemoTopic.SINK_DLQ, (long) dlq.size());
            counts.put(DemoTopic.HOSTILE, (long) hostileOffsets.size());
            counts.put(DemoTopic.CDC_CUSTOMERS, (long) cdcFacts.events());
            return new DemoManifest(topicPrefix, now, sizes, topicNames(topicPrefix), counts, schemas, ordersFacts,
                    hostileOffsets, dlt, dlq, List.copyOf(flows), ledgerFacts, customersFacts, cdcFacts);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private static void createTopics(KafkaClients clients, String prefix) {
        List<NewTopic> topics = new ArrayList<>();
        for (DemoTopic topic : DemoTopic.values()) {
            topics.add(new NewTopic(prefix + topic.baseName(), topic.partitions(), (short) 1).configs(topic.configs()));
        }
        try (Admin admin = clients.admin()) {
            admin.createTopics(topics).all().get();
            TopicCreator.awaitLeaders(admin, topics.stream().map(NewTopic::name).toList(), TopicCreator.DEFAULT_TIMEOUT);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                throw new IllegalStateException("a demo topic already exists (" + e.getCause().getMessage()
                        + "); demo data is only created on an empty cluster", e.getCause());
            }
            throw new IllegalStateException("creating the demo topics failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the demo topics", e);
        }
    }
}
