package dev.backtrack.redrive;

import static dev.backtrack.redrive.DeadLetterFixtures.bytes;
import static dev.backtrack.redrive.DeadLetterFixtures.long8;
import static dev.backtrack.redrive.DeadLetterFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.browse.Cancellation;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Dead letters written byte-exactly as Spring Kafka and Kafka Connect write them, read from a real broker. */
class DeadLetterParserTest {
    private static final long TS = 1_760_000_000_123L;
    private static String dlt;
    private static List<DeadLetter> letters;

    static String createTopic(String name, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestServers.bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
            dev.backtrack.kafka.TopicCreator.awaitLeaders(admin, List.of(name), java.time.Duration.ofSeconds(60));
        }
        return name;
    }

    @BeforeAll
    static void writeDeadLetters() throws Exception {
        dlt = createTopic(TestTopics.unique("orders") + "-dlt", 1);
        try (KafkaProducer<byte[], byte[]> p = DeadLetterFixtures.producer()) {
            // 0: a complete Spring DLT value failure
            DeadLetterFixtures.send(p, dlt, 0, bytes("k1"), bytes("{\"id\":1}"), DeadLetterFixtures.springDlt("orders", 3,
                    12_345_678_901L, TS, "billing", "org.springframework.kafka.listener.ListenerExecutionFailedException",
                    "com.example.ValidationException", "Listener failed; Order 42 has no customer"));
            // 1: dead-lettered twice: the first set is the true origin
            List<Header> piled = new ArrayList<>(DeadLetterFixtures.springOriginal("kafka_dlt-original-", "orders", 1, 10, TS, "billing"));
            piled.addAll(DeadLetterFixtures.springOriginal("kafka_dlt-original-", "orders-retry-0", 0, 5, TS + 1000, "billing-retry"));
            piled.addAll(DeadLetterFixtures.springException("kafka_dlt-exception-", "java.lang.IllegalStateException", null, "second failure"));
            DeadLetterFixtures.send(p, dlt, 0, bytes("k2"), bytes("{\"id\":2}"), piled);
            // 2: key deserialization failure
            List<Header> key = new ArrayList<>(DeadLetterFixtures.springOriginal("kafka_dlt-original-", "orders", 0, 7, TS, null));
            key.addAll(DeadLetterFixtures.springException("kafka_dlt-key-exception-",
                    "org.apache.kafka.common.errors.SerializationException", null, "Unknown magic byte!"));
            DeadLetterFixtures.send(p, dlt, 0, new byte[] {(byte) 0xff, 0x01}, bytes("{}"), key);
            // 3: a malformed partition header (3 bytes) and an unknown dlt header
            List<Header> bad = new ArrayList<>();
            bad.add(utf8("kafka_dlt-original-topic", "orders"));
            bad.add(new RecordHeader("kafka_dlt-original-partition", new byte[] {0, 0, 7}));
            bad.add(long8("kafka_dlt-original-offset", 99));
            bad.add(utf8("kafka_dlt-original-timestamp-type", "Sometime"));
            bad.add(utf8("kafka_dlt-surprise", "?"));
            bad.add(utf8("backtrack.redrive.count", "two"));
            DeadLetterFixtures.send(p, dlt, 0, null, bytes("x"), bad);
            // 4: Kafka Connect sink DLQ
            DeadLetterFixtures.send(p, dlt, 0, bytes("k5"), bytes("raw"), DeadLetterFixtures.connect("payments", 2, 4567,
                    "org.apache.kafka.connect.errors.DataException", "Failed to deserialize data for topic payments"));
            // 5: republished with kafka_original-* / kafka_exception-* and retry-topic headers (1-byte attempts)
            List<Header> republished = new ArrayList<>(DeadLetterFixtures.springOriginal("kafka_original-", "shipments", 4, 321, TS, "shipper"));
            republished.addAll(DeadLetterFixtures.springException("kafka_exception-", "java.lang.RuntimeException", "java.io.IOException", "disk full"));
            republished.add(new RecordHeader("retry_topic-attempts", new byte[] {3}));
            republished.add(new RecordHeader("retry_topic-backoff-timestamp", BigInteger.valueOf(TS + 5000).toByteArray()));
            republished.add(new RecordHeader("retry_topic-original-timestamp", BigInteger.valueOf(TS - 5000).toByteArray()));
            republished.add(utf8("backtrack.redrive.count", "2"));
            DeadLetterFixtures.send(p, dlt, 0, bytes("k6"), bytes("{\"id\":6}"), republished);
            // 6: retry headers only, 4-byte attempts
            DeadLetterFixtures.send(p, dlt, 0, bytes("k7"), bytes("{\"id\":7}"), DeadLetterFixtures.retry(2, TS + 2000, TS));
        }
        letters = new DeadLetterReader(DeadLetterFixtures.clients()).readAll(dlt, l -> true, Cancellation.none());
    }

    @Test
    void springDltEveryField() {
        DeadLetter l = letters.get(0);
        assertThat(l.origin()).isEqualTo(new Origin("orders", 3, 12_345_678_901L, TS, "CreateTime", "billing", Convention.SPRING_DLT));
        assertThat(l.failure().exceptionClass()).isEqualTo("org.springframework.kafka.listener.ListenerExecutionFailedException");
        assertThat(l.failure().causeClass()).isEqualTo("com.example.ValidationException");
        assertThat(l.failure().message()).isEqualTo("Listener failed; Order 42 has no customer");
        assertThat(l.failure().stackTrace()).contains("at com.example.Listener.onMessage(Listener.java:42)");
        assertThat(l.failure().keyFailure()).isFalse();
        assertThat(l.keyFailure()).isNull();
        assertThat(l.conventions()).containsExactly(Convention.SPRING_DLT);
        assertThat(l.problems()).isEmpty();
        assertThat(l.redriveCount()).isZero();
        assertThat(l.originalTopic()).contains("orders");
        OriginalRecordLink link = l.originalRecordLink(5).orElseThrow();
        assertThat(link.topic()).isEqualTo("orders");
        assertThat(link.partition()).isEqualTo(3);
        assertThat(link.offset()).isEqualTo(12_345_678_901L);
        assertThat(link.neighbourhood().from()).isEqualTo(12_345_678_896L);
        assertThat(link.neighbourhood().to()).isEqualTo(12_345_678_907L);
    }

    @Test
    void piledUpHeadersFirstIsTheOriginAndHistoryIsKept() {
        DeadLetter l = letters.get(1);
        assertThat(l.origin()).isEqualTo(new Origin("orders", 1, 10L, TS, "CreateTime", "billing", Convention.SPRING_DLT));
        assertThat(l.history()).hasSize(2);
        assertThat(l.history().get(1)).isEqualTo(new Origin("orders-retry-0", 0, 5L, TS + 1000, "CreateTime", "billing-retry", Convention.SPRING_DLT));
        assertThat(l.failure().exceptionClass()).isEqualTo("java.lang.IllegalStateException");
        assertThat(l.failure().causeClass()).isNull();
    }

    @Test
    void keyExceptionVariant() {
        DeadLetter l = letters.get(2);
        assertThat(l.failure()).isNull();
        assertThat(l.keyFailure().keyFailure()).isTrue();
        assertThat(l.keyFailure().exceptionClass()).isEqualTo("org.apache.kafka.common.errors.SerializationException");
        assertThat(l.keyFailure().message()).isEqualTo("Unknown magic byte!");
        assertThat(l.exceptionClass()).isEqualTo("org.apache.kafka.common.errors.SerializationException");
        assertThat(l.origin().consumerGroup()).isNull();
        assertThat(l.origin().offset()).isEqualTo(7L);
    }

    @Test
    void malformedHeadersAreShownRawWithAReasonNeverGuessed() {
        DeadLetter l = letters.get(3);
        assertThat(l.origin().topic()).isEqualTo("orders");
        assertThat(l.origin().partition()).isNull();
        assertThat(l.origin().offset()).isEqualTo(99L);
        assertThat(l.origin().timestampType()).isNull();
        assertThat(l.originalRecordLink(1)).isEmpty();
        assertThat(l.redriveCount()).isNull();
        assertThat(l.problems()).extracting(HeaderProblem::header, HeaderProblem::rawHex, HeaderProblem::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("kafka_dlt-original-partition", "000007", "expected a 4-byte big-endian int, got 3 bytes"),
                org.assertj.core.groups.Tuple.tuple("kafka_dlt-original-timestamp-type", "536f6d6574696d65", "unknown timestamp type 'Sometime'"),
                org.assertj.core.groups.Tuple.tuple("kafka_dlt-surprise", "3f", "unknown Spring dead-letter header"),
                org.assertj.core.groups.Tuple.tuple("backtrack.redrive.count", "74776f", "expected a decimal number, got 'two'"));
    }

    @Test
    void kafkaConnectEveryField() {
        DeadLetter l = letters.get(4);
        assertThat(l.origin()).isEqualTo(new Origin("payments", 2, 4567L, null, null, null, Convention.KAFKA_CONNECT));
        assertThat(l.connect()).isEqualTo(new ConnectContext("jdbc-sink", "0", "VALUE_CONVERTER", "io.confluent.connect.avro.AvroConverter"));
        assertThat(l.failure().exceptionClass()).isEqualTo("org.apache.kafka.connect.errors.DataException");
        assertThat(l.failure().message()).isEqualTo("Failed to deserialize data for topic payments");
        assertThat(l.failure().stackTrace()).startsWith("org.apache.kafka.connect.errors.DataException: Failed");
        assertThat(l.conventions()).containsExactly(Convention.KAFKA_CONNECT);
        assertThat(l.problems()).isEmpty();
    }

    @Test
    void republishVariantAndRetryHeaders() {
        DeadLetter l = letters.get(5);
        assertThat(l.origin()).isEqualTo(new Origin("shipments", 4, 321L, TS, "CreateTime", "shipper", Convention.SPRING_ORIGINAL));
        assertThat(l.failure().exceptionClass()).isEqualTo("java.lang.RuntimeException");
        assertThat(l.failure().causeClass()).isEqualTo("java.io.IOException");
        assertThat(l.retry()).isEqualTo(new RetryInfo(3, TS + 5000, TS - 5000));
        assertThat(l.redriveCount()).isEqualTo(2);
        assertThat(l.conventions()).containsExactlyInAnyOrder(Convention.SPRING_ORIGINAL, Convention.SPRING_RETRY);
        assertThat(l.problems()).isEmpty();

        DeadLetter retryOnly = letters.get(6);
        assertThat(retryOnly.retry()).isEqualTo(new RetryInfo(2, TS + 2000, TS));
        assertThat(retryOnly.origin()).isNull();
        // no origin headers: the target comes from the dead-letter topic's name
        assertThat(retryOnly.originalTopic()).contains(dlt.substring(0, dlt.length() - "-dlt".length()));
    }

    @Test
    void readOneFindsTheExactOffset() {
        DeadLetterReader reader = new DeadLetterReader(DeadLetterFixtures.clients());
        assertThat(reader.readOne(dlt, 0, 4).orElseThrow().origin().topic()).isEqualTo("payments");
        assertThat(reader.readOne(dlt, 0, 1000)).isEmpty();
    }

    @Test
    void topicNames() {
        assertThat(DeadLetterTopicNames.kind("orders-dlt")).isEqualTo(DeadLetterTopicNames.Kind.DEAD_LETTER);
        assertThat(DeadLetterTopicNames.kind("orders.DLT")).isEqualTo(DeadLetterTopicNames.Kind.DEAD_LETTER);
        assertThat(DeadLetterTopicNames.kind("orders-dlq")).isEqualTo(DeadLetterTopicNames.Kind.DEAD_LETTER);
        assertThat(DeadLetterTopicNames.kind("orders.DLQ")).isEqualTo(DeadLetterTopicNames.Kind.DEAD_LETTER);
        assertThat(DeadLetterTopicNames.kind("orders-retry")).isEqualTo(DeadLetterTopicNames.Kind.RETRY);
        assertThat(DeadLetterTopicNames.kind("orders-retry-1000")).isEqualTo(DeadLetterTopicNames.Kind.RETRY);
        assertThat(DeadLetterTopicNames.kind("orders-retry-16000-2")).isEqualTo(DeadLetterTopicNames.Kind.RETRY);
        assertThat(DeadLetterTopicNames.kind("orders")).isEqualTo(DeadLetterTopicNames.Kind.ORDINARY);
        assertThat(DeadLetterTopicNames.kind("dlt")).isEqualTo(DeadLetterTopicNames.Kind.ORDINARY);
        assertThat(DeadLetterTopicNames.kind("retry-policy")).isEqualTo(DeadLetterTopicNames.Kind.ORDINARY);
        assertThat(DeadLetterTopicNames.originalTopic("orders.DLT")).contains("orders");
        assertThat(DeadLetterTopicNames.originalTopic("orders-retry-2000")).contains("orders");
        assertThat(DeadLetterTopicNames.originalTopic("orders")).isEmpty();
    }

    @Test
    void headerRecognitionWithoutADeadLetterName() {
        var record = new dev.backtrack.kafka.RawRecord("plain", 0, 0, TS, org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                null, null, List.of(new dev.backtrack.kafka.RawHeader("__connect.errors.topic", bytes("t"))));
        assertThat(DeadLetterParser.looksLikeDeadLetter(record)).isTrue();
        var plain = new dev.backtrack.kafka.RawRecord("plain", 0, 0, TS, org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                null, null, List.of(new dev.backtrack.kafka.RawHeader("traceparent", bytes("t"))));
        assertThat(DeadLetterParser.looksLikeDeadLetter(plain)).isFalse();
        assertThat(new DeadLetterParser().parse(plain).conventions()).isEmpty();
    }
}
