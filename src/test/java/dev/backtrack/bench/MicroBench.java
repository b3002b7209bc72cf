package dev.backtrack.bench;

import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs the JMH benchmarks (two forks; one fork and short iterations in quick mode) and turns their scores into measurements. */
final class MicroBench {
    private MicroBench() {
    }

    static List<Measurement> run(BenchConfig config, String registryUrl) throws Exception {
        Options options = new OptionsBuilder()
                .include(AvroDecodeBenchmark.class.getName())
                .forks(config.quick() ? 1 : 2) // a second fork evens out JIT luck (one fork varied the ratio by ±0.05)
                .warmupIterations(config.quick() ? 2 : 3)
                .warmupTime(TimeValue.seconds(config.quick() ? 1 : 3))
                .measurementIterations(config.runs())
                .measurementTime(TimeValue.seconds(config.quick() ? 1 : 3))
                .jvmArgsAppend("-Dbench.registry=" + registryUrl, "-Xmx512m")
                .shouldDoGC(true)
                .build();
        Measurement ours = new Measurement("Avro decode (+ JSON render for Backtrack)", "backtrack decode + render", "records/s", true);
        Measurement bare = new Measurement(ours.scenario, "bare GenericDatumReader (no rendering)", "records/s", true);
        Measurement cel = new Measurement("CEL evaluation on a decoded record", "CelFilter.test", "evaluations/s", true);
        for (RunResult result : new Runner(options).run()) {
            String name = result.getParams().getBenchmark();
            Measurement target = name.endsWith("backtrackDecodeAndRender") ? ours : name.endsWith("bareGenericDatumReader") ? bare : cel;
            result.getBenchmarkResults().forEach(br -> br.getIterationResults()
                    .forEach(it -> target.add(it.getPrimaryResult().getScore())));
        }
        return List.of(ours, bare, cel);
    }
}
