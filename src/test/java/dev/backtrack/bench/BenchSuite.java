package dev.backtrack.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One command that measures Backtrack against the limit and the peers, side by side: it starts a real broker
 * and registry on loopback, generates the data sets, runs every scenario alternating contenders, and writes
 * docs/BENCHMARKS.md (+ a PNG). {@code --quick} is the CI mode; {@code --check} fails (exit 1) when a ratio
 * falls below its generous CI floor.
 */
public final class BenchSuite {
    private BenchSuite() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        BenchConfig config = BenchConfig.parse(args);
        long started = System.nanoTime();
        List<Measurement> all = new ArrayList<>();
        List<Ratio> ratios = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try (BenchEnvironment env = BenchEnvironment.start()) {
            System.err.println("bench: broker " + env.bootstrap() + ", registry " + env.registry.url());
            System.err.println("bench: Backtrack CLI runs as " + CliLaunch.describe());
            DataSets.replaySource(env.bootstrap(), "replay-src", config.replayRecords());
            DataSets.avroOrders(env.bootstrap(), env.registry.url(), "avro-orders", config.searchRecords());
            long seekStart = System.currentTimeMillis() - 10L * config.seekRecords();
            DataSets.seekTopic(env.bootstrap(), "seek-big", config.seekRecords(), seekStart);
            int deadLetterSize = DataSets.springDeadLetters(env.bootstrap(), "redrive-orders-dlt", "redrive-orders", config.redriveRecords());
            System.err.printf("bench: data sets ready after %.0f s%n", (System.nanoTime() - started) / 1e9);

            ThroughputBench throughput = new ThroughputBench(env, config);
            List<Measurement> replay = throughput.replay("replay-src");
            all.addAll(replay);
            ratios.add(new Ratio("replay vs producer-perf (Java client limit)", replay.get(0), replay.get(1), 0.9, 0.25, "#5"));
            if (BenchEnvironment.hasKcat()) {
                ratios.add(new Ratio("replay vs kcat pipe", replay.get(0), replay.get(2), 0.75, 0.0, "#5"));
            } else {
                notes.add("kcat is not installed: the kcat contenders were skipped (apt-get install kcat).");
            }
            notes.add(throughput.bytesPerRecord());
            List<Measurement> redrive = throughput.redrive("redrive-orders-dlt", deadLetterSize);
            all.addAll(redrive);
            ratios.add(new Ratio("bulk redrive vs producer-perf", redrive.get(0), redrive.get(1), 0.5, 0.1, "#6"));
            if (config.quick()) {
                notes.add("redrive: quick mode redrives " + config.redriveRecords() + " dead letters (the goal of #6 names 100 000)");
            }

            List<Measurement> search = throughput.search("avro-orders");
            all.addAll(search);
            ratios.add(new Ratio("filtered Avro search vs consumer-perf raw read", search.get(0), search.get(1), 0.5, 0.15, "#3"));

            all.add(pagingHeap(env, config, "avro-orders", notes));

            List<Measurement> seek = new SeekBench(env, config).run("seek-big", seekStart);
            all.addAll(seek);
            notes.add(String.format(java.util.Locale.ROOT, "seek-to-timestamp first page: median %.0f ms (goal ≤ 300 ms on a 10 M topic, #3)%s",
                    seek.get(0).median(), config.quick() ? "; quick mode uses a smaller topic" : ""));
            if (seek.size() > 1) {
                ratios.add(new Ratio("seek first page vs kcat -o s@TS (latency)", seek.get(0), seek.get(1), 1.0, 0.05, "#12"));
            }

            List<Measurement> micro = MicroBench.run(config, env.registry.url());
            all.addAll(micro);
            ratios.add(new Ratio("Avro decode + JSON render vs bare GenericDatumReader", micro.get(0), micro.get(1), 0.7, 0.15, "#3"));

            new JourneyBench(env, config).run(all, ratios, notes);
            if (config.ui()) {
                all.addAll(UiBench.run(env, config, notes));
            }
        }
        notes.add(String.format(java.util.Locale.ROOT, "whole suite took %.0f s", (System.nanoTime() - started) / 1e9));
        BenchReport.write(config, all, ratios, notes);
        System.err.println("bench: wrote " + config.reportFile() + " and " + config.plotFile());
        boolean ok = true;
        for (Ratio r : ratios) {
            System.out.printf(java.util.Locale.ROOT, "%-60s %6s (goal %.2f%s)%n", r.name(), r.shown(), r.goal(), r.meetsGoal() ? ", met" : ", NOT met");
            if (config.check() && !r.meetsCiFloor()) {
                System.err.printf(java.util.Locale.ROOT, "bench: REGRESSION: %s = %.2f is below the CI floor %.2f%n", r.name(), r.value(), r.ciFloor());
                ok = false;
            }
        }
        System.exit(ok ? 0 : 1);
    }

    /** Issue #3: heap while paging through the whole Avro topic page by page, in a child JVM capped at the 300 MB goal. */
    private static Measurement pagingHeap(BenchEnvironment env, BenchConfig config, String topic, List<String> notes) {
        Measurement heap = new Measurement("heap while paging through " + config.searchRecords() + " Avro records (500 per page)",
                "backtrack Browser next-page loop, -Xmx300m", "MB", false);
        BenchEnvironment.Run run;
        try {
            run = env.java(List.of("-Xmx300m"), PagingProbe.class.getName(), env.bootstrap(), env.registry.url(), topic);
        } catch (IllegalStateException e) {
            // e.g. OutOfMemoryError: the goal is missed; the rest of the suite still runs
            String first = e.getMessage() == null ? "" : e.getMessage().lines().filter(l -> l.contains("Error") || l.contains("Exception"))
                    .findFirst().orElse(e.getMessage().lines().findFirst().orElse(""));
            notes.add("paging: the probe did not finish within -Xmx300m (goal ≤ 300 MB, #3): " + first.strip());
            return heap;
        }
        String line = run.stdout().lines().filter(l -> l.startsWith("records=")).findFirst()
                .orElseThrow(() -> new IllegalStateException("the paging probe printed no result:\n" + run.stdout()));
        long records = Long.parseLong(line.replaceAll(".*records=(\\d+).*", "$1"));
        long peak = Long.parseLong(line.replaceAll(".*peakHeapBytes=(\\d+).*", "$1"));
        heap.add(peak / (1024.0 * 1024.0));
        notes.add(String.format(java.util.Locale.ROOT, "paging: %d records shown page by page, peak heap in use %.0f MB (goal ≤ 300 MB, #3)",
                records, peak / (1024.0 * 1024.0)));
        return heap;
    }
}
