package dev.backtrack.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.backtrack.cli.Main;
import dev.backtrack.codec.SchemaRegistryClient;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RegistrySettings;
import dev.backtrack.testing.TestServers;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox with real child processes: start with demo data, stop cleanly (no process left), restart
 * through the real CLI in its own JVM with the data kept, and stop that one with SIGTERM (what Ctrl-C does).
 */
class SandboxLifecycleTest {
    @TempDir
    Path dataDir;

    private SandboxOptions options(int kafkaPort, int registryPort) {
        return SandboxOptions.defaults().withPorts(kafkaPort, registryPort).withDataDir(dataDir)
                .withDemoData(true, DemoSizes.SMALL).withProgress(m -> { });
    }

    @Test
    void startsStopsCleanlyAndRestartsThroughTheCliWithDataKept() throws Exception {
        DemoManifest first;
        List<ProcessHandle> children = new ArrayList<>();
        try (RunningSandbox sandbox = Sandbox.start(options(TestServers.freePort(), TestServers.freePort()))) {
            assertThat(sandbox.bootstrap()).matches("127\\.0\\.0\\.1:\\d+");
            assertThat(sandbox.registryUrl()).matches("http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7");
            first = sandbox.manifest().orElseThrow();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", sandbox.bootstrap()))) {
                assertThat(admin.listTopics().names().get()).containsAll(first.topics().values());
            }
            for (long pid : new long[] {sandbox.brokerPid(), sandbox.registryPid()}) {
                ProcessHandle child = ProcessHandle.of(pid).orElseThrow();
                children.add(child);
                child.descendants().forEach(children::add);
            }
        }
        assertThat(children).noneMatch(ProcessHandle::isAlive);
        assertThat(Files.isRegularFile(dataDir.resolve("demo-manifest.json"))).isTrue();

        int kafkaPort = TestServers.freePort();
        int registryPort = TestServers.freePort();
        Process cli = startCli("sandbox", "--kafka-port", Integer.toString(kafkaPort), "--registry-port",
                Integer.toString(registryPort), "--data", dataDir.toString());
        try {
            List<String> lines = readTwoLines(cli);
            assertThat(lines).containsExactly("bootstrap=127.0.0.1:" + kafkaPort,
                    "registry=http://127.0.0.1:" + registryPort + "/apis/ccompat/v7");
            String bootstrap = "127.0.0.1:" + kafkaPort;
            String registryUrl = lines.get(1).substring("registry=".length());
            var clients = new KafkaClients(ConnectionSettings.plaintext(bootstrap));
            assertThat(Sandbox.endOffsetSum(clients, first.topic(DemoTopic.ORDERS))).isEqualTo(first.count(DemoTopic.ORDERS));
            assertThat(Sandbox.manifest(dataDir)).contains(first);
            var orders = TopicReader.readAll(bootstrap, first.topic(DemoTopic.ORDERS), IsolationLevel.READ_COMMITTED);
            assertThat(orders).hasSize((int) first.count(DemoTopic.ORDERS));
            // the new in-memory registry knows the ids the stored records carry
            byte[] value = orders.get(orders.size() - 1).value();
            int id = ByteBuffer.wrap(value, 1, 4).getInt();
            String schemaText = new SchemaRegistryClient(RegistrySettings.of(registryUrl)).getSchemaById(id).schema();
            Schema schema = new Schema.Parser().parse(schemaText);
            GenericRecord order = new GenericDatumReader<GenericRecord>(schema)
                    .read(null, DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null));
            assertThat(order.get("orderId")).isInstanceOf(Long.class);
            List<ProcessHandle> cliChildren = cli.descendants().toList();
            assertThat(cliChildren).hasSizeGreaterThanOrEqualTo(2);
            cli.destroy();
            assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> cliChildren.stream().noneMatch(ProcessHandle::isAlive));
        } finally {
            cli.descendants().forEach(ProcessHandle::destroyForcibly);
            cli.destroyForcibly();
        }
        assertThat(Files.isDirectory(dataDir.resolve("kafka"))).isTrue();
    }

    @Test
    void aTakenPortGivesTheClearErrorAndExitCodeOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> Sandbox.start(options(port, TestServers.freePort())))
                    .isInstanceOf(SandboxException.class)
                    .hasMessage("port " + port + " is already in use; choose another with --kafka-port");
            assertThatThrownBy(() -> Sandbox.start(options(TestServers.freePort(), port)))
                    .hasMessage("port " + port + " is already in use; choose another with --registry-port");
            StringWriter err = new StringWriter();
            int exit = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err, true), "sandbox",
                    "--kafka-port", Integer.toString(port), "--registry-port", Integer.toString(TestServers.freePort()),
                    "--data", dataDir.toString());
            assertThat(exit).isEqualTo(1);
            assertThat(err.toString()).isEqualTo("backtrack: port " + port + " is already in use; choose another with --kafka-port"
                    + System.lineSeparator());
        }
    }

    @Test
    void refusesToUseADirectoryThatIsNotASandbox() throws Exception {
        Files.writeString(dataDir.resolve("thesis.tex"), "precious");
        assertThatThrownBy(() -> Sandbox.start(options(TestServers.freePort(), TestServers.freePort()).withFresh(true)))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("is not a Backtrack sandbox directory");
        assertThat(Files.readString(dataDir.resolve("thesis.tex"))).isEqualTo("precious");
    }

    private static Process startCli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ChildJvm.javaExecutable().toString(), "-Xmx256m",
                "-D" + RegistryServer.DIR_PROPERTY + "=" + System.getProperty(RegistryServer.DIR_PROPERTY),
                "-D" + BrokerServer.CLASSPATH_PROPERTY + "=" + System.getProperty(BrokerServer.CLASSPATH_PROPERTY),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** The first two stdout lines, within 120 s. */
    private static List<String> readTwoLines(Process process) throws Exception {
        CompletableFuture<List<String>> lines = CompletableFuture.supplyAsync(() -> {
            List<String> out = new ArrayList<>();
            try {
                BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                String line;
                while (out.size() < 2 && (line = reader.readLine()) != null) {
                    out.add(line);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return out;
        });
        return lines.get(120, TimeUnit.SECONDS);
    }
}
