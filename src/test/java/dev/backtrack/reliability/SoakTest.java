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
 * and stopped over and over, and pages (first page + next pages) and CEL searches loop. After a warm-up the
 * heap after a full GC, the platform thread count, the open file descriptors and the live Kafka consumers (their
 * {@code kafka.consumer:type=consumer-metrics} MBeans, registered per open consumer) are the baseline; at the end
 * they must be flat, and once the tails are closed no consumer may be left open. 60 s by default;
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
        KafkaClients clients = new KafkaClients(ConnectionSettings.plaintext(bootstrap));
        Browser browser = new Browser(clients, new RecordDecoder(null));
        SearchScan search = new SearchScan(clients, new RecordDecoder(null));
        AtomicLong produced = new AtomicLong();
        AtomicLong tailed = new AtomicLong();
        int consumersBefore = consumerMBeans();

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
                if (baseline == null && System.nanoTime() > warmUpEnd) {
                    baseline = Figures.now();
                    System.out.println("soak baseline after warm-up: " + baseline);
                }
            }
            Figures after = Figures.now();
            System.out.printf("soak %d s: %d produced, %d tailed, %d pages, %d searches, %d tail start/stop cycles; end %s%n", LENGTH.toSeconds(),
                    produced.get(), tailed.get(), pages, searches, tailCycles, after);
            assertThat(baseline).isNotNull();
            assertThat(after.heapAfterGc()).as("heap after GC: baseline %s, end %s", baseline, after)
                    .isLessThan(baseline.heapAfterGc() + HEAP_GROWTH_LIMIT);
            assertThat(after.threads()).as("platform threads").isLessThanOrEqualTo(baseline.threads() + 4);
            assertThat(after.fds()).as("open file descriptors").isLessThanOrEqualTo(baseline.fds() + 16);
            assertThat(after.consumers()).as("open Kafka consumers (the live tail's)").isLessThanOrEqualTo(baseline.consumers());
            // the first tail kept up throughout: it saw nearly everything produced since it started
            assertThat(tailed.get()).isGreaterThan(produced.get() / 2);
        } finally {
            tail.close();
            producerClock.shutdownNow();
            producer.close();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(consumerMBeans()).as("consumers left open").isEqualTo(consumersBefore));
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
        try {
            return ManagementFactory.getPlatformMBeanServer().queryNames(new ObjectName("kafka.consumer:type=consumer-metrics,*"), null).size();
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }

    record Figures(long heapAfterGc, int threads, long fds, int consumers) {
        static Figures now() {
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            long fds;
            try (Stream<Path> open = Files.list(Path.of("/proc/self/fd"))) {
                fds = open.count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Figures(heap, ManagementFactory.getThreadMXBean().getThreadCount(), fds, consumerMBeans());
        }

        @Override
        public String toString() {
            return String.format("heap %d MB, %d threads, %d fds, %d consumers", heapAfterGc / (1024 * 1024), threads, fds, consumers);
        }
    }
}
