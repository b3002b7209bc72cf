package dev.backtrack.profile;

import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaErrors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * "Test connection": DNS + TCP to every bootstrap address, a TLS handshake, authentication, describe
 * cluster, optionally access to one topic, and the schema registry, each reported as its own step with
 * a bounded timeout. Later steps are skipped when an earlier one makes them pointless.
 */
public final class ConnectionTester {
    public static final String TLS = "TLS handshake";
    public static final String AUTHENTICATION = "authentication";
    public static final String DESCRIBE_CLUSTER = "describe cluster";
    public static final String TOPIC_ACCESS = "topic access";
    public static final String REGISTRY = RegistryProbe.STEP;

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Duration networkTimeout;
    private final Duration apiTimeout;

    public ConnectionTester(Duration networkTimeout, Duration apiTimeout) {
        this.networkTimeout = networkTimeout;
        this.apiTimeout = apiTimeout;
    }

    public ConnectionTester() {
        this(Duration.ofSeconds(5), Duration.ofSeconds(15));
    }

    /** Tests {@code settings} (resolved from {@code profile}); {@code topic} may be null. */
    public ConnectionTestReport test(Profile profile, ConnectionSettings settings, String topic) {
        List<ConnectionTestStep> steps = new ArrayList<>();
        List<BootstrapAddress> addresses = BootstrapAddress.parseList(settings.bootstrapServers());
        BootstrapAddress reachable = null;
        for (BootstrapAddress address : addresses) {
            ConnectionTestStep step = NetworkProbe.check(address, networkTimeout);
            steps.add(step);
            if (reachable == null && step.status() == StepStatus.OK) {
                reachable = address;
            }
        }
        boolean kafkaUsable = reachable != null;
        if (!profile.securityProtocol().usesTls()) {
            steps.add(ConnectionTestStep.skipped(TLS, "the profile does not use TLS (" + profile.securityProtocol() + ")"));
        } else if (!kafkaUsable) {
            steps.add(ConnectionTestStep.skipped(TLS, "no bootstrap server is reachable"));
        } else {
            ConnectionTestStep tls = TlsProbe.check(settings, reachable, networkTimeout);
            steps.add(tls);
            kafkaUsable = tls.status() == StepStatus.OK;
        }
        if (kafkaUsable) {
            steps.addAll(kafkaSteps(profile, settings, topic));
        } else {
            String reason = reachable == null ? "no bootstrap server is reachable" : "the TLS handshake failed";
            steps.add(ConnectionTestStep.skipped(AUTHENTICATION, reason));
            steps.add(ConnectionTestStep.skipped(DESCRIBE_CLUSTER, reason));
            if (topic != null) {
                steps.add(ConnectionTestStep.skipped(TOPIC_ACCESS, reason));
            }
        }
        if (settings.registry() == null) {
            steps.add(ConnectionTestStep.skipped(REGISTRY, "no schema registry configured"));
        } else {
            steps.add(RegistryProbe.check(settings.registry(), networkTimeout));
        }
        return new ConnectionTestReport(profile.name(), steps);
    }

