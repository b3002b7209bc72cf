package dev.backtrack.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A started sandbox. {@link #close()} stops both child JVMs (SIGTERM, clean shutdown, data kept) and
 * releases the data dir; a JVM shutdown hook does the same on Ctrl-C.
 */
public final class RunningSandbox implements AutoCloseable {
    private final BrokerServer broker;
    private final RegistryServer registry;
    private final DemoManifest manifest;
    private final SandboxDataDir data;
    private final Thread shutdownHook;
    private static final int SIGTERM_EXIT = 143;
    private volatile boolean closed;
    private volatile boolean closing;

    RunningSandbox(BrokerServer broker, RegistryServer registry, DemoManifest manifest, SandboxDataDir data) {
        this.broker = broker;
        this.registry = registry;
        this.manifest = manifest;
        this.data = data;
        this.shutdownHook = new Thread(this::closeQuietly, "stop-sandbox");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Kafka bootstrap servers, e.g. {@code 127.0.0.1:9092}. */
    public String bootstrap() {
        return broker.bootstrap();
    }

    /** Base URL of the registry's Confluent-compatible API, e.g. {@code http://127.0.0.1:8081/apis/ccompat/v7}. */
    public String registryUrl() {
        return registry.url();
    }

    /** The demo data's facts, empty when started with no demo data. */
    public Optional<DemoManifest> manifest() {
        return Optional.ofNullable(manifest);
    }

    public Path dataDir() {
        return data.dir();
    }

    public long brokerPid() {
        return broker.jvm().pid();
    }

    public long registryPid() {
        return registry.jvm().pid();
    }

    /** True while both child JVMs run. */
    public boolean isAlive() {
        return broker.jvm().isAlive() && registry.jvm().isAlive();
    }

    /**
     * Waits until a child JVM exits. Returns null when it was stopped on request (close, Ctrl-C: SIGTERM), else a
     * sentence saying which server crashed.
     */
    public String awaitUnexpectedExit() throws InterruptedException {
        while (true) {
            for (ChildJvm jvm : new ChildJvm[] {broker.jvm(), registry.jvm()}) {
                if (!jvm.isAlive()) {
                    boolean requested = closing || jvm.exitCode().orElse(0) == SIGTERM_EXIT;
                    return requested ? null : (jvm == broker.jvm() ? "the Kafka broker" : "the schema registry")
                            + " stopped unexpectedly (exit code " + jvm.exitCode().orElse(-1) + "); see " + jvm.logFile();
                }
            }
            Thread.sleep(500);
        }
    }

    @Override
    public synchronized void close() throws InterruptedException {
        closing = true;
        if (closed) {
            return;
        }
        closed = true;
        // both stop in parallel; each waits for its child's clean shutdown
        CompletableFuture<Void> registryStop = CompletableFuture.runAsync(() -> {
            try {
                registry.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        broker.close();
        registryStop.join();
        try {
            data.close();
        } catch (IOException e) {
            // the lock goes away with the process anyway
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
