package dev.backtrack.redrive;

import static dev.backtrack.redrive.DeadLetterFixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.browse.Cancellation;
import dev.backtrack.testing.TestTopics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TriageTest {
    private static final long HOUR = 3_600_000L;
    private static final long T0 = 1_760_000_000_000L / HOUR * HOUR;
    private static List<DeadLetter> letters;

    @BeforeAll
    static void writeDeadLetters() throws Exception {
        String dlt = DeadLetterParserTest.createTopic(TestTopics.unique("triage") + ".DLT", 2);
        try (KafkaProducer<byte[], byte[]> p = DeadLetterFixtures.producer()) {
            for (int i = 0; i < 15; i++) {
                // same pattern, different ids, uuids and quoted values
                send(p, dlt, i % 2, T0 + i * 1000L, DeadLetterFixtures.springDlt("orders", 0, i, T0, "g",
                        "com.example.OrderNotFound", null, "Order " + (1000 + i) + " not found for customer '" + UUID.randomUUID() + "'"));
            }
            for (int i = 0; i < 10; i++) {
                send(p, dlt, i % 2, T0 + HOUR + i * 1000L, DeadLetterFixtures.springDlt("payments", 0, i, T0, "g",
                        "com.example.Timeout", null, "Timed out after " + (100 + i) + " ms calling \"svc-" + i + "\""));
            }
            for (int i = 0; i < 5; i++) {
                send(p, dlt, 0, T0 + 2 * HOUR + i, DeadLetterFixtures.connect("orders", 1, i,
                        "org.apache.kafka.connect.errors.DataException", "Unknown magic byte at offset " + i));
            }
        }
        letters = new DeadLetterReader(DeadLetterFixtures.clients()).readAll(dlt, l -> true, Cancellation.none());
        assertThat(letters).hasSize(30);
    }

    private static void send(KafkaProducer<byte[], byte[]> p, String topic, int partition, long ts,
                             List<org.apache.kafka.common.header.Header> headers) throws Exception {
        p.send(new ProducerRecord<>(topic, partition, ts, bytes("k"), bytes("{}"), headers)).get();
    }

    @Test
    void byExceptionAndMessagePattern() {
        List<TriageGroup> groups = Triage.group(letters, Triage.GroupBy.EXCEPTION);
        assertThat(groups).extracting(TriageGroup::exceptionClass, TriageGroup::count).containsExactly(
                org.assertj.core.groups.Tuple.tuple("com.example.OrderNotFound", 15L),
                org.assertj.core.groups.Tuple.tuple("com.example.Timeout", 10L),
                org.assertj.core.groups.Tuple.tuple("org.apache.kafka.connect.errors.DataException", 5L));
        assertThat(groups.get(0).messagePattern()).isEqualTo("Order <n> not found for customer '<value>'");
        assertThat(groups.get(1).messagePattern()).isEqualTo("Timed out after <n> ms calling \"<value>\"");
        assertThat(groups.get(2).messagePattern()).isEqualTo("Unknown magic byte at offset <n>");
        assertThat(groups.get(0).first()).isEqualTo(Instant.ofEpochMilli(T0));
        assertThat(groups.get(0).last()).isEqualTo(Instant.ofEpochMilli(T0 + 14_000));
        assertThat(groups.get(0).samples()).hasSize(5);
    }

    @Test
    void byOriginalTopic() {
        List<TriageGroup> groups = Triage.group(letters, Triage.GroupBy.TOPIC);
        assertThat(groups).extracting(TriageGroup::originalTopic, TriageGroup::count).containsExactly(
                org.assertj.core.groups.Tuple.tuple("orders", 20L),
                org.assertj.core.groups.Tuple.tuple("payments", 10L));
    }

    @Test
    void byTimeBucket() {
        Triage triage = new Triage(Triage.GroupBy.TIME, Duration.ofHours(1));
        triage.add(letters);
        List<TriageGroup> groups = triage.groups();
        assertThat(groups).extracting(TriageGroup::bucketStart, TriageGroup::count).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Instant.ofEpochMilli(T0), 15L),
                org.assertj.core.groups.Tuple.tuple(Instant.ofEpochMilli(T0 + HOUR), 10L),
                org.assertj.core.groups.Tuple.tuple(Instant.ofEpochMilli(T0 + 2 * HOUR), 5L));
    }

    @Test
    void messagePatterns() {
        assertThat(MessagePattern.of("Order 123 not found")).isEqualTo(MessagePattern.of("Order 456 not found"));
        assertThat(MessagePattern.of("id 0x1f2e failed")).isEqualTo("id <hex> failed");
        assertThat(MessagePattern.of("request ord_9f3k2j1x rejected")).isEqualTo("request <id> rejected");
        assertThat(MessagePattern.of("first line\n\tat a.b.C")).isEqualTo("first line");
        assertThat(MessagePattern.of(null)).isEmpty();
    }
}