    private List<ConnectionTestStep> kafkaSteps(Profile profile, ConnectionSettings settings, String topic) {
        List<ConnectionTestStep> steps = new ArrayList<>();
        long start = System.nanoTime();
        Admin admin = null;
        try {
            admin = Admin.create(adminProperties(settings));
            DescribeClusterResult cluster = admin.describeCluster();
            String clusterId;
            Collection<Node> nodes;
            Node controller;
            try {
                clusterId = cluster.clusterId().get(apiTimeout.toMillis(), TimeUnit.MILLISECONDS);
                nodes = cluster.nodes().get(apiTimeout.toMillis(), TimeUnit.MILLISECONDS);
                controller = cluster.controller().get(apiTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof AuthenticationException) {
                    steps.add(ConnectionTestStep.failed(AUTHENTICATION, authenticationFailure(profile, settings, cause), start));
                    steps.add(ConnectionTestStep.skipped(DESCRIBE_CLUSTER, "authentication failed"));
                } else {
                    steps.add(ConnectionTestStep.ok(AUTHENTICATION, authenticated(profile), start));
                    steps.add(ConnectionTestStep.failed(DESCRIBE_CLUSTER, KafkaErrors.describe(cause, settings, null), start));
                }
                skipTopic(steps, topic);
                return steps;
            } catch (TimeoutException e) {
                steps.add(ConnectionTestStep.failed(AUTHENTICATION, "no answer from Kafka at " + settings.bootstrapServers()
                        + " within " + apiTimeout.toSeconds() + " s (wrong security protocol or listener?)", start));
                steps.add(ConnectionTestStep.skipped(DESCRIBE_CLUSTER, "Kafka did not answer"));
                skipTopic(steps, topic);
                return steps;
            }
            steps.add(ConnectionTestStep.ok(AUTHENTICATION, authenticated(profile), start));
            steps.add(ConnectionTestStep.ok(DESCRIBE_CLUSTER, "cluster " + clusterId + ", " + nodes.size() + " broker(s), controller "
                    + (controller == null || controller.isEmpty() ? "unknown" : controller.idString()), start));
            if (topic != null) {
                steps.add(topicStep(admin, settings, profile, topic));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            steps.add(ConnectionTestStep.failed(AUTHENTICATION, "interrupted", start));
        } catch (RuntimeException e) {
            steps.add(ConnectionTestStep.failed(AUTHENTICATION, KafkaErrors.describe(e, settings, null), start));
        } finally {
            if (admin != null) {
                admin.close(CLOSE_TIMEOUT);
            }
        }
        return steps;
    }

    private ConnectionTestStep topicStep(Admin admin, ConnectionSettings settings, Profile profile, String topic) {
        long start = System.nanoTime();
        try {
            Map<String, TopicDescription> described = admin.describeTopics(Set.of(topic)).allTopicNames()
                    .get(apiTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return ConnectionTestStep.ok(TOPIC_ACCESS, "topic '" + topic + "' has "
                    + described.get(topic).partitions().size() + " partition(s)", start);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicAuthorizationException) {
                return ConnectionTestStep.failed(TOPIC_ACCESS, "not authorised to access topic '" + topic + "'"
                        + principal(profile) + " (missing ACL)", start);
            }
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return ConnectionTestStep.failed(TOPIC_ACCESS, "topic '" + topic + "' does not exist", start);
            }
            return ConnectionTestStep.failed(TOPIC_ACCESS, KafkaErrors.describe(e.getCause(), settings, topic), start);
        } catch (TimeoutException e) {
            return ConnectionTestStep.failed(TOPIC_ACCESS, "describing topic '" + topic + "' took longer than "
                    + apiTimeout.toSeconds() + " s", start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConnectionTestStep.failed(TOPIC_ACCESS, "interrupted", start);
        }
    }

    private static void skipTopic(List<ConnectionTestStep> steps, String topic) {
        if (topic != null) {
            steps.add(ConnectionTestStep.skipped(TOPIC_ACCESS, "the cluster could not be described"));
        }
    }

    /** "authentication failed for user 'u' (mechanism SCRAM-SHA-512)" and friends. */
    static String authenticationFailure(Profile profile, ConnectionSettings settings, Throwable cause) {
        if (cause instanceof SslAuthenticationException) {
            String host = BootstrapAddress.parseList(settings.bootstrapServers()).getFirst().host();
            return TlsFailures.describe(cause, host);
        }
        if (cause instanceof SaslAuthenticationException && profile.sasl() != null) {
            return "authentication failed for user '" + profile.sasl().username() + "' (mechanism "
                    + profile.sasl().mechanism().kafkaName() + ")";
        }
        return KafkaErrors.describe(cause, settings, null);
    }

    private static String authenticated(Profile profile) {
        if (profile.sasl() != null) {
            return "authenticated" + principal(profile) + " with " + profile.sasl().mechanism().kafkaName();
        }
        if (profile.securityProtocol().usesTls() && profile.tls().keyStore() != null) {
            return "authenticated with the client certificate (mutual TLS)";
        }
        return "connected without authentication (" + profile.securityProtocol() + ")";
    }

    private static String principal(Profile profile) {
        return profile.sasl() == null || profile.sasl().username() == null ? "" : " as '" + profile.sasl().username() + "'";
    }

    private Map<String, Object> adminProperties(ConnectionSettings settings) {
        Map<String, Object> props = new HashMap<>(settings.clientProperties());
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, "backtrack-connection-test");
        props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, (int) apiTimeout.toMillis());
        props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) apiTimeout.toMillis());
        props.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, (int) networkTimeout.toMillis());
        props.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, (int) networkTimeout.toMillis());
        props.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        props.put(CommonClientConfigs.RETRIES_CONFIG, 0);
        return props;
    }
}
