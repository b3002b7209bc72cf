package dev.backtrack.bench;

import dev.backtrack.browse.Cancellation;
import dev.backtrack.codec.RecordDecoder;
import dev.backtrack.filter.RecordFilter;
import dev.backtrack.filter.SearchListener;
import dev.backtrack.filter.SearchRequest;
import dev.backtrack.filter.SearchScan;
import dev.backtrack.filter.SearchScope;
import dev.backtrack.history.Correlation;
import dev.backtrack.history.Journey;
import dev.backtrack.history.JourneyFinder;
import dev.backtrack.history.ScanProgress;
import dev.backtrack.history.TimeWindow;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RegistrySettings;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Issue #13's yardstick: a journey by trace id over three topics of N records each, all in one hour, against
 * the same three topics searched one after the other with the browse search (CEL on the traceparent header,
 * {@code filter.SearchScan}), and against the journey with its topics scanned one after the other. In-process
 * (the app's JVM, warmed up once), contenders alternated each run. Every run checks that all find the 3 steps.
 */
final class JourneyBench {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final long HOUR = 3_600_000L;

    private final BenchEnvironment env;
    private final BenchConfig config;

    JourneyBench(BenchEnvironment env, BenchConfig config) {
        this.env = env;
        this.config = config;
    }

    /** Generates the data, measures, and adds the rows, the ratio and a note to the suite's report. */
    void run(List<Measurement> all, List<Ratio> ratios, List<String> notes) throws Exception {
        int n = config.searchRecords();
        long base = System.currentTimeMillis() - 2 * HOUR;
        List<String> topics = List.of("journey-orders", "journey-payments", "journey-shipments");
        for (int t = 0; t < topics.size(); t++) {
            generate(topics.get(t), n, base, t);
        }
        List<Measurement> measured = measure(topics, n, new TimeWindow(Instant.ofEpochMilli(base), Instant.ofEpochMilli(base + HOUR)));
        all.addAll(measured);
        ratios.add(new Ratio("journey (3 topics in parallel) vs 3 sequential filtered searches", measured.get(0), measured.get(1),
                1.0, 0.5, "#13"));
        notes.add(String.format(Locale.ROOT, "journey over 3 x %d records in a one-hour window: median %.0f ms in parallel, %.0f ms with"
                + " its topics one after the other, %.0f ms for three sequential filtered searches (#13)%s", n, measured.get(0).median(),
                measured.get(2).median(), measured.get(1).median(), config.quick() ? "; quick mode uses smaller topics" : ""));
    }

    /** One topic of n records of 200 B spread over one hour from {@code base}; the traced record sits in the middle. */
    private void generate(String topic, int n, long base, int step) throws Exception {
        DataSets.createTopic(env.bootstrap(), topic, 3);
        byte[] value = new byte[200];
        java.util.Arrays.fill(value, (byte) 'x');
        try (KafkaProducer<byte[], byte[]> producer = DataSets.producer(env.bootstrap())) {
            for (int i = 0; i < n; i++) {
                String trace = i == n / 2 ? TRACE : String.format(Locale.ROOT, "%032x", (long) i * 3 + step + 1);
                byte[] traceparent = ("00-" + trace + "-00f067aa0ba902b7-01").getBytes(StandardCharsets.US_ASCII);
                long ts = base + (long) i * (HOUR - 10) / n + step;
                producer.send(new ProducerRecord<>(topic, null, ts, ("order-" + i).getBytes(StandardCharsets.UTF_8), value,
                        List.of(new RecordHeader("traceparent", traceparent))));
            }
            producer.flush();
        }
    }

    private List<Measurement> measure(List<String> topics, int n, TimeWindow window) {
        String scenario = "journey by trace id over 3 topics x " + n + " records in a one-hour window";
        Measurement parallel = new Measurement(scenario, "backtrack journey (topics scanned in parallel)", "ms", false);
        Measurement searches = new Measurement(scenario, "3 sequential filtered searches (browse search, CEL on headers)", "ms", false);
        Measurement sequential = new Measurement(scenario, "backtrack journey, topics one after the other", "ms", false);
        KafkaClients clients = new KafkaClients(ConnectionSettings.plaintext(env.bootstrap()));
        JourneyFinder finder = new JourneyFinder(clients);
        SearchScan search = new SearchScan(clients, new RecordDecoder((RegistrySettings) null));
        Correlation byTrace = new Correlation.TraceId(TRACE);
        String filter = "headers['traceparent'].startsWith('00-" + TRACE + "-')";
        List<Runnable> contenders = new ArrayList<>();
        contenders.add(() -> parallel.add(timeJourney(finder, topics, byTrace, window, true)));
        contenders.add(() -> searches.add(timeSearches(search, topics, filter, window)));
        contenders.add(() -> sequential.add(timeJourney(finder, topics, byTrace, window, false)));
        // one untimed round warms up class loading and the broker's page cache for every contender
        timeJourney(finder, topics, byTrace, window, true);
        timeSearches(search, topics, filter, window);
        for (int run = 0; run < config.runs(); run++) {
            java.util.Collections.rotate(contenders, 1);
            contenders.forEach(Runnable::run);
            System.err.printf(Locale.ROOT, "journey run %d: parallel %.0f ms, searches %.0f ms, topic by topic %.0f ms%n", run + 1,
                    last(parallel), last(searches), last(sequential));
        }
        return List.of(parallel, searches, sequential);
    }

    private static double timeJourney(JourneyFinder finder, List<String> topics, Correlation c, TimeWindow window, boolean parallel) {
        long t0 = System.nanoTime();
        Journey j = finder.find(topics, c, window, parallel, ScanProgress.NONE, Cancellation.none());
        double ms = (System.nanoTime() - t0) / 1e6;
        if (j.steps().size() != 3) {
            throw new IllegalStateException("the journey found " + j.steps().size() + " steps, expected 3");
        }
        return ms;
    }

    private static double timeSearches(SearchScan search, List<String> topics, String filter, TimeWindow window) {
        long t0 = System.nanoTime();
        int found = 0;
        for (String topic : topics) {
            SearchRequest request = SearchRequest.of(topic, new SearchScope.TimeWindow(window.from(), window.to().plusMillis(1)),
                    RecordFilter.cel(filter)).confirmedLarge();
            found += search.run(request, SearchListener.NONE, Cancellation.none()).matches().size();
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        if (found != 3) {
            throw new IllegalStateException("the three searches found " + found + " records, expected 3");
        }
        return ms;
    }

    private static double last(Measurement m) {
        return m.values.isEmpty() ? Double.NaN : m.values.get(m.values.size() - 1);
    }
}
