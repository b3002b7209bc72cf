package dev.backtrack.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Whole-process throughput scenarios, A/B(/C) alternated in every run so drift on a shared machine hits all
 * contenders alike: replay vs Kafka's producer-perf tool vs a kcat pipe, bulk dead-letter redrive vs producer-perf,
 * and filtered search vs Kafka's consumer-perf tool.
 */
final class ThroughputBench {
    private static final List<String> TOOL_JVM = List.of("-Xmx1g", "-Dlog4j2.level=WARN");

    private final BenchEnvironment env;
    private final BenchConfig config;

    ThroughputBench(BenchEnvironment env, BenchConfig config) {
        this.env = env;
        this.config = config;
    }

    /**
     * Issue #5: the replay (defaults: keys, headers and timestamps kept, provenance headers added) against producer-perf
     * and a kcat pipe, plus the replay without its provenance headers, which shows what those two headers per record
     * cost. Returns Backtrack's replay, producer-perf, the kcat pipe when kcat is installed, then the replay without
     * provenance. The first run's targets stay for {@link #bytesPerRecord}.
     */
    List<Measurement> replay(String source) throws Exception {
        int n = config.replayRecords();
        Measurement ours = new Measurement("replay " + n + " x 500 B (keys, headers, timestamps, partitions kept)", "backtrack replay", "records/s", true);
        // the same acks and batching as the replay's producers (BatchSize: 1 MiB batches for this 3-partition target), and the
        // same compression: none, since the source's random letters do not compress (BatchCompression)
        Measurement perf = new Measurement(ours.scenario, "kafka ProducerPerformance (acks=all, 1 MB batches, linger 20 ms)", "records/s", true);
        Measurement kcat = new Measurement(ours.scenario, "kcat -C | kcat -P (value only)", "records/s", true);
        Measurement bare = new Measurement(ours.scenario, "backtrack replay --no-provenance", "records/s", true);
        boolean withKcat = BenchEnvironment.hasKcat();
        for (int run = 0; run < config.runs(); run++) {
            String suffix = "-" + run;
            for (String target : List.of("replay-dst", "perf-dst", "kcat-dst", "replay-bare-dst")) {
                DataSets.createTopic(env.bootstrap(), target + suffix, 3);
            }
            List<Runnable> contenders = new ArrayList<>();
            contenders.add(() -> ours.add(n / env.cli(List.of(), "replay", source, "--to", "replay-dst" + suffix,
                    "--bootstrap", env.bootstrap(), "--yes").seconds()));
            contenders.add(() -> perf.add(n / env.java(TOOL_JVM, "org.apache.kafka.tools.ProducerPerformance", "--topic", "perf-dst" + suffix,
                    "--num-records", String.valueOf(n), "--record-size", "500", "--throughput", "-1", "--producer-props",
                    "bootstrap.servers=" + env.bootstrap(), "acks=all", "batch.size=1048576", "max.request.size=16777216", "linger.ms=20")
                    .seconds()));
            if (withKcat) {
                contenders.add(() -> kcat.add(n / env.shell("kcat -C -b " + env.bootstrap() + " -t " + source + " -e -q -o beginning"
                        + " | kcat -P -b " + env.bootstrap() + " -t kcat-dst" + suffix + " -X linger.ms=20 -X acks=all").seconds()));
            }
            contenders.add(() -> bare.add(n / env.cli(List.of(), "replay", source, "--to", "replay-bare-dst" + suffix, "--no-provenance",
                    "--bootstrap", env.bootstrap(), "--yes").seconds()));
            java.util.Collections.rotate(contenders, run);
            contenders.forEach(Runnable::run);
            System.err.printf("replay run %d: backtrack %.0f/s, producer-perf %.0f/s%s, without provenance %.0f/s%n", run + 1, last(ours),
                    last(perf), withKcat ? String.format(", kcat %.0f/s", last(kcat)) : "", last(bare));
            if (run > 0) {
                // every run writes its own ~600 MB per contender; the broker's disk need not hold them all
                env.deleteTopics(List.of("replay-dst" + suffix, "perf-dst" + suffix, "kcat-dst" + suffix,
                        "replay-bare-dst" + suffix));
            }
        }
        return withKcat ? List.of(ours, perf, kcat, bare) : List.of(ours, perf, bare);
    }

