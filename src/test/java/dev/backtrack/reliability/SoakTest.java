package dev.backtrack.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.browse.BrowseRequest;
import dev.backtrack.browse.Browser;
import dev.backtrack.browse.Cancellation;
import dev.backtrack.browse.LiveTail;
import dev.backtrack.browse.Page;
import dev.backtrack.browse.Position;
import dev.backtrack.codec.DecodedRecord;
import dev.backtrack.codec.RecordDecoder;
import dev.backtrack.filter.CelFilter;
import dev.backtrack.filter.SearchListener;
import dev.backtrack.filter.SearchRequest;
import dev.backtrack.filter.SearchResult;
import dev.backtrack.filter.SearchScan;
import dev.backtrack.filter.SearchScope;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.WriteGuard;
import dev.backtrack.replay.Delivery;
import dev.backtrack.replay.ReplayPlan;
import dev.backtrack.replay.ReplayRange;
import dev.backtrack.replay.ReplayReport;
import dev.backtrack.replay.ReplayRunner;
import dev.backtrack.replay.ReplaySource;
import dev.backtrack.replay.ReplayTarget;
import dev.backtrack.replay.SendListener;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.common.IsolationLevel;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Soak: while a producer writes ~{@value #RATE} records/s, one live tail runs throughout, a second tail is started
 * and stopped over and over, and pages (first page + next pages), CEL searches and small replays (300 records into a
 * target topic, idempotent and exactly-once in turn, each checked by its report's counts and read-back checksum) loop.
 * After a warm-up the heap after a full GC, the platform thread count, the open file descriptors, the live Kafka
 * consumers and producers (their {@code kafka.consumer:type=consumer-metrics} / {@code kafka.producer:type=producer-metrics}
 * MBeans, registered per open client) and the established TCP connections to the broker (from {@code /proc/net/tcp})
 * are the baseline; at the end they must be flat, and once the tails are closed no consumer may be left open. 60 s by default;
 * {@code -Dbacktrack.soak=true} runs 30 minutes ({@code -Dbacktrack.soak.seconds=N} for any length).
 */
class SoakTest {
    private static final int RATE = 300;
    private static final Duration LENGTH = Duration.ofSeconds(Long.getLong("backtrack.soak.seconds",
            Boolean.getBoolean("backtrack.soak") ? 1800 : 60));
    private static final long HEAP_GROWTH_LIMIT = 64L * 1024 * 1024;

    @Test
    @Timeout(value = 2 * 3600)
    void tailPagingAndSearchStayFlat() throws Exception {
        String bootstrap = TestServers.bootstrap();
        String topic = TestTopics.create(bootstrap, "soak", 3);
        String replayTarget = TestTopics.create(bootstrap, "soak-replay", 3);
        String firstBroker = bootstrap.split(",")[0];
        brokerPort = Integer.parseInt(firstBroker.substring(firstBroker.lastIndexOf(':') + 1));
        ConnectionSettings settings = ConnectionSettings.plaintext(bootstrap);
        ReplayRunner replays = new ReplayRunner(WriteGuard.REFUSE_PROTECTED, SendListener.NONE);
        KafkaClients clients = new KafkaClients(settings);
        Browser browser = new Browser(clients, new RecordDecoder(null));
        SearchScan search = new SearchScan(clients, new RecordDecoder(null));
        AtomicLong produced = new AtomicLong();
        AtomicLong tailed = new AtomicLong();
        Figures initial = Figures.now();
        int consumersBefore = consumerMBeans();
        int producersBefore = mbeans("kafka.producer:type=producer-metrics,*");

        ScheduledExecutorService producerClock = Executors.newSingleThreadScheduledExecutor();
        KafkaProducer<byte[], byte[]> producer = producer(bootstrap);
        producerClock.scheduleAtFixedRate(() -> {
            for (int i = 0; i < RATE / 10; i++) {
                long n = produced.getAndIncrement();
                producer.send(new ProducerRecord<>(topic, (int) (n % 3), null, ("k" + n).getBytes(),
                        ("{\"n\":" + n + ",\"status\":\"" + (n % 7 == 0 ? "FAILED" : "OK") + "\"}").getBytes()));
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
        BrowseRequest live = BrowseRequest.of(topic).withPosition(new Position.Live());
        LiveTail tail = browser.tail(live, countingListener(tailed));
        long pages = 0;
        long searches = 0;
        long tailCycles = 0;
        long replayed = 0;
        Figures start = Figures.now();
        System.out.println("soak start (producer and first tail running): " + start);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> tailed.get() > 0 && produced.get() > 2000);
            long end = System.nanoTime() + LENGTH.toNanos();
            long warmUpEnd = System.nanoTime() + LENGTH.toNanos() / 5;
            Figures baseline = null;
            while (System.nanoTime() < end) {
                Page page = browser.read(BrowseRequest.of(topic).withPageSize(200), Cancellation.none());
                for (int i = 0; i < 3 && page.hasNext(); i++) {
                    page = browser.next(page, Cancellation.none());
                    assertThat(page.records()).isNotEmpty();
                }
                Page last = browser.read(BrowseRequest.of(topic).withPosition(new Position.LastN(100)), Cancellation.none());
                assertThat(last.records()).hasSize(100);
                pages += 5;
                SearchResult found = search.run(SearchRequest.of(topic, new SearchScope.LastOffsets(1000), CelFilter.compile("value.status == 'FAILED'")),
                        SearchListener.NONE, Cancellation.none());
                assertThat(found.matches()).isNotEmpty().allMatch(r -> r.value().json().path("status").asText().equals("FAILED"));
                searches++;
                AtomicLong second = new AtomicLong();
                try (LiveTail extra = browser.tail(live, countingListener(second))) {
                    await().atMost(Duration.ofSeconds(60)).until(() -> second.get() > 0);
                }
                tailCycles++;
                replayed += replayOnce(replays, settings, topic, replayTarget, tailCycles);
                if (baseline == null && System.nanoTime() > warmUpEnd) {
                    baseline = Figures.now();
                    System.out.println("soak baseline after warm-up: " + baseline);
                }
            }
            Figures after = Figures.now();
            System.out.printf("soak %d s: %d produced, %d tailed, %d pages, %d searches, %d tail start/stop cycles, %d replays (%d records); end %s%n",
                    LENGTH.toSeconds(), produced.get(), tailed.get(), pages, searches, tailCycles, tailCycles, replayed, after);
            assertThat(baseline).isNotNull();
            assertThat(after.heapAfterGc()).as("heap after GC: baseline %s, end %s", baseline, after)
                    .isLessThan(baseline.heapAfterGc() + HEAP_GROWTH_LIMIT);
            assertThat(after.threads()).as("platform threads").isLessThanOrEqualTo(baseline.threads() + 4);
            assertThat(after.fds()).as("open file descriptors").isLessThanOrEqualTo(baseline.fds() + 16);
            assertThat(after.consumers()).as("open Kafka consumers (the live tail's)").isLessThanOrEqualTo(baseline.consumers());
            assertThat(after.producers()).as("open Kafka producers (the test's own)").isLessThanOrEqualTo(baseline.producers());
            assertThat(after.connections()).as("TCP connections to the broker").isLessThanOrEqualTo(baseline.connections() + 4);
            // the first tail kept up throughout: it saw nearly everything produced since it started
            assertThat(tailed.get()).isGreaterThan(produced.get() / 2);
        } finally {
            tail.close();
            producerClock.shutdownNow();
            producer.close();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(consumerMBeans()).as("consumers left open").isEqualTo(consumersBefore));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(mbeans("kafka.producer:type=producer-metrics,*")).as("producers left open").isEqualTo(producersBefore));
        System.out.println("soak after closing the tails and the producer: " + Figures.now() + " (before any client: " + initial + ")");
    }

    /**
     * Replays 100 records of each partition (a sliding window over the first 600) into the target; odd cycles
     * exactly-once. Returns the records written after checking the report's counts and its read-back checksum.
     */
    private static long replayOnce(ReplayRunner runner, ConnectionSettings settings, String topic, String target, long cycle) {
        long from = (cycle % 6) * 100;
        ReplayPlan plan = ReplayPlan.of(new ReplaySource.Topic(settings, topic, List.of(), ReplayRange.offsets(from, from + 100), IsolationLevel.READ_COMMITTED),
                new ReplayTarget(settings, target, null)).withVerify(true);
        if (cycle % 2 == 1) {
            plan = plan.withExactlyOnce(Delivery.SINGLE_TRANSACTION);
        }
        ReplayReport report = runner.run(plan, Cancellation.none());
        assertThat(report.status()).isEqualTo(ReplayReport.COMPLETED);
        assertThat(report.matched()).as("records in the range").isEqualTo(300);
        assertThat(report.written()).isEqualTo(300);
        assertThat(report.failed()).isZero();
        assertThat(report.verified()).as("read-back checksum %s vs sent %s", report.verifiedChecksum(), report.expectedChecksum()).isTrue();
        assertThat(report.verifiedChecksum()).isEqualTo(report.expectedChecksum());
        return report.written();
    }

    private static LiveTail.Listener countingListener(AtomicLong count) {
        return new LiveTail.Listener() {
            @Override
            public void onBatch(List<DecodedRecord> batch) {
                count.addAndGet(batch.size());
            }

            @Override
            public void onError(RuntimeException error) {
                throw new AssertionError("the live tail failed", error);
            }
        };
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Open Kafka consumers of this JVM: each registers its consumer-metrics MBean until it is closed. */
    static int consumerMBeans() {
        return mbeans("kafka.consumer:type=consumer-metrics,*");
    }

    static int mbeans(String pattern) {
        try {
            return ManagementFactory.getPlatformMBeanServer().queryNames(new ObjectName(pattern), null).size();
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }

    private static volatile int brokerPort;

    /** Established TCP connections whose remote end is the broker's port: the clients' side of each connection. */
    static int brokerConnections() {
        String port = String.format(":%04X ", brokerPort);
        int count = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    // sl local_address rem_address st ...; state 01 = ESTABLISHED
                    if (f.length > 3 && (f[2] + " ").endsWith(port) && f[3].equals("01")) {
                        count++;
                    }
                }
            } catch (IOException e) {
                // no IPv6 table
            }
        }
        return count;
    }

    record Figures(long heapAfterGc, int threads, long fds, int consumers, int producers, int connections) {
        static Figures now() {
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            long fds;
            try (Stream<Path> open = Files.list(Path.of("/proc/self/fd"))) {
                fds = open.count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Figures(heap, ManagementFactory.getThreadMXBean().getThreadCount(), fds, consumerMBeans(),
                    mbeans("kafka.producer:type=producer-metrics,*"), brokerConnections());
        }

        @Override
        public String toString() {
            return String.format("heap %d MB, %d threads, %d fds, %d consumers, %d producers, %d broker connections",
                    heapAfterGc / (1024 * 1024), threads, fds, consumers, producers, connections);
        }
    }
}
