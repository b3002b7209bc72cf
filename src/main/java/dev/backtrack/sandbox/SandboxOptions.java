package dev.backtrack.sandbox;

import dev.dirs.ProjectDirectories;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * How to start the sandbox. {@code progress} receives one-line messages (the CLI prints them on stderr).
 *
 * @param fresh    wipe the data dir first (only a sandbox data dir or an empty one is ever wiped)
 * @param demoData create the demo data on first start; ignored when it exists already
 */
public record SandboxOptions(int kafkaPort, int registryPort, Path dataDir, boolean fresh, boolean demoData,
                             DemoSizes sizes, Consumer<String> progress) {
    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_REGISTRY_PORT = 8081;

    public SandboxOptions {
        if (kafkaPort == registryPort) {
            throw new IllegalArgumentException("the Kafka and registry ports must differ");
        }
        dataDir = dataDir.toAbsolutePath().normalize();
        progress = progress == null ? message -> { } : progress;
    }

    /** Ports 9092/8081, the user's data dir, full demo data, progress on stderr. */
    public static SandboxOptions defaults() {
        return new SandboxOptions(DEFAULT_KAFKA_PORT, DEFAULT_REGISTRY_PORT, defaultDataDir(), false, true, DemoSizes.FULL,
                message -> System.err.println("backtrack: " + message));
    }

    /** The per-user data dir, e.g. {@code ~/.local/share/backtrack/sandbox} on Linux. */
    public static Path defaultDataDir() {
        return Path.of(ProjectDirectories.from("dev", "backtrack", "Backtrack").dataDir, "sandbox");
    }

    public SandboxOptions withPorts(int kafka, int registry) {
        return new SandboxOptions(kafka, registry, dataDir, fresh, demoData, sizes, progress);
    }

    public SandboxOptions withDataDir(Path dir) {
        return new SandboxOptions(kafkaPort, registryPort, dir, fresh, demoData, sizes, progress);
    }

    public SandboxOptions withFresh(boolean wipe) {
        return new SandboxOptions(kafkaPort, registryPort, dataDir, wipe, demoData, sizes, progress);
    }

    public SandboxOptions withDemoData(boolean create, DemoSizes demoSizes) {
        return new SandboxOptions(kafkaPort, registryPort, dataDir, fresh, create, demoSizes, progress);
    }

    public SandboxOptions withProgress(Consumer<String> messages) {
        return new SandboxOptions(kafkaPort, registryPort, dataDir, fresh, demoData, sizes, messages);
    }
}
