package dev.backtrack.bench;

import java.nio.file.Path;

/**
 * Sizes and switches of one benchmark run. Quick mode (CI) uses small data sets and fewer runs so the
 * whole suite stays under ~3 minutes; the full mode uses the sizes the issues name (1 M, 10 M, 100 000 dead letters).
 */
record BenchConfig(boolean quick, int replayRecords, int searchRecords, int seekRecords, int redriveRecords, int runs, Path reportFile,
                   Path plotFile, boolean check, boolean ui) {

    static BenchConfig parse(String[] args) {
        boolean quick = false;
        boolean check = false;
        boolean ui = true;
        Integer replay = null;
        Integer search = null;
        Integer seek = null;
        Integer redrive = null;
        Integer runs = null;
        Path report = Path.of("docs/BENCHMARKS.md");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--check" -> check = true;
                case "--no-ui" -> ui = false;
                case "--replay-records" -> replay = Integer.parseInt(args[++i]);
                case "--search-records" -> search = Integer.parseInt(args[++i]);
                case "--seek-records" -> seek = Integer.parseInt(args[++i]);
                case "--redrive-records" -> redrive = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--report" -> report = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (options: --quick --check --no-ui --replay-records N --search-records N --seek-records N --redrive-records N --runs N --report FILE)");
            }
        }
        int replayRecords = replay != null ? replay : quick ? 100_000 : 1_000_000;
        int searchRecords = search != null ? search : quick ? 100_000 : 1_000_000;
        int seekRecords = seek != null ? seek : quick ? 300_000 : 10_000_000;
        int redriveRecords = redrive != null ? redrive : quick ? 20_000 : 100_000;
        int runCount = runs != null ? runs : quick ? 3 : 5;
        Path plot = report.resolveSibling("benchmarks-throughput.png");
        if (quick) {
            report = Path.of("target/bench/BENCHMARKS-quick.md");
            plot = Path.of("target/bench/benchmarks-throughput-quick.png");
        }
        return new BenchConfig(quick, replayRecords, searchRecords, seekRecords, redriveRecords, runCount, report, plot, check, ui);
    }
}
