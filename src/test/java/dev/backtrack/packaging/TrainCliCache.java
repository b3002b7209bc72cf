package dev.backtrack.packaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.bench.DataSets;
import dev.backtrack.sandbox.DemoManifest;
import dev.backtrack.sandbox.DemoSizes;
import dev.backtrack.sandbox.DemoTopic;
import dev.backtrack.sandbox.RunningSandbox;
import dev.backtrack.sandbox.Sandbox;
import dev.backtrack.sandbox.SandboxOptions;
import dev.backtrack.testing.TestServers;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Packaging step (Linux {@code -Pdist}): records the CLI launcher's ahead-of-time cache. It starts a sandbox
 * (real broker, real registry, demo data), then runs {@link dev.backtrack.cli.AotTraining} with the app image's
 * own runtime, JVM options and class path (read from the CLI launcher's {@code .cfg}) and
 * {@code -XX:AOTCacheOutput}: browsing and searching Avro, replaying (the demo orders, and 300 000 plain records),
 * listing and redriving dead letters. The cache goes next to the jars in the app image and in the installers'
 * input, where the launcher's {@code -XX:AOTCache=$APPDIR/backtrack-cli.aot} finds it.
 *
 * <p>Arguments: the app image directory, the jpackage input directory.
 */
public final class TrainCliCache {
    private static final String CACHE = "backtrack-cli.aot";
    /**
     * A long replay's source: plain records (a key, two headers, a 500 B value), written as the benchmark's replay
     * source writes them. The demo topics are small; with 300 000 records the replay's hot path is profiled as a
     * real replay runs it, and the JIT can use those profiles from the start. 1 M records, packaged CLI, 6
     * interleaved pairs: 6.3 s instead of 7.1 s, with 16 % less CPU; a 1 M Avro search (8 pairs, within 3 %) and a
     * 100 k redrive (3 pairs) took as long as before.
     */
    private static final String PLAIN = "aot-training-plain";
    private static final int PLAIN_RECORDS = 300_000;
    private static final DemoSizes TRAINING = new DemoSizes(30_000, 200, 3_000, 2_000, 200, 5, 20, 5, 10_000, 100, 30, 1024 * 1024);

    private TrainCliCache() {
    }

    public static void main(String[] args) throws Exception {
        Path appImage = Path.of(args[0]);
        Path input = Path.of(args[1]);
        Path appDir = appImage.resolve("lib/app");
        Path work = Files.createTempDirectory("backtrack-aot-training");
        long start = System.nanoTime();
        SandboxOptions options = new SandboxOptions(TestServers.freePort(), TestServers.freePort(), work.resolve("sandbox"), true, true,
                TRAINING, message -> System.err.println("aot-training: " + message));
        try (RunningSandbox sandbox = Sandbox.start(options)) {
            DemoManifest demo = sandbox.manifest().orElseThrow();
            DataSets.replaySource(sandbox.bootstrap(), PLAIN, PLAIN_RECORDS);
            Path commands = work.resolve("commands.json");
            new ObjectMapper().writeValue(commands.toFile(), commands(sandbox.bootstrap(), sandbox.registryUrl(), demo));
            Path cache = work.resolve(CACHE);
            List<String> command = new ArrayList<>();
            command.add(appImage.resolve("lib/runtime/bin/java").toString());
            LauncherConfig config = LauncherConfig.read(appDir.resolve("backtrack-cli.cfg"));
            command.addAll(config.trainingOptions(appDir));
            command.add("-Dbacktrack.data.dir=" + work.resolve("data"));
            command.add("-XX:AOTCacheOutput=" + cache);
            command.add("-cp");
            command.add(String.join(File.pathSeparator, config.classpath(appDir)));
            command.add("dev.backtrack.cli.AotTraining");
            command.add(commands.toString());
            Process training = new ProcessBuilder(command).inheritIO().start();
            if (!training.waitFor(10, TimeUnit.MINUTES)) {
                training.destroyForcibly();
                throw new IllegalStateException("the AOT training run did not finish in 10 minutes");
            }
            if (training.exitValue() != 0 || !Files.isRegularFile(cache) || Files.size(cache) == 0) {
                throw new IllegalStateException("the AOT training run failed (exit " + training.exitValue() + "); no cache was written");
            }
            Files.copy(cache, appDir.resolve(CACHE), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(cache, input.resolve(CACHE), StandardCopyOption.REPLACE_EXISTING);
            System.err.printf("aot-training: %s, %d MB, in %.0f s%n", input.resolve(CACHE), Files.size(cache) >> 20,
                    (System.nanoTime() - start) / 1e9);
        } finally {
            dev.backtrack.testing.TestFiles.deleteTree(work);
        }
    }

    /** What a user does with the CLI, against the demo data: browse, search, replay, dead letters. */
    private static List<List<String>> commands(String bootstrap, String registry, DemoManifest demo) {
        String orders = demo.topic(DemoTopic.ORDERS);
        String dlt = demo.topic(DemoTopic.ORDERS_DLT);
        List<String> connect = List.of("--bootstrap", bootstrap, "--registry", registry);
        List<List<String>> out = new ArrayList<>();
        out.add(with(List.of("topics"), connect));
        out.add(with(List.of("browse", orders, "--from-beginning", "--limit", "2000"), connect));
        out.add(with(List.of("browse", orders, "--from-beginning", "--filter", "value.total > 100.0 && key.startsWith('c')", "--limit", "0"), connect));
        out.add(with(List.of("browse", orders, "--last", "200", "--format", "table"), connect));
        out.add(with(List.of("replay", orders, "--to", "aot-training-replay", "--create-target", "--verify", "--yes"), connect));
        out.add(with(List.of("replay", PLAIN, "--to", PLAIN + "-copy", "--create-target", "--yes"), connect));
        out.add(with(List.of("dlt", "list", dlt, "--group-by", "exception"), connect));
        out.add(with(List.of("dlt", "redrive", dlt, "--set", "status=\"CREATED\"", "--dry-run"), connect));
        out.add(with(List.of("dlt", "redrive", dlt, "--set", "status=\"CREATED\"", "--yes"), connect));
        return out;
    }

    private static List<String> with(List<String> command, List<String> connect) {
        List<String> all = new ArrayList<>(command);
        all.addAll(connect);
        return all;
    }
}
