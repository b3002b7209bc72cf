package dev.backtrack.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Whole-process throughput scenarios, A/B(/C) alternated in every run so drift on a shared machine hits all
 * contenders alike: replay vs Kafka's producer-perf tool vs a kcat pipe, and filtered search vs Kafka's
 * consumer-perf tool.
 */
final class ThroughputBench {
    private static final List<String> CLI_JVM = List.of("-Xmx1g", "--enable-native-access=ALL-UNNAMED");
    private static final List<String> TOOL_JVM = List.of("-Xmx1g", "-Dlog4j2.level=WARN");

    private final BenchEnvironment env;
    private final BenchConfig config;

    ThroughputBench(BenchEnvironment env, BenchConfig config) {
        this.env = env;
        this.config = config;
    }

    List<Measurement> replay(String source) throws Exception {
        int n = config.replayRecords();
        Measurement ours = new Measurement("replay " + n + " x 500 B (keys, headers, timestamps, partitions kept)", "backtrack replay", "records/s", true);
        Measurement perf = new Measurement(ours.scenario, "kafka ProducerPerformance (acks=all, 256 KB batches, linger 20 ms)", "records/s", true);
        Measurement kcat = new Measurement(ours.scenario, "kcat -C | kcat -P (value only)", "records/s", true);
        boolean withKcat = BenchEnvironment.hasKcat();
        for (int run = 0; run < config.runs(); run++) {
            String suffix = "-" + run;
            DataSets.createTopic(env.bootstrap(), "replay-dst" + suffix, 3);
            DataSets.createTopic(env.bootstrap(), "perf-dst" + suffix, 3);
            DataSets.createTopic(env.bootstrap(), "kcat-dst" + suffix, 3);
            List<Runnable> contenders = new ArrayList<>();
            contenders.add(() -> ours.add(n / env.java(CLI_JVM, "dev.backtrack.cli.Main", "replay", source, "--to", "replay-dst" + suffix,
                    "--bootstrap", env.bootstrap(), "--yes").seconds()));
            contenders.add(() -> perf.add(n / env.java(TOOL_JVM, "org.apache.kafka.tools.ProducerPerformance", "--topic", "perf-dst" + suffix,
                    "--num-records", String.valueOf(n), "--record-size", "500", "--throughput", "-1", "--producer-props",
                    "bootstrap.servers=" + env.bootstrap(), "acks=all", "batch.size=262144", "linger.ms=20").seconds()));
            if (withKcat) {
                contenders.add(() -> kcat.add(n / env.shell("kcat -C -b " + env.bootstrap() + " -t " + source + " -e -q -o beginning"
                        + " | kcat -P -b " + env.bootstrap() + " -t kcat-dst" + suffix + " -X linger.ms=20 -X acks=all").seconds()));
            }
            java.util.Collections.rotate(contenders, run);
            contenders.forEach(Runnable::run);
            System.err.printf("replay run %d: backtrack %.0f/s, producer-perf %.0f/s%s%n", run + 1, last(ours), last(perf),
                    withKcat ? String.format(", kcat %.0f/s", last(kcat)) : "");
        }
        return withKcat ? List.of(ours, perf, kcat) : List.of(ours, perf);
    }

    List<Measurement> search(String avroTopic) {
        int n = config.searchRecords();
        Measurement ours = new Measurement("filtered search over " + n + " Avro records (CEL on a nested field)", "backtrack browse --filter", "records/s", true);
        Measurement perf = new Measurement(ours.scenario, "kafka ConsumerPerformance (raw read, no decoding)", "records/s", true);
        for (int run = 0; run < config.runs(); run++) {
            List<Runnable> contenders = new ArrayList<>();
            contenders.add(() -> ours.add(n / env.java(CLI_JVM, "dev.backtrack.cli.Main", "browse", avroTopic, "--from-beginning",
                    "--filter", "value.customer.tier == 'GOLD' && value.total > 999999.0", "--limit", "10",
                    "--bootstrap", env.bootstrap(), "--registry", env.registry.url()).seconds()));
            contenders.add(() -> perf.add(n / env.java(TOOL_JVM, "org.apache.kafka.tools.ConsumerPerformance", "--bootstrap-server",
                    env.bootstrap(), "--topic", avroTopic, "--messages", String.valueOf(n), "--timeout", "60000").seconds()));
            java.util.Collections.rotate(contenders, run);
            contenders.forEach(Runnable::run);
            System.err.printf("search run %d: backtrack %.0f/s, consumer-perf %.0f/s%n", run + 1, last(ours), last(perf));
        }
        return List.of(ours, perf);
    }

    private static double last(Measurement m) {
        return m.values.isEmpty() ? Double.NaN : m.values.get(m.values.size() - 1);
    }
}
