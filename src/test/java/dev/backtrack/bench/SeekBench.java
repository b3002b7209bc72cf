package dev.backtrack.bench;

import dev.backtrack.browse.BrowseRequest;
import dev.backtrack.browse.Browser;
import dev.backtrack.browse.Cancellation;
import dev.backtrack.browse.Page;
import dev.backtrack.browse.Position;
import dev.backtrack.codec.RecordDecoder;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import java.time.Instant;
import java.util.List;

/** First page (500 records) after a seek to a timestamp in the middle of a large topic: Backtrack's engine vs kcat -o s@TS. */
final class SeekBench {
    private final BenchEnvironment env;
    private final BenchConfig config;

    SeekBench(BenchEnvironment env, BenchConfig config) {
        this.env = env;
        this.config = config;
    }

    List<Measurement> run(String topic, long startMillis) {
        int n = config.seekRecords();
        String scenario = "first page (500) after seek-to-timestamp on a " + n + "-record topic";
        Measurement ours = new Measurement(scenario, "backtrack Browser.read (in the app's JVM)", "ms", false);
        Measurement kcat = new Measurement(scenario, "kcat -o s@TS -c 500 (whole process)", "ms", false);
        Browser browser = new Browser(new KafkaClients(ConnectionSettings.plaintext(env.bootstrap())), new RecordDecoder((dev.backtrack.kafka.RegistrySettings) null));
        // one untimed read warms up class loading, as in an app that is already open
        browser.read(BrowseRequest.of(topic).withPosition(new Position.AtTimestamp(Instant.ofEpochMilli(startMillis + 1))).withPageSize(500),
                new Cancellation());
        for (int run = 0; run < config.runs(); run++) {
            long target = startMillis + (long) n * (run + 1) / (config.runs() + 1);
            long t0 = System.nanoTime();
            Page page = browser.read(BrowseRequest.of(topic).withPosition(new Position.AtTimestamp(Instant.ofEpochMilli(target))).withPageSize(500),
                    new Cancellation());
            ours.add((System.nanoTime() - t0) / 1e6);
            if (page.records().size() != 500) {
                throw new IllegalStateException("expected a full page of 500 records, got " + page.records().size());
            }
            if (BenchEnvironment.hasKcat()) {
                kcat.add(env.shell("kcat -C -b " + env.bootstrap() + " -t " + topic + " -o s@" + target + " -c 500 -e -q > /dev/null").seconds() * 1000);
            }
            System.err.printf("seek run %d: backtrack %.0f ms%s%n", run + 1, ours.values.get(run),
                    kcat.values.isEmpty() ? "" : String.format(", kcat %.0f ms", kcat.values.get(kcat.values.size() - 1)));
        }
        return kcat.values.isEmpty() ? List.of(ours) : List.of(ours, kcat);
    }
}
