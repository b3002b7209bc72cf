package dev.backtrack.ui.redrive;

import dev.backtrack.browse.Cancellation;
import dev.backtrack.browse.PartitionRange;
import dev.backtrack.browse.RangeReader;
import dev.backtrack.codec.SchemaInfo;
import dev.backtrack.codec.SchemaRegistryClient;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.kafka.RegistrySettings;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Dead letters written byte-exactly as Spring Kafka's DeadLetterPublishingRecoverer writes them (binary
 * big-endian partition/offset/timestamp, UTF-8 texts) and Avro values framed as the Confluent serializer frames
 * them, on the shared test broker and registry.
 */
final class DltFixture {
    static final String PAYMENT = """
            {"type":"record","name":"Payment","namespace":"com.example","fields":[
              {"name":"id","type":"long"},
              {"name":"customer","type":"string"},
              {"name":"amount","type":"double"},
              {"name":"status","type":"string"}]}""";
    static final Schema SCHEMA = new Schema.Parser().parse(PAYMENT);

    private DltFixture() {
    }

    static KafkaClients clients(String name, boolean writeProtected) {
        return new KafkaClients(ConnectionSettings.plaintext(TestServers.bootstrap()).withName(name)
                .withRegistry(RegistrySettings.of(TestServers.registryUrl())).withWriteProtected(writeProtected));
    }

    /** A topic whose name ends in {@code -dlt}, as Spring names dead-letter topics. */
    static String deadLetterTopic(String original, int partitions) {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", TestServers.bootstrap()))) {
            String name = original + "-dlt";
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(name, partitions, (short) 1))).all().get();
            dev.backtrack.kafka.TopicCreator.awaitLeaders(admin, List.of(name), java.time.Duration.ofSeconds(60));
            return name;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Header utf8(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    static List<Header> springDlt(String topic, int partition, long offset, long timestamp, String group,
                                  String fqcn, String cause, String message) {
        List<Header> h = new ArrayList<>();
        h.add(utf8("kafka_dlt-original-topic", topic));
        h.add(new RecordHeader("kafka_dlt-original-partition", ByteBuffer.allocate(4).putInt(partition).array()));
        h.add(new RecordHeader("kafka_dlt-original-offset", ByteBuffer.allocate(8).putLong(offset).array()));
        h.add(new RecordHeader("kafka_dlt-original-timestamp", ByteBuffer.allocate(8).putLong(timestamp).array()));
        h.add(utf8("kafka_dlt-original-timestamp-type", "CreateTime"));
        h.add(utf8("kafka_dlt-original-consumer-group", group));
        h.add(utf8("kafka_dlt-exception-fqcn", fqcn));
        if (cause != null) {
            h.add(utf8("kafka_dlt-exception-cause-fqcn", cause));
        }
        h.add(utf8("kafka_dlt-exception-message", message));
        h.add(utf8("kafka_dlt-exception-stacktrace", fqcn + ": " + message + "\n\tat com.example.Listener.onMessage(Listener.java:42)\n"));
        return h;
    }

    static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.bootstrap(),
                ProducerConfig.LINGER_MS_CONFIG, 5), new ByteArraySerializer(), new ByteArraySerializer());
    }

    static void send(KafkaProducer<byte[], byte[]> producer, String topic, Long timestamp, byte[] key, byte[] value,
                     List<Header> headers) {
        try {
            producer.send(new ProducerRecord<>(topic, 0, timestamp, key, value, headers)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static int registerPayment() {
        return SchemaRegistryClient.shared(RegistrySettings.of(TestServers.registryUrl()))
                .register(TestTopics.unique("payments") + "-value", PAYMENT, SchemaInfo.SchemaType.AVRO, List.of());
    }

    static byte[] payment(int schemaId, long id, String customer, double amount, String status) {
        GenericRecord r = new GenericData.Record(SCHEMA);
        r.put("id", id);
        r.put("customer", customer);
        r.put("amount", amount);
        r.put("status", status);
        return dev.backtrack.testing.ConfluentAvro.frame(SCHEMA, schemaId, r);
    }

    /** The schema id of a Confluent-framed value, checked independently of the codec engine. */
    static int schemaId(byte[] framed) {
        return dev.backtrack.testing.ConfluentAvro.schemaId(framed);
    }

    static GenericRecord readPayment(byte[] framed) {
        return dev.backtrack.testing.ConfluentAvro.read(SCHEMA, framed);
    }

    static List<RawRecord> readAll(KafkaClients clients, String topic) {
        List<RawRecord> out = new ArrayList<>();
        List<PartitionRange> ranges = new ArrayList<>();
        try (var consumer = clients.consumer(IsolationLevel.READ_UNCOMMITTED)) {
            for (var info : consumer.partitionsFor(topic)) {
                TopicPartition tp = new TopicPartition(topic, info.partition());
                ranges.add(new PartitionRange(info.partition(), 0, consumer.endOffsets(List.of(tp)).get(tp)));
            }
        }
        new RangeReader(clients, IsolationLevel.READ_UNCOMMITTED).read(topic, ranges, b -> out.addAll(b), Cancellation.none());
        return out;
    }

    static String header(RawRecord r, String name) {
        RawHeader h = r.lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
