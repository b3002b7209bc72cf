package dev.backtrack.redrive;

import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.testing.TestServers;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Dead letters written byte-exactly as Spring Kafka's DeadLetterPublishingRecoverer and Kafka Connect's
 * DeadLetterQueueReporter write them (semantics brief §3): Spring numbers are ByteBuffer putInt/putLong,
 * texts UTF-8; Connect numbers are decimal text.
 */
final class DeadLetterFixtures {
    private DeadLetterFixtures() {
    }

    static Header utf8(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    static Header int4(String name, int value) {
        return new RecordHeader(name, ByteBuffer.allocate(4).putInt(value).array());
    }

    static Header long8(String name, long value) {
        return new RecordHeader(name, ByteBuffer.allocate(8).putLong(value).array());
    }

    /** The original-record headers of one DLPR publication (appended on each re-dead-lettering). */
    static List<Header> springOriginal(String prefix, String topic, int partition, long offset, long timestamp, String group) {
        List<Header> h = new ArrayList<>();
        h.add(utf8(prefix + "topic", topic));
        h.add(int4(prefix + "partition", partition));
        h.add(long8(prefix + "offset", offset));
        h.add(long8(prefix + "timestamp", timestamp));
        h.add(utf8(prefix + "timestamp-type", "CreateTime"));
        if (group != null) {
            h.add(utf8("kafka_dlt-original-consumer-group", group));
        }
        return h;
    }

    static List<Header> springException(String prefix, String fqcn, String causeFqcn, String message) {
        List<Header> h = new ArrayList<>();
        h.add(utf8(prefix + "fqcn", fqcn));
        if (causeFqcn != null) {
            h.add(utf8(prefix + "cause-fqcn", causeFqcn));
        }
        h.add(utf8(prefix + "message", message));
        h.add(utf8(prefix + "stacktrace", fqcn + ": " + message + "\n\tat com.example.Listener.onMessage(Listener.java:42)\n"));
        return h;
    }

    /** A complete Spring DLT header set, as DLPR writes it for a value failure. */
    static List<Header> springDlt(String topic, int partition, long offset, long timestamp, String group,
                                  String fqcn, String cause, String message) {
        List<Header> h = new ArrayList<>(springOriginal("kafka_dlt-original-", topic, partition, offset, timestamp, group));
        h.addAll(springException("kafka_dlt-exception-", fqcn, cause, message));
        return h;
    }

    static List<Header> connect(String topic, int partition, long offset, String exceptionClass, String message) {
        List<Header> h = new ArrayList<>();
        h.add(utf8("__connect.errors.topic", topic));
        h.add(utf8("__connect.errors.partition", Integer.toString(partition)));
        h.add(utf8("__connect.errors.offset", Long.toString(offset)));
        h.add(utf8("__connect.errors.connector.name", "jdbc-sink"));
        h.add(utf8("__connect.errors.task.id", "0"));
        h.add(utf8("__connect.errors.stage", "VALUE_CONVERTER"));
        h.add(utf8("__connect.errors.class.name", "io.confluent.connect.avro.AvroConverter"));
        h.add(utf8("__connect.errors.exception.class.name", exceptionClass));
        h.add(utf8("__connect.errors.exception.message", message));
        h.add(utf8("__connect.errors.exception.stacktrace", exceptionClass + ": " + message + "\n\tat org.apache.kafka.connect..."));
        return h;
    }

    static List<Header> retry(int attempts, long backoffTimestamp, long originalTimestamp) {
        return List.of(int4("retry_topic-attempts", attempts),
                new RecordHeader("retry_topic-backoff-timestamp", BigInteger.valueOf(backoffTimestamp).toByteArray()),
                new RecordHeader("retry_topic-original-timestamp", BigInteger.valueOf(originalTimestamp).toByteArray()));
    }

    static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.bootstrap(),
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    static void send(KafkaProducer<byte[], byte[]> producer, String topic, Integer partition, byte[] key, byte[] value,
                     List<Header> headers) throws Exception {
        producer.send(new ProducerRecord<>(topic, partition, null, key, value, headers)).get();
    }

    static KafkaClients clients() {
        return new KafkaClients(ConnectionSettings.plaintext(TestServers.bootstrap()));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
