package dev.backtrack.reliability;

import dev.backtrack.sandbox.ChildJvm;
import dev.backtrack.testing.TestServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A one-node KRaft broker (child JVM) whose client listener is advertised on a {@link TcpProxy} port, so every
 * client connection (bootstrap and the partition leader's) goes through the proxy, while the broker talks to its
 * controller and to itself directly.
 */
final class ProxiedBroker implements AutoCloseable {
    private final ChildJvm jvm;
    private final TcpProxy proxy;

    private ProxiedBroker(ChildJvm jvm, TcpProxy proxy) {
        this.jvm = jvm;
        this.proxy = proxy;
    }

    static ProxiedBroker start(Path dir) throws IOException, InterruptedException {
        int internal = TestServers.freePort();
        int external = TestServers.freePort();
        int controller = TestServers.freePort();
        TcpProxy proxy = new TcpProxy(TestServers.freePort(), external);
        proxy.up();
        Path logDir = dir.resolve("kafka");
        Files.createDirectories(logDir);
        Path properties = dir.resolve("server.properties");
        Files.writeString(properties, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controller,
                "listeners=INTERNAL://127.0.0.1:" + internal + ",EXTERNAL://127.0.0.1:" + external + ",CONTROLLER://127.0.0.1:" + controller,
                "advertised.listeners=INTERNAL://127.0.0.1:" + internal + ",EXTERNAL://127.0.0.1:" + proxy.port(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=INTERNAL",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT",
                "log.dirs=" + logDir.toAbsolutePath(),
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false",
                ""), StandardCharsets.UTF_8);
        Path logback = dir.resolve("logback.xml");
        Files.writeString(logback, "<configuration><appender name=\"OUT\" class=\"ch.qos.logback.core.ConsoleAppender\"><encoder>"
                + "<pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder></appender>"
                + "<root level=\"WARN\"><appender-ref ref=\"OUT\"/></root></configuration>");
        List<String> jvmArgs = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dlogback.configurationFile=" + logback);
        String classpath = ChildCli.classpath();
        Path log = dir.resolve("broker.log");
        int formatted = ChildJvm.runToCompletion(jvmArgs, classpath, "kafka.tools.StorageTool",
                List.of("format", "-t", org.apache.kafka.common.Uuid.randomUuid().toString(), "-c", properties.toString()), log, Duration.ofSeconds(120));
        if (formatted != 0) {
            throw new IOException("formatting the proxied broker failed; see " + log);
        }
        ChildJvm jvm = ChildJvm.start("proxied broker", dir, jvmArgs, classpath, "kafka.Kafka", List.of(properties.toString()), Map.of(), log);
        jvm.awaitPort("127.0.0.1", external, Duration.ofSeconds(120));
        return new ProxiedBroker(jvm, proxy);
    }

    /** The address clients use: the proxy. */
    String bootstrap() {
        return "127.0.0.1:" + proxy.port();
    }

    TcpProxy proxy() {
        return proxy;
    }

    @Override
    public void close() throws InterruptedException {
        proxy.close();
        jvm.close();
    }
}
