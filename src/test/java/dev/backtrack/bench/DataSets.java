package dev.backtrack.bench;

import dev.backtrack.codec.SchemaInfo;
import dev.backtrack.codec.SchemaRegistryClient;
import dev.backtrack.codec.WireFormat;
import dev.backtrack.kafka.RegistrySettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Generates the benchmark data sets on the benchmark broker. */
public final class DataSets {
    static final String ORDER_SCHEMA = """
            {"type":"record","name":"BenchOrder","namespace":"bench","fields":[
              {"name":"id","type":"long"},
              {"name":"customer","type":{"type":"record","name":"Customer","fields":[
                {"name":"name","type":"string"},{"name":"tier","type":{"type":"enum","name":"Tier","symbols":["BRONZE","SILVER","GOLD"]}}]}},
              {"name":"total","type":"double"},
              {"name":"items","type":{"type":"array","items":"string"}},
              {"name":"note","type":["null","string"],"default":null}]}""";

    private DataSets() {
    }

    static void createTopic(String bootstrap, String topic, int partitions) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
            dev.backtrack.kafka.TopicCreator.awaitLeaders(admin, List.of(topic), java.time.Duration.ofSeconds(60));
        }
    }

    static void deleteTopics(String bootstrap, List<String> topics) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.deleteTopics(topics).all().get();
        } catch (ExecutionException | InterruptedException e) {
            throw new IllegalStateException("could not delete " + topics, e);
        }
    }

    /** Sets a broker config's cluster-wide default (a dynamic config) on the running cluster. */
    static void setClusterDefault(String bootstrap, String name, String value) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            var brokers = new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.BROKER, "");
            admin.incrementalAlterConfigs(Map.of(brokers, List.of(new org.apache.kafka.clients.admin.AlterConfigOp(
                    new org.apache.kafka.clients.admin.ConfigEntry(name, value), org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET))))
                    .all().get();
        } catch (ExecutionException | InterruptedException e) {
            throw new IllegalStateException("could not set " + name + "=" + value + " on the cluster", e);
        }
    }

    /** Bytes of each topic's log segments on the (single) broker; topics missing there are left out. */
    static Map<String, Long> topicBytes(String bootstrap, List<String> topics) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            List<Integer> brokers = admin.describeCluster().nodes().get().stream().map(org.apache.kafka.common.Node::id).toList();
            Map<String, Long> bytes = new java.util.HashMap<>();
            admin.describeLogDirs(brokers).allDescriptions().get().values().forEach(dirs -> dirs.values().forEach(dir ->
                    dir.replicaInfos().forEach((tp, info) -> {
                        if (topics.contains(tp.topic())) {
                            bytes.merge(tp.topic(), info.size(), Long::sum);
                        }
                    })));
            return bytes;
        }
    }

    static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Records of 500 B values with keys, two headers and explicit timestamps: all the metadata a replay must keep. */
    public static void replaySource(String bootstrap, String topic, int count) throws Exception {
        createTopic(bootstrap, topic, 3);
        Random random = new Random(42);
        long start = System.currentTimeMillis() - count;
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            for (int i = 0; i < count; i++) {
                byte[] value = new byte[500];
                for (int j = 0; j < value.length; j++) {
                    value[j] = (byte) ('A' + random.nextInt(26));
                }
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, i % 3, start + i,
                        ("key-" + (i % 10_000)).getBytes(StandardCharsets.UTF_8), value,
                        List.of(new RecordHeader("trace", ("t-" + i).getBytes(StandardCharsets.UTF_8)),
                                new RecordHeader("source", "bench".getBytes(StandardCharsets.UTF_8))));
                producer.send(record);
            }
            producer.flush();
        }
    }

    /** Avro records in Confluent framing, registered in the benchmark registry; returns the schema id. */
    static int avroOrders(String bootstrap, String registryUrl, String topic, int count) throws Exception {
        createTopic(bootstrap, topic, 6);
        Schema schema = new Schema.Parser().parse(ORDER_SCHEMA);
        int id = new SchemaRegistryClient(RegistrySettings.of(registryUrl)).register(topic + "-value", ORDER_SCHEMA,
                SchemaInfo.SchemaType.AVRO, List.of());
        byte[] prefix = WireFormat.v0Prefix(id, List.of());
        GenericDatumWriter<GenericRecord> writer = new GenericDatumWriter<>(schema);
        Schema customerSchema = schema.getField("customer").schema();
        Schema tierSchema = customerSchema.getField("tier").schema();
        Random random = new Random(7);
        long start = System.currentTimeMillis() - count;
        BinaryEncoder encoder = null;
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            for (int i = 0; i < count; i++) {
                GenericRecord customer = new GenericData.Record(customerSchema);
                customer.put("name", "customer-" + (i % 5000));
                customer.put("tier", new GenericData.EnumSymbol(tierSchema, tierSchema.getEnumSymbols().get(i % 3)));
                GenericRecord order = new GenericData.Record(schema);
                order.put("id", (long) i);
                order.put("customer", customer);
                order.put("total", Math.round(random.nextDouble() * 100_000) / 100.0);
                order.put("items", List.of("sku-" + (i % 97), "sku-" + (i % 89)));
                order.put("note", i % 10 == 0 ? "gift" : null);
                ByteArrayOutputStream out = new ByteArrayOutputStream(128);
                out.write(prefix);
                encoder = EncoderFactory.get().binaryEncoder(out, encoder);
                writer.write(order, encoder);
                encoder.flush();
                producer.send(new ProducerRecord<>(topic, null, start + i, ("customer-" + (i % 5000)).getBytes(StandardCharsets.UTF_8),
                        out.toByteArray()));
            }
            producer.flush();
        }
        return id;
    }

    /**
     * Dead letters exactly as Spring Kafka's DeadLetterPublishingRecoverer writes them (semantics brief §3): a JSON
     * order value of ~420 B and the full {@code kafka_dlt-*} header set (int/long headers as big-endian binary,
     * texts UTF-8, a printStackTrace-like stack trace). The original topic is created too (the redrive target).
     * Returns the average value size in bytes.
     */
    static int springDeadLetters(String bootstrap, String dltTopic, String originalTopic, int count) throws Exception {
        createTopic(bootstrap, originalTopic, 3);
        createTopic(bootstrap, dltTopic, 3);
        String[] statuses = {"FAILED", "INVALID", "REJECTED"};
        long valueBytes = 0;
        long originalStart = System.currentTimeMillis() - 60_000L - count;
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            for (int i = 0; i < count; i++) {
                int partition = i % 3;
                String message = "order " + i + " rejected: field 'total' must be positive";
                byte[] value = String.format(java.util.Locale.ROOT, "{\"id\":%d,\"status\":\"%s\",\"customer\":{\"id\":\"c-%05d\","
                                + "\"name\":\"Customer %d\",\"tier\":\"%s\"},\"total\":%d.%02d,\"currency\":\"EUR\","
                                + "\"items\":[{\"sku\":\"sku-%d\",\"qty\":%d,\"price\":19.99},{\"sku\":\"sku-%d\",\"qty\":1,\"price\":5.5}],"
                                + "\"shipping\":{\"street\":\"%d Harbour Road\",\"city\":\"Rotterdam\",\"zip\":\"30%02d AB\",\"country\":\"NL\"},"
                                + "\"createdAt\":\"2026-11-27T10:%02d:%02dZ\",\"note\":\"please deliver to the back door\"}",
                        i, statuses[i % 3], i % 5000, i % 5000, i % 7 == 0 ? "GOLD" : "SILVER", -(i % 1000), i % 100, i % 97, 1 + i % 4,
                        i % 89, i % 300, i % 100, (i / 60) % 60, i % 60).getBytes(StandardCharsets.UTF_8);
                valueBytes += value.length;
                List<org.apache.kafka.common.header.Header> headers = List.of(
                        new RecordHeader("traceparent", String.format(java.util.Locale.ROOT, "00-%032x-00f067aa0ba902b7-01", i)
                                .getBytes(StandardCharsets.US_ASCII)),
                        new RecordHeader("kafka_dlt-original-topic", originalTopic.getBytes(StandardCharsets.UTF_8)),
                        new RecordHeader("kafka_dlt-original-partition", java.nio.ByteBuffer.allocate(4).putInt(partition).array()),
                        new RecordHeader("kafka_dlt-original-offset", java.nio.ByteBuffer.allocate(8).putLong(i / 3).array()),
                        new RecordHeader("kafka_dlt-original-timestamp", java.nio.ByteBuffer.allocate(8).putLong(originalStart + i).array()),
                        new RecordHeader("kafka_dlt-original-timestamp-type", "CreateTime".getBytes(StandardCharsets.UTF_8)),
                        new RecordHeader("kafka_dlt-original-consumer-group", "billing".getBytes(StandardCharsets.UTF_8)),
                        new RecordHeader("kafka_dlt-exception-fqcn",
                                "org.springframework.kafka.listener.ListenerExecutionFailedException".getBytes(StandardCharsets.UTF_8)),
                        new RecordHeader("kafka_dlt-exception-cause-fqcn", "com.example.billing.ValidationException".getBytes(StandardCharsets.UTF_8)),
                        new RecordHeader("kafka_dlt-exception-message", ("Listener method failed; " + message).getBytes(StandardCharsets.UTF_8)),
                        new RecordHeader("kafka_dlt-exception-stacktrace", stackTrace(message).getBytes(StandardCharsets.UTF_8)));
                producer.send(new ProducerRecord<>(dltTopic, partition, null, ("order-" + i).getBytes(StandardCharsets.UTF_8), value, headers));
            }
            producer.flush();
        }
        return (int) (valueBytes / Math.max(1, count));
    }

    private static String stackTrace(String message) {
        return "org.springframework.kafka.listener.ListenerExecutionFailedException: Listener method failed; " + message + "\n"
                + "\tat org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer.decorateException(KafkaMessageListenerContainer.java:2963)\n"
                + "\tat org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer.doInvokeOnMessage(KafkaMessageListenerContainer.java:2844)\n"
                + "\tat org.springframework.kafka.listener.KafkaMessageListenerContainer$ListenerConsumer.invokeOnMessage(KafkaMessageListenerContainer.java:2806)\n"
                + "Caused by: com.example.billing.ValidationException: " + message + "\n"
                + "\tat com.example.billing.OrderListener.onOrder(OrderListener.java:57)\n"
                + "\t... 14 more\n";
    }

    /** A large topic of small records whose timestamps rise 1 ms per record from {@code startMillis}. */
    static void seekTopic(String bootstrap, String topic, int count, long startMillis) throws Exception {
        createTopic(bootstrap, topic, 6);
        byte[] value = new byte[100];
        java.util.Arrays.fill(value, (byte) 'x');
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, i % 6, startMillis + i, null, value));
            }
            producer.flush();
        }
    }

    static byte[] encodeSample(Schema schema) throws IOException {
        GenericRecord customer = new GenericData.Record(schema.getField("customer").schema());
        customer.put("name", "customer-1");
        Schema tier = schema.getField("customer").schema().getField("tier").schema();
        customer.put("tier", new GenericData.EnumSymbol(tier, "GOLD"));
        GenericRecord order = new GenericData.Record(schema);
        order.put("id", 1L);
        order.put("customer", customer);
        order.put("total", 123.45);
        order.put("items", List.of("sku-1", "sku-2", "sku-3"));
        order.put("note", "gift");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(order, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
