package dev.backtrack.profile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One secured in-process KRaft node for the profile tests, started once per test JVM:
 * <ul>
 * <li>EXTERNAL: PLAINTEXT, inter-broker and test setup (its ANONYMOUS principal is the super user);</li>
 * <li>SECURE: SASL_SSL with SCRAM-SHA-512; the broker certificate names only DNS "localhost" (no IP),
 *     so connecting by 127.0.0.1 is a host name mismatch;</li>
 * <li>MTLS: SSL with ssl.client.auth=required.</li>
 * </ul>
 * StandardAuthorizer denies by default; user alice may describe/read/write topic {@link #GRANTED_TOPIC}
 * only, and the mTLS client may describe/read it. {@link #DENIED_TOPIC} has no ACL at all.
 * Public so the desktop tests (e.g. the profile editor's test connection) can use the same cluster.
 */
public final class SecureTestCluster {
    public static final String USER = "alice";
    public static final String PASSWORD = "alice-Sw0rdfish-7731";
    public static final String STORE_PASSWORD = "store-Pass-4412";
    public static final String GRANTED_TOPIC = "granted-orders";
    public static final String DENIED_TOPIC = "denied-payroll";
    public static final String CLIENT_CN = "backtrack-client";

    private static SecureTestCluster instance;

    public final KafkaClusterTestKit cluster;
    public final Path dir;
    public final Path caTrustStore;
    public final Path caPem;
    public final Path otherCaTrustStore;
    public final Path clientKeyStore;
    public final Path clientPemKeyStore;
    public final int securePort;
    public final int mtlsPort;

    private SecureTestCluster(KafkaClusterTestKit cluster, Path dir, Path caTrustStore, Path caPem, Path otherCaTrustStore,
                              Path clientKeyStore, Path clientPemKeyStore) {
        this.cluster = cluster;
        this.dir = dir;
        this.caTrustStore = caTrustStore;
        this.caPem = caPem;
        this.otherCaTrustStore = otherCaTrustStore;
        this.clientKeyStore = clientKeyStore;
        this.clientPemKeyStore = clientPemKeyStore;
        this.securePort = cluster.brokers().get(0).boundPort(new ListenerName("SECURE"));
        this.mtlsPort = cluster.brokers().get(0).boundPort(new ListenerName("MTLS"));
    }

    public static synchronized SecureTestCluster get() {
        if (instance == null) {
            try {
                instance = start();
            } catch (Exception e) {
                throw new IllegalStateException("could not start the secured test cluster: " + e, e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    instance.cluster.close();
                } catch (Exception e) {
                    System.err.println("closing the secured test cluster failed: " + e);
                }
                // its key and trust stores, so a test run leaves no backtrack-pki* directory in /tmp
                try {
                    dev.backtrack.testing.TestFiles.deleteTree(instance.dir);
                } catch (java.io.IOException e) {
                    System.err.println("removing " + instance.dir + " failed: " + e);
                }
            }));
        }
        return instance;
    }

    public String secureBootstrap() {
        return "localhost:" + securePort;
    }

    public String mtlsBootstrap() {
        return "localhost:" + mtlsPort;
    }

    public String plaintextBootstrap() {
        return cluster.bootstrapServers();
    }

    private static SecureTestCluster start() throws Exception {
        Path dir = Files.createTempDirectory("backtrack-pki");
        TestPki.Issued ca = TestPki.certificateAuthority("Backtrack Test CA");
        TestPki.Issued broker = TestPki.issue(ca, "localhost", List.of("localhost"), List.of());
        TestPki.Issued client = TestPki.issue(ca, CLIENT_CN, List.of(), List.of());
        TestPki.Issued otherCa = TestPki.certificateAuthority("Some Other CA");
        Path brokerStore = TestPki.keyStore(dir.resolve("broker.p12"), broker, STORE_PASSWORD);
        Path caTrust = TestPki.trustStore(dir.resolve("ca-trust.p12"), STORE_PASSWORD, ca.certificate());
        Path caPem = TestPki.pem(dir.resolve("ca.pem"), ca.certificate());
        Path otherTrust = TestPki.trustStore(dir.resolve("other-ca-trust.p12"), STORE_PASSWORD, otherCa.certificate());
        Path clientStore = TestPki.keyStore(dir.resolve("client.p12"), client, STORE_PASSWORD);
        Path clientPem = TestPki.pemKeyStore(dir.resolve("client.pem"), client);

        TestKitNodes nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("listeners", "EXTERNAL://localhost:0,CONTROLLER://localhost:0,SECURE://localhost:0,MTLS://localhost:0")
                .setConfigProp("listener.security.protocol.map", "EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,SECURE:SASL_SSL,MTLS:SSL")
                .setConfigProp("inter.broker.listener.name", "EXTERNAL")
                .setConfigProp("sasl.enabled.mechanisms", "SCRAM-SHA-512")
                .setConfigProp("listener.name.secure.scram-sha-512.sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required;")
                .setConfigProp("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .setConfigProp("super.users", "User:ANONYMOUS")
                .setConfigProp("allow.everyone.if.no.acl.found", "false")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("auto.create.topics.enable", "false");
        for (String listener : List.of("secure", "mtls")) {
            String prefix = "listener.name." + listener + ".";
            builder.setConfigProp(prefix + "ssl.keystore.location", brokerStore.toString())
                    .setConfigProp(prefix + "ssl.keystore.password", STORE_PASSWORD)
                    .setConfigProp(prefix + "ssl.key.password", STORE_PASSWORD)
                    .setConfigProp(prefix + "ssl.keystore.type", "PKCS12");
        }
        builder.setConfigProp("listener.name.mtls.ssl.truststore.location", caTrust.toString())
                .setConfigProp("listener.name.mtls.ssl.truststore.password", STORE_PASSWORD)
                .setConfigProp("listener.name.mtls.ssl.truststore.type", "PKCS12")
                .setConfigProp("listener.name.mtls.ssl.client.auth", "required");
        KafkaClusterTestKit cluster = builder.build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(USER,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), PASSWORD))).all().get();
            admin.createTopics(List.of(new NewTopic(GRANTED_TOPIC, 2, (short) 1), new NewTopic(DENIED_TOPIC, 1, (short) 1))).all().get();
            ResourcePattern granted = new ResourcePattern(ResourceType.TOPIC, GRANTED_TOPIC, PatternType.LITERAL);
            admin.createAcls(List.of(
                    allow(granted, "User:" + USER, AclOperation.DESCRIBE),
                    allow(granted, "User:" + USER, AclOperation.READ),
                    allow(granted, "User:" + USER, AclOperation.WRITE),
                    allow(granted, "User:CN=" + CLIENT_CN, AclOperation.DESCRIBE),
                    allow(granted, "User:CN=" + CLIENT_CN, AclOperation.READ))).all().get();
        }
        return new SecureTestCluster(cluster, dir, caTrust, caPem, otherTrust, clientStore, clientPem);
    }

    private static AclBinding allow(ResourcePattern pattern, String principal, AclOperation operation) {
        return new AclBinding(pattern, new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
