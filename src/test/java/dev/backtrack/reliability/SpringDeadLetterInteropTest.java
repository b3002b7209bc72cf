package dev.backtrack.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.cli.Main;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.redrive.DeadLetter;
import dev.backtrack.redrive.DeadLetterParser;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

/**
 * Dead letters written by Spring Kafka's real {@link DeadLetterPublishingRecoverer} (spring-kafka 4.1.2, from
 * Maven Central, not code written here) on the test cluster: Backtrack's parser reads the original topic,
 * partition, offset, timestamp, consumer group and exception exactly, and {@code backtrack dlt redrive} sends
 * the original bytes back to the original topic without the dead-letter headers.
 */
@Timeout(240)
class SpringDeadLetterInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String bootstrap = TestServers.bootstrap();

    @Test
    void springDeadLettersAreParsedExactlyAndRedrivenBack() throws Exception {
        String original = TestTopics.create(bootstrap, "spring-orders", 2);
        // Spring's default destination is exactly "<topic>-dlt" (same partition), so it is created by that name
        String deadLetters = createExactly(original + "-dlt");
        List<ProducerRecord<byte[], byte[]>> originals = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            originals.add(Records.record(original, i % 2, System.currentTimeMillis() - 10_000 + i, "order-" + i,
                    "{\"id\":" + i + ",\"status\":\"NEW\"}", "traceparent", "00-trace" + i + "-01"));
        }
        Records.produce(bootstrap, originals);
        List<ConsumerRecord<byte[], byte[]>> consumed = consumeAll(original, originals.size());

        Map<String, Object> producerProps = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        DefaultKafkaProducerFactory<Object, Object> factory = new DefaultKafkaProducerFactory<>(producerProps);
        try {
            KafkaTemplate<Object, Object> template = new KafkaTemplate<>(factory);
            DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template);
            for (ConsumerRecord<byte[], byte[]> record : consumed) {
                Exception failure = new ListenerExecutionFailedException("Listener method threw", "billing-group",
                        new IllegalStateException("order " + new String(record.key(), StandardCharsets.UTF_8) + " has no customer"));
                recoverer.accept(record, failure);
            }
            template.flush();
        } finally {
            factory.destroy();
        }

        List<RawRecord> letters = Records.readAll(bootstrap, deadLetters, IsolationLevel.READ_COMMITTED);
        assertThat(letters).hasSize(consumed.size());
        DeadLetterParser parser = new DeadLetterParser();
        Map<String, ConsumerRecord<byte[], byte[]>> byKey = new HashMap<>();
        consumed.forEach(r -> byKey.put(new String(r.key(), StandardCharsets.UTF_8), r));
        for (RawRecord letter : letters) {
            assertThat(DeadLetterParser.looksLikeDeadLetter(letter)).isTrue();
            DeadLetter parsed = parser.parse(letter);
            ConsumerRecord<byte[], byte[]> source = byKey.get(new String(letter.key(), StandardCharsets.UTF_8));
            assertThat(parsed.problems()).as("headers Spring wrote: %s", letter.headers()).isEmpty();
            assertThat(parsed.origin().topic()).isEqualTo(original);
            assertThat(parsed.origin().partition()).isEqualTo(source.partition());
            assertThat(parsed.origin().offset()).isEqualTo(source.offset());
            assertThat(parsed.origin().timestamp()).isEqualTo(source.timestamp());
            assertThat(parsed.origin().timestampType()).isEqualTo("CreateTime");
            assertThat(parsed.origin().consumerGroup()).isEqualTo("billing-group");
            assertThat(parsed.failure().exceptionClass()).isEqualTo(ListenerExecutionFailedException.class.getName());
            assertThat(parsed.failure().causeClass()).isEqualTo(IllegalStateException.class.getName());
            assertThat(parsed.failure().message()).contains("has no customer");
            assertThat(parsed.failure().stackTrace()).contains("IllegalStateException");
            assertThat(parsed.originalTopic()).contains(original);
            // Spring keeps the original key, value and business headers, and the original partition
            assertThat(letter.partition()).isEqualTo(source.partition());
            assertThat(letter.value()).isEqualTo(source.value());
            assertThat(letter.firstHeader("traceparent").value()).isEqualTo(source.headers().lastHeader("traceparent").value());
        }

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "dlt", "redrive", deadLetters, "--bootstrap", bootstrap,
                "--partition", "original", "--timestamps", "keep", "--yes");
        assertThat(exit).as(err.toString()).isZero();
        JsonNode report = JSON.readTree(out.toString());
        assertThat(report.toString()).contains("\"sent\":" + consumed.size());

        List<RawRecord> after = Records.readAll(bootstrap, original, IsolationLevel.READ_COMMITTED);
        assertThat(after).hasSize(2 * consumed.size());
        List<RawRecord> redriven = after.stream().filter(r -> r.firstHeader("backtrack.redrive.source") != null).toList();
        assertThat(redriven).hasSize(consumed.size());
        for (RawRecord r : redriven) {
            ConsumerRecord<byte[], byte[]> source = byKey.get(new String(r.key(), StandardCharsets.UTF_8));
            assertThat(r.value()).isEqualTo(source.value());
            assertThat(r.partition()).isEqualTo(source.partition());
            assertThat(r.timestamp()).isEqualTo(source.timestamp());
            assertThat(r.headers()).noneMatch(h -> h.key().startsWith("kafka_dlt-"));
            assertThat(r.headers()).extracting(RawHeader::key).contains("traceparent");
        }
    }

    private String createExactly(String name) throws Exception {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(name, 2, (short) 1))).all().get();
            dev.backtrack.kafka.TopicCreator.awaitLeaders(admin, List.of(name), Duration.ofSeconds(60));
        }
        return name;
    }

    private List<ConsumerRecord<byte[], byte[]>> consumeAll(String topic, int expected) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(Arrays.asList(new TopicPartition(topic, 0), new TopicPartition(topic, 1)));
            consumer.seekToBeginning(consumer.assignment());
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
            }
        }
        assertThat(out).hasSize(expected);
        return out;
    }
}
