package dev.backtrack.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.BacktrackException;
import dev.backtrack.browse.Cancellation;
import dev.backtrack.browse.EndBound;
import dev.backtrack.browse.Position;
import dev.backtrack.browse.TestData;
import dev.backtrack.codec.DecoderChoice;
import dev.backtrack.codec.Format;
import dev.backtrack.codec.RecordDecoder;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SearchScanTest {
    static final int PER_PARTITION = 4000;
    static String bootstrap;
    static String topic;
    static SearchScan scan;
    static Map<Integer, Long> truthCounts;
    static long lastOffsetOfP2;

    @BeforeAll
    static void setUp() {
        bootstrap = TestServers.bootstrap();
        topic = TestTopics.create(bootstrap, "search", 3);
        try (KafkaProducer<byte[], byte[]> p = TestData.producer(bootstrap)) {
            for (int i = 0; i < PER_PARTITION; i++) {
                for (int part = 0; part < 3; part++) {
                    String value = i % 1000 == 999 ? "not json {" + i : "{\"n\":" + i + ",\"p\":" + part + "}";
                    p.send(new ProducerRecord<>(topic, part, 100_000L + i, TestData.utf8("k" + i), TestData.utf8(value)));
                }
            }
            p.send(new ProducerRecord<>(topic, 2, 100_000L + PER_PARTITION, TestData.utf8("needle"), TestData.utf8("{\"needle\":true}")));
            p.flush();
        }
        List<RawRecord> truth = TestData.readAll(bootstrap, topic, false);
        truthCounts = truth.stream().collect(Collectors.groupingBy(RawRecord::partition, Collectors.counting()));
        lastOffsetOfP2 = truth.stream().filter(r -> r.partition() == 2).mapToLong(RawRecord::offset).max().orElseThrow();
        KafkaClients clients = new KafkaClients(ConnectionSettings.plaintext(bootstrap));
        scan = new SearchScan(clients, new RecordDecoder((dev.backtrack.kafka.RegistrySettings) null));
    }

    private static SearchRequest request(SearchScope scope, RecordFilter filter) {
        return SearchRequest.of(topic, scope, filter).withDecoders(new DecoderChoice(null, Format.JSON));
    }

    @Test
    void findsTheNeedleAtTheLastOffsetWithExactCounts() {
        Map<Integer, PartitionScan> lastProgress = new ConcurrentHashMap<>();
        SearchListener listener = new SearchListener() {
            @Override
            public void progress(PartitionScan progress) {
                lastProgress.put(progress.partition(), progress);
            }
        };
        for (int parallelism : new int[] {1, 3}) {
            long started = System.nanoTime();
            SearchResult result = scan.run(request(new SearchScope.WholeTopic(), RecordFilter.cel("has(value.needle) && value.needle"))
                    .withParallelism(parallelism), listener, Cancellation.none());
            System.out.printf("search parallelism %d: %d records in %d ms (%.0f records/s)%n", parallelism, result.scanned(),
                    (System.nanoTime() - started) / 1_000_000, result.recordsPerSecond());
            assertThat(result.matches()).hasSize(1);
            assertThat(result.matches().getFirst().raw().partition()).isEqualTo(2);
            assertThat(result.matches().getFirst().raw().offset()).isEqualTo(lastOffsetOfP2);
            assertThat(result.complete()).isTrue();
            assertThat(result.limitReached()).isFalse();
            for (int p = 0; p < 3; p++) {
                assertThat(result.partitions().get(p).scanned()).isEqualTo(truthCounts.get(p));
                assertThat(result.partitions().get(p).undecodable()).isEqualTo(PER_PARTITION / 1000);
                assertThat(lastProgress.get(p).scanned()).isEqualTo(truthCounts.get(p));
                assertThat(lastProgress.get(p).describe()).isEqualTo("partition " + p + ": scanned " + truthCounts.get(p) + " of "
                        + truthCounts.get(p) + " (done)");
            }
        }
    }

    @Test
    void undecodableRecordsMatchOnTheirRawForm() {
        // "not json {" → hex 6e6f74206a736f6e207b
        SearchResult result = scan.run(request(new SearchScope.WholeTopic(), RecordFilter.cel("error != '' && value.startsWith('6e6f74')")),
                SearchListener.NONE, Cancellation.none());
        assertThat(result.matches()).hasSize(3 * PER_PARTITION / 1000).allMatch(r -> r.value().failed());
        SearchResult contains = scan.run(request(new SearchScope.WholeTopic(), RecordFilter.contains("6e6f74206a736f6e207b", false)),
                SearchListener.NONE, Cancellation.none());
        assertThat(contains.matches()).hasSize(3 * PER_PARTITION / 1000);
    }

    @Test
    void stopsAtTheResultLimit() {
        SearchResult result = scan.run(request(new SearchScope.WholeTopic(), RecordFilter.cel("true")).withResultLimit(25),
                SearchListener.NONE, Cancellation.none());
        assertThat(result.matches()).hasSize(25);
        assertThat(result.limitReached()).isTrue();
        assertThat(result.complete()).isFalse();
    }

    @Test
    void scopesBoundTheScan() {
        SearchResult window = scan.run(request(new SearchScope.TimeWindow(Instant.ofEpochMilli(100_100), Instant.ofEpochMilli(100_200)),
                RecordFilter.cel("true")), SearchListener.NONE, Cancellation.none());
        assertThat(window.scanned()).isEqualTo(300);
        assertThat(window.matches()).allMatch(r -> r.raw().timestamp() >= 100_100 && r.raw().timestamp() < 100_200);

        SearchResult last = scan.run(request(new SearchScope.LastOffsets(10), RecordFilter.cel("true")), SearchListener.NONE,
                Cancellation.none());
        assertThat(last.scanned()).isEqualTo(30);
        assertThat(last.matches()).anyMatch(r -> r.raw().key() != null && new String(r.raw().key()).equals("needle"));

        SearchResult range = scan.run(request(new SearchScope.Range(new Position.AtOffset(100), new EndBound.BeforeOffset(150)),
                RecordFilter.cel("true")).withPartitions(List.of(1)), SearchListener.NONE, Cancellation.none());
        assertThat(range.scanned()).isEqualTo(50);
        assertThat(range.partitions()).containsOnlyKeys(1);
    }

    @Test
    void largeScopesNeedConfirmationAndScansCanBeCancelled() {
        SearchRequest large = request(new SearchScope.WholeTopic(), RecordFilter.cel("true")).withLargeThreshold(1000);
        assertThatThrownBy(() -> scan.run(large, SearchListener.NONE, Cancellation.none()))
                .isInstanceOf(BacktrackException.class).hasMessageContaining("would scan up to 12001 records")
                .hasMessageContaining("confirm");
        Cancellation cancel = new Cancellation();
        SearchResult cancelled = scan.run(large.confirmedLarge(), new SearchListener() {
            @Override
            public void match(dev.backtrack.codec.DecodedRecord record) {
                cancel.cancel();
            }
        }, cancel);
        assertThat(cancelled.cancelled()).isTrue();
        assertThat(cancelled.complete()).isFalse();
        assertThat(cancelled.scanned()).isLessThan(12001);
    }
}
