package dev.backtrack.profile;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.WriteAction;
import dev.backtrack.kafka.WriteGuard;
import dev.backtrack.testing.CliRun;
import dev.backtrack.testing.TestServers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A full add → test → use → export cycle against the secured cluster and the registry, with Kafka's
 * client logging at INFO (it dumps every client config), then a search for every secret value in
 * every file Backtrack wrote and in everything that was logged or printed.
 */
class SecretLeakTest {
    private static final String REGISTRY_PASSWORD = "registry-Secret-5521";
    private static final String PASSPHRASE = "leak test passphrase";

    @TempDir
    Path dir;

    @Test
    void noSecretValueLeavesTheSecretStore() throws Exception {
        SecureTestCluster secure = SecureTestCluster.get();
        String registryUrl = TestServers.registryUrl();
        Path config = dir.resolve("config");
        Path data = dir.resolve("data");
        ProfileConnections.install(new ProfileContext(config, data,
                () -> new EncryptedFileSecretStore(config.resolve("secrets.enc"), SecretStores.fixedPassphrase(PASSPHRASE))));

        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger kafka = (Logger) LoggerFactory.getLogger("org.apache.kafka");
        Level kafkaLevel = kafka.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        kafka.setLevel(Level.INFO);
        List<String> printed = new ArrayList<>();
        Path export = dir.resolve("export.json");
        String topic = SecureTestCluster.GRANTED_TOPIC;
        try {
            // add: secrets on stdin, in the documented order
            CliRun add = CliRun.run(SecureTestCluster.PASSWORD + "\n" + SecureTestCluster.STORE_PASSWORD + "\n" + REGISTRY_PASSWORD + "\n",
                    "profile", "add", "team-secure", "--bootstrap", secure.secureBootstrap(), "--sasl-mechanism", "SCRAM-SHA-512",
                    "--username", SecureTestCluster.USER, "--truststore", secure.caTrustStore.toString(),
                    "--registry", registryUrl, "--registry-username", "registry-user");
            printed.add(add.out() + add.err());
            assertThat(add.exitCode()).as(add.err()).isZero();

            // test: every step against the real cluster and registry
            CliRun test = CliRun.run("", "profile", "test", "team-secure", "--topic", topic);
            printed.add(test.out() + test.err());
            assertThat(test.exitCode()).as(test.out() + test.err()).isZero();
            assertThat(test.out()).contains("authenticated as 'alice' with SCRAM-SHA-512").contains("subject(s)");

            // use: produce through the guarded engine, audit, read back
            ConnectionSettings settings = ProfileConnections.resolve("team-secure");
            WriteGuard guard = ProfileConnections.writeGuard();
            KafkaClients clients = new KafkaClients(settings, guard);
            try (KafkaProducer<byte[], byte[]> producer = clients.producer(WriteAction.PRODUCE, topic, Map.of())) {
                producer.send(new ProducerRecord<>(topic, 0, null, "hello".getBytes(StandardCharsets.UTF_8))).get(60, TimeUnit.SECONDS);
            }
            guard.recordWrite(settings, WriteAction.PRODUCE, topic, Map.of("records", 1, "jaasConfigHint", settings.clientProperties().get("sasl.jaas.config")));
            try (KafkaConsumer<byte[], byte[]> consumer = clients.consumer(IsolationLevel.READ_COMMITTED)) {
                TopicPartition tp = new TopicPartition(topic, 0);
                consumer.assign(List.of(tp));
                consumer.seekToBeginning(List.of(tp));
                int read = 0;
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (read == 0 && System.nanoTime() < deadline) {
                    read += consumer.poll(Duration.ofMillis(200)).count();
                }
                assertThat(read).isPositive();
            }
            printed.add(settings.toString());

            // export, both to stdout and to a file
            CliRun stdoutExport = CliRun.run("", "profile", "export");
            printed.add(stdoutExport.out() + stdoutExport.err());
            CliRun fileExport = CliRun.run("", "profile", "export", "team-secure", "--output", export.toString());
            assertThat(fileExport.exitCode()).isZero();
            CliRun show = CliRun.run("", "profile", "show", "team-secure", "--format", "json");
            printed.add(show.out() + show.err());
        } finally {
            kafka.setLevel(kafkaLevel);
            root.detachAppender(captured);
            ProfileConnections.install(null);
        }

        List<String> logLines = new ArrayList<>();
        for (ILoggingEvent event : captured.list) {
            logLines.add(event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                logLines.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
        }
        String logs = String.join("\n", logLines);
        // the capture really saw Kafka's config dumps, where a leak would show up
        assertThat(logs).contains("sasl.jaas.config = [hidden]").contains("ssl.truststore.password = [hidden]");

        String profileFile = Files.readString(config.resolve(ProfileStore.FILE_NAME));
        String audit = Files.readString(data.resolve(ProfileContext.AUDIT_FILE));
        String exported = Files.readString(export);
        assertThat(profileFile).contains("team-secure");
        assertThat(audit).contains("\"action\":\"PRODUCE\"").contains("\"jaasConfigHint\":\"[hidden]\"");
        assertThat(exported).contains("team-secure");
        for (String secret : List.of(SecureTestCluster.PASSWORD, SecureTestCluster.STORE_PASSWORD, REGISTRY_PASSWORD, PASSPHRASE)) {
            assertThat(profileFile).as("profile file").doesNotContain(secret);
            assertThat(audit).as("audit log").doesNotContain(secret);
            assertThat(exported).as("exported JSON").doesNotContain(secret);
            assertThat(logs).as("log output").doesNotContain(secret);
            assertThat(String.join("\n", printed)).as("CLI output").doesNotContain(secret);
            for (Path file : allFiles(dir)) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString()).doesNotContain(secret);
            }
        }
    }

    private static List<Path> allFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
