package dev.backtrack.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node KRaft broker (combined broker + controller, kafka_2.13) run as a child JVM on
 * 127.0.0.1 only. Storage is formatted on the first start and kept in {@code dataDir/kafka}, so a
 * restart keeps the topics. The quorum is static (voters in the config), so the controller port may
 * differ between runs.
 */
public final class BrokerServer implements AutoCloseable {
    public static final String CLASSPATH_PROPERTY = "backtrack.test.classpath.file";
    private static final List<String> JVM_FLAGS = List.of("-Xms256m", "-Xmx768m", "-XX:TieredStopAtLevel=1",
            "-Djava.awt.headless=true", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow");

    private final ChildJvm jvm;
    private final int port;
    private final Path logDir;

    private BrokerServer(ChildJvm jvm, int port, Path logDir) {
        this.jvm = jvm;
        this.port = port;
        this.logDir = logDir;
    }

    /**
     * Starts the broker and returns once it answers {@code describeCluster}. The caller checked nothing:
     * a taken port gives a {@link SandboxException} with a clear sentence before anything is started.
     */
    public static BrokerServer start(int port, Path dataDir, Duration timeout)
            throws IOException, InterruptedException, SandboxException {
        requireFreePort(port, "--kafka-port");
        String classpath = classpath();
        Path logDir = dataDir.resolve("kafka");
        int controllerPort = LocalPorts.free();
        Files.createDirectories(logDir);
        Path logback = writeLogbackConfig(dataDir);
        Path properties = dataDir.resolve("server.properties");
        Files.writeString(properties, serverProperties(port, controllerPort, logDir), StandardCharsets.UTF_8);
        List<String> jvmArgs = new java.util.ArrayList<>(JVM_FLAGS);
        jvmArgs.add("-Dlogback.configurationFile=" + logback);
        Path log = dataDir.resolve("logs").resolve("broker.log");
        if (!Files.isRegularFile(logDir.resolve("meta.properties"))) {
            format(jvmArgs, classpath, properties, log);
        }
        ChildJvm jvm = ChildJvm.start("kafka broker", dataDir, jvmArgs, classpath, "kafka.Kafka",
                List.of(properties.toString()), Map.of(), log);
        BrokerServer broker = new BrokerServer(jvm, port, logDir);
        try {
            jvm.awaitPort("127.0.0.1", port, timeout);
            broker.awaitCluster(timeout);
        } catch (IOException | InterruptedException e) {
            jvm.close();
            throw e;
        }
        return broker;
    }

    /** The jars of kafka_2.13 and its dependencies: the file the build writes ({@code target/classpath-test.txt}). */
    static String classpath() throws SandboxException {
        String configured = System.getProperty(CLASSPATH_PROPERTY);
        Path file = configured != null ? Path.of(configured) : SourceTree.root().resolve("target/classpath-test.txt");
        try {
            String classpath = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!classpath.contains("kafka_2.13")) {
                throw new SandboxException("the Kafka broker jars are not listed in " + file
                        + "; run './mvnw generate-resources' in the Backtrack source tree");
            }
            return classpath;
        } catch (IOException e) {
            throw new SandboxException("the Kafka broker classpath file " + file
                    + " is missing; run './mvnw generate-resources' in the Backtrack source tree", e);
        }
    }

    private static void format(List<String> jvmArgs, String classpath, Path properties, Path log)
            throws IOException, InterruptedException, SandboxException {
        List<String> args = List.of("format", "-t", Uuid.randomUuid().toString(), "-c", properties.toString());
        int exit = ChildJvm.runToCompletion(jvmArgs, classpath, "kafka.tools.StorageTool", args, log, Duration.ofSeconds(60));
        if (exit != 0) {
            throw new SandboxException("formatting the Kafka storage failed (exit code " + exit + "); see " + log);
        }
    }

    static String serverProperties(int port, int controllerPort, Path logDir) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                // properties files do not expand variables: the real path goes in
                "log.dirs=" + logDir.toAbsolutePath().toString().replace("\\", "/"),
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=5",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=5",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                "message.max.bytes=" + (16 * 1024 * 1024),
                "replica.fetch.max.bytes=" + (16 * 1024 * 1024),
                // the demo's compacted topic should show its gaps within seconds
                "log.cleaner.backoff.ms=1000",
                "");
    }

    private static Path writeLogbackConfig(Path dataDir) throws IOException {
        Path file = dataDir.resolve("logback-broker.xml");
        Files.writeString(file, """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <root level="WARN"><appender-ref ref="OUT"/></root>
                </configuration>
                """, StandardCharsets.UTF_8);
        return file;
    }

    private void awaitCluster(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))) {
            while (true) {
                try {
                    if (!admin.describeCluster(new DescribeClusterOptions().timeoutMs(5000)).nodes()
                            .get(6, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // not serving yet
                }
                if (!jvm.isAlive()) {
                    throw new IOException("the Kafka broker exited before it was ready; see " + jvm.logFile());
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("the Kafka broker did not answer within " + timeout.toSeconds() + " s; see " + jvm.logFile());
                }
                Thread.sleep(100);
            }
        }
    }

    /** Fails with the sentence the CLI shows when something already listens on (or holds) the port. */
    static void requireFreePort(int port, String option) throws SandboxException {
        if (!LocalPorts.isFree(port) || ChildJvm.isListening("127.0.0.1", port)) {
            throw new SandboxException("port " + port + " is already in use; choose another with " + option);
        }
    }

    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** The broker's {@code log.dirs}: its topics' partition directories. */
    public Path logDir() {
        return logDir;
    }

    public int port() {
        return port;
    }

    public ChildJvm jvm() {
        return jvm;
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }
}
