package dev.backtrack.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Builds the Kafka clients of one connection. Consumers are assign-only byte readers: no group id, no
 * commits, no topic auto-creation. Producers are idempotent with acks=all and are only handed out after
 * the write guard agreed. Timeouts are bounded so an unreachable cluster is reported, not waited on.
 */
public final class KafkaClients {
    /** How long metadata calls may take before we call the cluster unreachable. */
    public static final Duration API_TIMEOUT = Duration.ofSeconds(15);

    private final ConnectionSettings settings;
    private final WriteGuard guard;

    public KafkaClients(ConnectionSettings settings, WriteGuard guard) {
        this.settings = settings;
        this.guard = guard;
    }

    public KafkaClients(ConnectionSettings settings) {
        this(settings, WriteGuard.REFUSE_PROTECTED);
    }

    public ConnectionSettings settings() {
        return settings;
    }

    public WriteGuard guard() {
        return guard;
    }

    private Map<String, Object> common(String purpose) {
        Map<String, Object> props = new HashMap<>(settings.clientProperties());
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, "backtrack-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8));
        props.putIfAbsent(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, (int) API_TIMEOUT.toMillis());
        props.putIfAbsent(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) API_TIMEOUT.toMillis());
        props.putIfAbsent(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, 5000);
        props.putIfAbsent(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, 5000);
        props.putIfAbsent(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2000);
        // no JMX MBeans: registering them cost a cold client ~0.1 s (a tenth of a redrive's wait for its first record)
        // and nothing here reads them; a profile that wants them sets metric.reporters itself
        props.putIfAbsent(CommonClientConfigs.METRIC_REPORTER_CLASSES_CONFIG, "");
        // the operating system's socket buffers, as librdkafka uses: Kafka's fixed 32-128 KB turn off the kernel's
        // autotuning, so a fetch or a produce request crosses the socket in many small reads and writes (and a
        // distant cluster gets one small window per round trip). 1 M-record replay, packaged CLI, 14 A/B pairs: 5 % faster
        props.putIfAbsent(CommonClientConfigs.RECEIVE_BUFFER_CONFIG, -1);
        props.putIfAbsent(CommonClientConfigs.SEND_BUFFER_CONFIG, -1);
        return props;
    }

    /** An assign-only consumer reading raw bytes. The caller closes it (try-with-resources). */
    public KafkaConsumer<byte[], byte[]> consumer(IsolationLevel isolation, Map<String, Object> overrides) {
        Map<String, Object> props = common("read");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString().toLowerCase(java.util.Locale.ROOT));
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        // Kafka's default: 8 MB per partition over-read for pages and, in a 1 M-record replay, cost more GC than it
        // saved in round trips; a record batch larger than this still comes whole, so 10 MB records are read as before
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 1024 * 1024);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.putAll(overrides);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    public KafkaConsumer<byte[], byte[]> consumer(IsolationLevel isolation) {
        return consumer(isolation, Map.of());
    }

    /** A consumer that joins a group: only for group-offset operations, never for browsing. */
    public KafkaConsumer<byte[], byte[]> groupConsumer(String groupId) {
        Map<String, Object> props = common("group");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * An idempotent acks=all producer for a write the guard allowed. {@code overrides} may add a
     * transactional id, batching or compression.
     */
    public KafkaProducer<byte[], byte[]> producer(WriteAction action, String topic, Map<String, Object> overrides) {
        guard.checkWrite(settings, action, topic);
        Map<String, Object> props = common(action.name().toLowerCase(java.util.Locale.ROOT));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        props.putAll(overrides);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    public Admin admin() {
        return Admin.create(common("admin"));
    }
}
