package dev.backtrack.bench;

import dev.backtrack.profile.ProfileContext;
import dev.backtrack.sandbox.BrokerServer;
import dev.backtrack.sandbox.ChildJvm;
import dev.backtrack.sandbox.RegistryServer;
import dev.backtrack.testing.TestServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The servers and tools of one benchmark run: a real standalone broker and a real registry (child JVMs on
 * loopback, like a user's), and helpers that run a whole process (a Backtrack CLI command, a Kafka perf
 * tool, a kcat pipe) and time it from launch to exit.
 */
final class BenchEnvironment implements AutoCloseable {
    final Path workDir;
    final BrokerServer broker;
    final RegistryServer registry;
    final String classpath;

    /** A run stopped with Ctrl-C or a plain kill still removes its data sets (the servers' own hooks stop them). */
    private final Thread cleanupOnExit;
    private final AtomicBoolean closed = new AtomicBoolean();

    private BenchEnvironment(Path workDir, BrokerServer broker, RegistryServer registry, String classpath) {
        this.workDir = workDir;
        this.broker = broker;
        this.registry = registry;
        this.classpath = classpath;
        this.cleanupOnExit = new Thread(() -> {
            try {
                stopAndDelete();
            } catch (Exception e) {
                System.err.println("backtrack-bench: could not remove " + workDir + ": " + e.getMessage());
            }
        }, "bench-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanupOnExit);
    }

    static BenchEnvironment start() throws Exception {
        Path work = Files.createTempDirectory("backtrack-bench");
        String cp = System.getProperty("java.class.path");
        BrokerServer broker = BrokerServer.start(TestServers.freePort(), work.resolve("broker"), Duration.ofSeconds(120));
        RegistryServer registry = RegistryServer.start(TestServers.freePort(), TestServers.freePort(), work.resolve("registry.log"),
                Duration.ofSeconds(120));
        // the broker deletes a deleted topic's files 60 s later by default, in the middle of some later timed run
        DataSets.setClusterDefault(broker.bootstrap(), "log.segment.delete.delay.ms", "1000");
        return new BenchEnvironment(work, broker, registry, cp);
    }

    /**
     * Deletes {@code topics} and waits until the broker has removed their files, so that freeing their disk and page
     * cache (about 0.4 s of kernel time for 2.4 GB here) is not charged to whichever timed process runs next.
     */
    void deleteTopics(List<String> topics) {
        DataSets.deleteTopics(bootstrap(), topics);
        org.awaitility.Awaitility.await("the broker removing the files of " + topics).atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    try (var entries = Files.list(broker.logDir())) {
                        return entries.noneMatch(e -> e.getFileName().toString().endsWith("-delete"));
                    }
                });
    }

    String bootstrap() {
        return broker.bootstrap();
    }

    /** Result of a timed process: wall time in seconds, exit code, captured stdout. */
    record Run(double seconds, int exitCode, String stdout, String stderr) {
    }

    /**
     * Runs a Backtrack CLI command the way its launchers do (the packaged CLI launcher's JVM options, the runtime
     * class path only, no test jars) plus {@code extraJvm}, to completion, and times it.
     */
    Run cli(List<String> extraJvm, String... args) {
        extraJvm = withPrivateDirs(extraJvm);
        List<String> command = new ArrayList<>();
        java.util.Optional<Path> packaged = CliLaunch.packagedLauncher();
        if (packaged.isPresent()) {
            // the installed layout: its own runtime, options and AOT cache; extra options reach its JVM from the environment
            command.add(packaged.get().toString());
            command.addAll(List.of(args));
            return run(command, extraJvm.isEmpty() ? java.util.Map.of() : java.util.Map.of("JAVA_TOOL_OPTIONS", String.join(" ", extraJvm)));
        }
        command.add(ChildJvm.javaExecutable().toString());
        command.addAll(CliLaunch.jvmOptions());
        command.addAll(extraJvm);
        command.add("-cp");
        command.add(CliLaunch.runtimeClasspath());
        command.add("dev.backtrack.cli.Main");
        command.addAll(List.of(args));
        return run(command);
    }

    /**
     * {@code extraJvm} plus this run's own config and data directories, unless it names them: the benchmark's replays
     * would otherwise fill the audit log of the user who runs it.
     */
    private List<String> withPrivateDirs(List<String> extraJvm) {
        List<String> options = new ArrayList<>(extraJvm);
        for (String property : List.of(ProfileContext.CONFIG_DIR_PROPERTY, ProfileContext.DATA_DIR_PROPERTY)) {
            if (extraJvm.stream().noneMatch(o -> o.startsWith("-D" + property + "="))) {
                options.add("-D" + property + "=" + workDir.resolve("cli").resolve(property.substring("backtrack.".length())));
            }
        }
        return options;
    }

    /** Runs {@code java -cp <test classpath> mainClass args} to completion and times it. */
    Run java(List<String> jvmArgs, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ChildJvm.javaExecutable().toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(List.of(args));
        return run(command);
    }

    /** Runs a shell pipeline (for kcat) and times it. */
    Run shell(String script) {
        return run(List.of("bash", "-o", "pipefail", "-c", script));
    }

    private Run run(List<String> command) {
        return run(command, java.util.Map.of());
    }

    private Run run(List<String> command, java.util.Map<String, String> environment) {
        try {
            Path out = Files.createTempFile(workDir, "out", ".txt");
            Path err = Files.createTempFile(workDir, "err", ".txt");
            settle();
            long start = System.nanoTime();
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process p = builder.start();
            if (!p.waitFor(30, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Run run = new Run(seconds, p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            if (run.exitCode() != 0) {
                throw new IllegalStateException("exit " + run.exitCode() + ": " + String.join(" ", command.subList(Math.max(0, command.size() - 12), command.size()))
                        + "\n" + tail(run.stderr()));
            }
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes the page cache's dirty pages out before a timed process starts. Each replay contender leaves ~650 MB
     * of log segments dirty; without this the kernel writes them back while later contenders run. Replay scenario,
     * 5 runs, two series each way, spread of the runs (coefficient of variation): kcat pipe 14 % and 16 % without,
     * 6 % and 5 % with; the replay 7 % and 12 % without, 6 % and 5 % with.
     */
    private static void settle() throws IOException, InterruptedException {
        Process sync = new ProcessBuilder("sync").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!sync.waitFor(5, TimeUnit.MINUTES)) {
            sync.destroyForcibly();
        }
    }

    private static String tail(String s) {
        return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
    }

    static boolean hasKcat() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, "kcat"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws Exception {
        stopAndDelete();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
        } catch (IllegalStateException ignored) {
            // already shutting down: the hook finds the work done
        }
    }

    private void stopAndDelete() throws Exception {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        registry.close();
        broker.close();
        // the full-size data sets take tens of GB: a run must not leave them behind in the temp directory
        dev.backtrack.testing.TestFiles.deleteTree(workDir);
    }
}
