package dev.backtrack.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.KafkaErrors;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real-broker security tests against one secured in-process cluster (SASL_SSL + SCRAM-SHA-512, mTLS,
 * StandardAuthorizer, a CA generated with Bouncy Castle): each failure is reported at the right step
 * with a clear sentence and a bounded time.
 */
class SecuredConnectionTest {
    private static SecureTestCluster secure;
    private final ConnectionTester tester = new ConnectionTester(Duration.ofSeconds(10), Duration.ofSeconds(30));

    @BeforeAll
    static void startCluster() {
        secure = SecureTestCluster.get();
    }

    private static Profile scram(String bootstrap, String trustStore, StoreType type, boolean verifyHostname) {
        return new Profile("secure", null, Environment.DEV, bootstrap, SecurityProtocol.SASL_SSL,
                SaslSettings.userPassword(SaslMechanism.SCRAM_SHA_512, SecureTestCluster.USER),
                new TlsSettings(trustStore, type, null, null, false, !verifyHostname), null, Map.of(), Map.of(), false);
    }

    private static ConnectionSettings resolve(Profile profile, String saslPassword) {
        InMemorySecretStore secrets = new InMemorySecretStore();
        if (saslPassword != null) {
            secrets.write(profile.name(), SecretKind.SASL_PASSWORD, saslPassword);
        }
        secrets.write(profile.name(), SecretKind.TRUSTSTORE_PASSWORD, SecureTestCluster.STORE_PASSWORD);
        secrets.write(profile.name(), SecretKind.KEYSTORE_PASSWORD, SecureTestCluster.STORE_PASSWORD);
        return new ProfileResolver(secrets).resolve(profile);
    }

    private ConnectionTestReport test(Profile profile, String saslPassword, String topic) {
        return assertTimeoutPreemptively(Duration.ofSeconds(90), () -> tester.test(profile, resolve(profile, saslPassword), topic));
    }

    private static ConnectionTestStep step(ConnectionTestReport report, String name) {
        return report.step(name).orElseThrow(() -> new AssertionError("no step " + name + " in " + report));
    }

    @Test
    void rightSecretConnectsAndEveryStepIsReported() {
        Profile profile = scram(secure.secureBootstrap(), secure.caTrustStore.toString(), StoreType.PKCS12, true);
        ConnectionTestReport report = test(profile, SecureTestCluster.PASSWORD, SecureTestCluster.GRANTED_TOPIC);

        assertThat(report.succeeded()).as(report.toString()).isTrue();
        assertThat(step(report, "DNS/TCP " + secure.secureBootstrap()).status()).isEqualTo(StepStatus.OK);
        assertThat(step(report, ConnectionTester.TLS).message()).contains("host name verified").contains("CN=localhost");
        assertThat(step(report, ConnectionTester.AUTHENTICATION).message()).isEqualTo("authenticated as 'alice' with SCRAM-SHA-512");
        assertThat(step(report, ConnectionTester.DESCRIBE_CLUSTER).message()).contains("1 broker(s)");
        assertThat(step(report, ConnectionTester.TOPIC_ACCESS).message()).contains("2 partition(s)");
        assertThat(step(report, ConnectionTester.REGISTRY).status()).isEqualTo(StepStatus.SKIPPED);
    }

    @Test
    void pemTrustStoreWorksLikePkcs12() {
        Profile profile = scram(secure.secureBootstrap(), secure.caPem.toString(), null, true);
        assertThat(profile.tls().trustStoreType()).isEqualTo(StoreType.PEM);
        assertThat(profile.requiredSecrets()).containsExactly(SecretKind.SASL_PASSWORD);

        ConnectionTestReport report = test(profile, SecureTestCluster.PASSWORD, null);

        assertThat(report.succeeded()).as(report.toString()).isTrue();
    }

    @Test
    void wrongPasswordNamesUserAndMechanism() {
        Profile profile = scram(secure.secureBootstrap(), secure.caTrustStore.toString(), StoreType.PKCS12, true);
        ConnectionTestReport report = test(profile, "not-the-password", null);

        assertThat(step(report, ConnectionTester.TLS).status()).isEqualTo(StepStatus.OK);
        ConnectionTestStep auth = step(report, ConnectionTester.AUTHENTICATION);
        assertThat(auth.status()).isEqualTo(StepStatus.FAILED);
        assertThat(auth.message()).isEqualTo("authentication failed for user 'alice' (mechanism SCRAM-SHA-512)");
        assertThat(step(report, ConnectionTester.DESCRIBE_CLUSTER).status()).isEqualTo(StepStatus.SKIPPED);
    }

    @Test
    void untrustedCertificateIsReportedAtTheTlsStepAndByTheKafkaClient() throws Exception {
        Profile profile = scram(secure.secureBootstrap(), secure.otherCaTrustStore.toString(), StoreType.PKCS12, true);
        ConnectionTestReport report = test(profile, SecureTestCluster.PASSWORD, null);

        ConnectionTestStep tls = step(report, ConnectionTester.TLS);
        assertThat(tls.status()).isEqualTo(StepStatus.FAILED);
        assertThat(tls.message()).isEqualTo("the certificate of localhost is not trusted: it is not signed by a CA in the configured trust store");
        assertThat(step(report, ConnectionTester.AUTHENTICATION).status()).isEqualTo(StepStatus.SKIPPED);

        // the Kafka client itself fails the same way, and the message is mapped the same way
        ConnectionSettings settings = resolve(profile, SecureTestCluster.PASSWORD);
        Throwable failure = describeClusterFailure(settings);
        assertThat(ConnectionTester.authenticationFailure(profile, settings, failure)).contains("is not trusted");
    }