    /**
     * What each contender of {@link #replay} wrote per record on the broker (log segment bytes of its first run's
     * target over the records), as a note: the replay's records carry more than producer-perf's bare 500 B values.
     */
    String bytesPerRecord() throws Exception {
        int n = config.replayRecords();
        java.util.SequencedMap<String, String> contenders = new java.util.LinkedHashMap<>();
        contenders.put("replay-dst-0", "backtrack replay");
        contenders.put("replay-bare-dst-0", "backtrack replay --no-provenance");
        contenders.put("perf-dst-0", "producer-perf");
        contenders.put("kcat-dst-0", "kcat pipe");
        java.util.Map<String, Long> bytes = DataSets.topicBytes(env.bootstrap(), List.copyOf(contenders.keySet()));
        StringBuilder note = new StringBuilder("replay: bytes on the broker per record (record batches, first run):");
        contenders.forEach((topic, contender) -> {
            Long b = bytes.get(topic);
            if (b != null && b > 0) {
                note.append(String.format(java.util.Locale.ROOT, " %s %.0f B;", contender, (double) b / n));
            }
        });
        note.setLength(note.length() - 1);
        return note.append(" (source: 500 B value, ~10 B key, two headers; the provenance headers name the source record and the replay)").toString();
    }

    /**
     * Issue #6: {@code backtrack dlt redrive DLT --set status="RETRY" --yes} of every dead letter back to its original
     * topic (read, parse headers, journal check, edit, re-encode, send, read-back, journal), each run with a fresh
     * journal (its own data dir) so every run sends them all, against ProducerPerformance writing the same number
     * of records of the dead letters' value size.
     */
    List<Measurement> redrive(String dltTopic, int valueSize) {
        int n = config.redriveRecords();
        Measurement ours = new Measurement("bulk redrive of " + n + " Spring dead letters (JSON ~" + valueSize + " B, kafka_dlt-* headers)"
                + " with a one-field edit", "backtrack dlt redrive --set status=\"RETRY\"", "records/s", true);
        Measurement perf = new Measurement(ours.scenario, "kafka ProducerPerformance (" + valueSize + " B, acks=all, 256 KB batches, linger 20 ms)",
                "records/s", true);
        for (int run = 0; run < config.runs(); run++) {
            String dataDir = env.workDir.resolve("redrive-data-" + run).toString();
            String perfTopic = "redrive-perf-dst-" + run;
            try {
                DataSets.createTopic(env.bootstrap(), perfTopic, 3);
            } catch (Exception e) {
                throw new IllegalStateException("could not create " + perfTopic, e);
            }
            List<Runnable> contenders = new ArrayList<>();
            contenders.add(() -> {
                BenchEnvironment.Run r = env.cli(List.of("-Dbacktrack.data.dir=" + dataDir), "dlt", "redrive", dltTopic, "--set", "status=\"RETRY\"",
                        "--bootstrap", env.bootstrap(), "--yes");
                if (landed(r.stdout()) != n) {
                    throw new IllegalStateException("the redrive did not land all " + n + " dead letters:\n" + r.stdout());
                }
                ours.add(n / r.seconds());
            });
            contenders.add(() -> perf.add(n / env.java(TOOL_JVM, "org.apache.kafka.tools.ProducerPerformance", "--topic", perfTopic,
                    "--num-records", String.valueOf(n), "--record-size", String.valueOf(valueSize), "--throughput", "-1", "--producer-props",
                    "bootstrap.servers=" + env.bootstrap(), "acks=all", "batch.size=262144", "linger.ms=20").seconds()));
            java.util.Collections.rotate(contenders, run);
            contenders.forEach(Runnable::run);
            System.err.printf("redrive run %d: backtrack %.0f/s, producer-perf %.0f/s%n", run + 1, last(ours), last(perf));
        }
        return List.of(ours, perf);
    }

    List<Measurement> search(String avroTopic) {
        int n = config.searchRecords();
        Measurement ours = new Measurement("filtered search over " + n + " Avro records (CEL on a nested field)", "backtrack browse --filter", "records/s", true);
        Measurement perf = new Measurement(ours.scenario, "kafka ConsumerPerformance (raw read, no decoding)", "records/s", true);
        for (int run = 0; run < config.runs(); run++) {
            List<Runnable> contenders = new ArrayList<>();
            contenders.add(() -> ours.add(n / env.cli(List.of(), "browse", avroTopic, "--from-beginning",
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

    private static long landed(String reportJson) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(reportJson).path("landed").asLong(-1);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static double last(Measurement m) {
        return m.values.isEmpty() ? Double.NaN : m.values.get(m.values.size() - 1);
    }
}
