package dev.backtrack.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.browse.Cancellation;
import dev.backtrack.codec.RecordDecoder;
import dev.backtrack.filter.RecordFilter;
import dev.backtrack.filter.SearchListener;
import dev.backtrack.filter.SearchRequest;
import dev.backtrack.filter.SearchResult;
import dev.backtrack.filter.SearchScan;
import dev.backtrack.filter.SearchScope;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.RegistrySettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

/**
 * Measures a journey over three topics scanned in parallel against the same journey scanning the topics
 * one after the other, on the same data in the same run. Prints the ratio; timing is not asserted (the box
 * is shared), only that both find the same steps.
 */
class JourneySpeedTest {
    private static final int PER_TOPIC = Integer.getInteger("backtrack.journey.records", 50_000);

    @Test
    void parallelJourneyVersusThreeSequentialScans() {
        KafkaClients clients = new KafkaClients(ConnectionSettings.plaintext(TestServers.bootstrap()));
        long base = Instant.now().minus(Duration.ofMinutes(50)).toEpochMilli();
        String trace = "0af7651916cd43dd8448eb211c80319c";
        List<String> topics = new ArrayList<>();
        try (Produce p = new Produce()) {
            for (int t = 0; t < 3; t++) {
                String topic = TestTopics.create(TestServers.bootstrap(), "speed" + t, 3);
                topics.add(topic);
                byte[] value = new byte[200];
                java.util.Arrays.fill(value, (byte) 'x');
                for (int i = 0; i < PER_TOPIC; i++) {
                    List<Header> headers = List.of(new RecordHeader("traceparent", Produce.utf8("00-"
                            + (i == PER_TOPIC / 2 ? trace : String.format("%032x", i + 1L)) + "-00f067aa0ba902b7-01")));
                    p.sendAsync(topic, null, base + i * 30L + t, Produce.utf8("k" + i), value, headers);
                }
            }
            p.flush();
        }
        JourneyFinder finder = new JourneyFinder(clients);
        Correlation byTrace = new Correlation.TraceId(trace);
        TimeWindow window = new TimeWindow(Instant.ofEpochMilli(base), Instant.ofEpochMilli(base + PER_TOPIC * 30L + 10));
        long parallel = Long.MAX_VALUE;
        long sequential = Long.MAX_VALUE;
        for (int round = 0; round < 2; round++) {
            Journey a = finder.find(topics, byTrace, window, true, ScanProgress.NONE, Cancellation.none());
            Journey b = finder.find(topics, byTrace, window, false, ScanProgress.NONE, Cancellation.none());
            assertThat(a.steps()).hasSize(3);
            assertThat(a.recordsScanned()).isEqualTo(3L * PER_TOPIC);
            assertThat(b.steps()).extracting(s -> s.record().raw().coordinates())
                    .containsExactlyElementsOf(a.steps().stream().map(s -> s.record().raw().coordinates()).toList());
            parallel = Math.min(parallel, a.elapsed().toMillis());
            sequential = Math.min(sequential, b.elapsed().toMillis());
        }
        // the yardstick: three filtered searches (the browse search, filter.SearchScan) one after the other
        String filter = "headers['traceparent'].startsWith('00-" + trace + "-')";
        SearchScan search = new SearchScan(clients, new RecordDecoder((RegistrySettings) null));
        long searches = System.nanoTime();
        int found = 0;
        for (String topic : topics) {
            SearchResult r = search.run(SearchRequest.of(topic, new SearchScope.TimeWindow(window.from(), window.to().plusMillis(1)),
                    RecordFilter.cel(filter)), SearchListener.NONE, Cancellation.none());
            found += r.matches().size();
        }
        long searchMillis = (System.nanoTime() - searches) / 1_000_000;
        assertThat(found).isEqualTo(3);
        String line = String.format("JOURNEY-SPEED 3 topics x %d records: parallel journey %d ms, same journey topic by topic %d ms"
                        + " (ratio %.2f), three sequential filtered searches (SearchScan, CEL on headers) %d ms (ratio %.2f)",
                PER_TOPIC, parallel, sequential, sequential / (double) Math.max(1, parallel), searchMillis,
                searchMillis / (double) Math.max(1, parallel));
        System.out.println(line);
        System.err.println(line);
    }
}