    @Test
    void hostNameNotInTheCertificateIsRefusedUnlessVerificationIsExplicitlyOff() {
        String byIp = "127.0.0.1:" + secure.securePort;
        ConnectionTestReport report = test(scram(byIp, secure.caTrustStore.toString(), StoreType.PKCS12, true),
                SecureTestCluster.PASSWORD, null);

        ConnectionTestStep tls = step(report, ConnectionTester.TLS);
        assertThat(tls.status()).isEqualTo(StepStatus.FAILED);
        assertThat(tls.message()).startsWith("the certificate of 127.0.0.1 does not match the host name '127.0.0.1'");

        ConnectionTestReport unverified = test(scram(byIp, secure.caTrustStore.toString(), StoreType.PKCS12, false),
                SecureTestCluster.PASSWORD, null);
        assertThat(unverified.succeeded()).as(unverified.toString()).isTrue();
        assertThat(step(unverified, ConnectionTester.TLS).message()).contains("host name NOT verified");
    }

    @Test
    void mutualTlsSucceedsWithTheClientCertificateAndFailsWithout() {
        Profile withCert = new Profile("mtls", null, Environment.DEV, secure.mtlsBootstrap(), SecurityProtocol.SSL, null,
                new TlsSettings(secure.caTrustStore.toString(), StoreType.PKCS12, secure.clientKeyStore.toString(),
                        StoreType.PKCS12, false, false), null, Map.of(), Map.of(), false);
        ConnectionTestReport ok = test(withCert, null, SecureTestCluster.GRANTED_TOPIC);
        assertThat(ok.succeeded()).as(ok.toString()).isTrue();
        assertThat(step(ok, ConnectionTester.AUTHENTICATION).message()).contains("client certificate");

        Profile pemFiles = new Profile("mtls", null, Environment.DEV, secure.mtlsBootstrap(), SecurityProtocol.SSL, null,
                new TlsSettings(secure.caPem.toString(), null, secure.clientPemKeyStore.toString(), null, false, false),
                null, Map.of(), Map.of(), false);
        assertThat(pemFiles.requiredSecrets()).isEmpty();
        ConnectionTestReport pem = test(pemFiles, null, null);
        assertThat(pem.succeeded()).as(pem.toString()).isTrue();

        Profile withoutCert = new Profile("mtls", null, Environment.DEV, secure.mtlsBootstrap(), SecurityProtocol.SSL, null,
                new TlsSettings(secure.caTrustStore.toString(), StoreType.PKCS12, null, null, false, false),
                null, Map.of(), Map.of(), false);
        ConnectionTestReport refused = test(withoutCert, null, null);
        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.firstFailure().orElseThrow().message())
                .isEqualTo("localhost rejected the client certificate (mutual TLS: configure a key store the broker trusts)");
    }

    @Test
    void aclDeniedTopicSaysNotAuthorisedInsteadOfHanging() {
        Profile profile = scram(secure.secureBootstrap(), secure.caTrustStore.toString(), StoreType.PKCS12, true);
        ConnectionTestReport report = test(profile, SecureTestCluster.PASSWORD, SecureTestCluster.DENIED_TOPIC);
        assertThat(step(report, ConnectionTester.AUTHENTICATION).status()).isEqualTo(StepStatus.OK);
        assertThat(step(report, ConnectionTester.TOPIC_ACCESS).message())
                .isEqualTo("not authorised to access topic 'denied-payroll' as 'alice' (missing ACL)");

        // the engine's assign-only consumer fails fast with the same meaning
        ConnectionSettings settings = resolve(profile, SecureTestCluster.PASSWORD);
        TopicAuthorizationException denied = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaClients(settings).consumer(IsolationLevel.READ_COMMITTED)) {
                consumer.assign(List.of(new TopicPartition(SecureTestCluster.DENIED_TOPIC, 0)));
                consumer.seekToBeginning(consumer.assignment());
                return assertThrows(TopicAuthorizationException.class, () -> {
                    for (int i = 0; i < 100; i++) {
                        consumer.poll(Duration.ofMillis(500));
                    }
                });
            }
        });
        assertThat(KafkaErrors.describe(denied, settings, SecureTestCluster.DENIED_TOPIC)).contains("not authorised");
    }

    private static Throwable describeClusterFailure(ConnectionSettings settings) throws InterruptedException {
        try (Admin admin = new KafkaClients(settings).admin()) {
            admin.describeCluster().clusterId().get(60, TimeUnit.SECONDS);
            throw new AssertionError("describeCluster unexpectedly succeeded");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("describeCluster did not fail within 60 s", e);
        }
    }
}
