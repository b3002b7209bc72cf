package dev.backtrack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.BacktrackException;
import dev.backtrack.browse.BrowseRequest;
import dev.backtrack.browse.Browser;
import dev.backtrack.browse.Cancellation;
import dev.backtrack.browse.TestData;
import dev.backtrack.codec.RecordDecoder;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

class TopicCatalogTest {
    @Test
    void listsTopicsAndDescribesPartitions() {
        String bootstrap = TestServers.bootstrap();
        String topic = TestTopics.create(bootstrap, "catalog", 2);
        try (KafkaProducer<byte[], byte[]> plain = TestData.producer(bootstrap);
             KafkaProducer<byte[], byte[]> tx = TestData.transactional(bootstrap)) {
            for (int i = 0; i < 10; i++) {
                TestData.send(plain, topic, 0, 1_000L + i, "k", "v" + i);
            }
            tx.beginTransaction();
            tx.send(new ProducerRecord<>(topic, 1, 9_000L, TestData.utf8("k"), TestData.utf8("open")));
            tx.flush();
            TopicCatalog catalog = new TopicCatalog(new KafkaClients(ConnectionSettings.plaintext(bootstrap)));
            assertThat(catalog.checkReachable()).isNotBlank();

            List<TopicInfo> visible = catalog.topics(false);
            assertThat(visible).anyMatch(t -> t.name().equals(topic) && t.partitions() == 2 && t.replicationFactor() == 1
                    && t.estimatedRecords() == 11);
            assertThat(visible).noneMatch(TopicInfo::internal);
            assertThat(catalog.topics(true)).anyMatch(t -> t.internal() && t.name().startsWith("__"));

            TopicDetails details = catalog.describe(topic);
            PartitionDetails p0 = details.partitions().get(0);
            assertThat(p0.leader()).isNotNull();
            assertThat(p0.replicas()).containsExactly(p0.leader());
            assertThat(p0.isr()).containsExactly(p0.leader());
            assertThat(p0.lowWatermark()).isZero();
            assertThat(p0.highWatermark()).isEqualTo(10);
            assertThat(p0.lastStableOffset()).isEqualTo(10);
            assertThat(p0.estimatedRecords()).isEqualTo(10);
            assertThat(p0.firstTimestamp()).isEqualTo(Instant.ofEpochMilli(1_000));
            assertThat(p0.lastTimestamp()).isEqualTo(Instant.ofEpochMilli(1_009));
            PartitionDetails p1 = details.partitions().get(1);
            assertThat(p1.highWatermark()).isEqualTo(1);
            assertThat(p1.lastStableOffset()).isZero(); // the open transaction holds the LSO
            assertThat(p1.lastTimestamp()).isEqualTo(Instant.ofEpochMilli(9_000));
            tx.abortTransaction();
        }
    }

    @Test
    void missingTopicIsOneSentence() {
        TopicCatalog catalog = new TopicCatalog(new KafkaClients(ConnectionSettings.plaintext(TestServers.bootstrap())));
        assertThatThrownBy(() -> catalog.describe("does-not-exist"))
                .isInstanceOf(BacktrackException.class).hasMessage("topic 'does-not-exist' does not exist");
    }

    @Test
    void unreachableBootstrapFailsWithinTheTimeout() {
        int closedPort = TestServers.freePort();
        ConnectionSettings settings = ConnectionSettings.plaintext("127.0.0.1:" + closedPort);
        long started = System.nanoTime();
        assertThatThrownBy(() -> new TopicCatalog(new KafkaClients(settings)).topics(false))
                .isInstanceOf(BacktrackException.class).hasMessage("cannot reach Kafka at 127.0.0.1:" + closedPort + " within 15 s");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isLessThan(Duration.ofSeconds(25));
        System.out.println("unreachable bootstrap reported after " + took.toMillis() + " ms");

        Browser browser = new Browser(new KafkaClients(settings), new RecordDecoder((RegistrySettings) null));
        long browseStart = System.nanoTime();
        assertThatThrownBy(() -> browser.read(BrowseRequest.of("t"), Cancellation.none()))
                .isInstanceOf(BacktrackException.class).hasMessageStartingWith("cannot reach Kafka at 127.0.0.1:" + closedPort);
        assertThat(Duration.ofNanos(System.nanoTime() - browseStart)).isLessThan(Duration.ofSeconds(25));
    }

    @Test
    void errorSentences() {
        ConnectionSettings s = ConnectionSettings.plaintext("broker:9093");
        assertThat(KafkaErrors.describe(new ExecutionException(new SaslAuthenticationException("Authentication failed: Invalid username or password")), s, null))
                .isEqualTo("authentication failed at Kafka broker:9093: Authentication failed: Invalid username or password");
        assertThat(KafkaErrors.describe(new SslAuthenticationException("SSL handshake failed",
                new javax.net.ssl.SSLHandshakeException("PKIX path building failed")), s, null))
                .isEqualTo("TLS handshake with Kafka at broker:9093 failed: PKIX path building failed");
        assertThat(KafkaErrors.describe(new TopicAuthorizationException(java.util.Set.of("orders")), s, "orders"))
                .isEqualTo("not authorised to access topic 'orders' on broker:9093 (missing ACL)");
        assertThat(KafkaErrors.describe(new UnknownTopicOrPartitionException("x"), s, "orders")).isEqualTo("topic 'orders' does not exist");
    }
}
