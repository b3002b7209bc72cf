package dev.backtrack.ui.detail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** The Headers tab's dead-letter section, from real header bytes, without the FX toolkit. */
class DeadLetterSummaryTest {
    private static RawRecord record(String topic, List<RawHeader> headers) {
        return new RawRecord(topic, 0, 7, 1_700_000_100_000L, TimestampType.CREATE_TIME, null,
                "{}".getBytes(StandardCharsets.UTF_8), headers);
    }

    private static RawHeader bytes(String name, byte[] value) {
        return new RawHeader(name, value);
    }

    @Test
    void springDltHeadersAreDecodedWithTheirBinaryEncodings() {
        List<RawHeader> headers = List.of(
                RawHeader.utf8("traceparent", "00-abc-01"),
                RawHeader.utf8("kafka_dlt-original-topic", "orders"),
                bytes("kafka_dlt-original-partition", ByteBuffer.allocate(4).putInt(3).array()),
                bytes("kafka_dlt-original-offset", ByteBuffer.allocate(8).putLong(4242L).array()),
                bytes("kafka_dlt-original-timestamp", ByteBuffer.allocate(8).putLong(1_700_000_000_000L).array()),
                RawHeader.utf8("kafka_dlt-original-timestamp-type", "CreateTime"),
                RawHeader.utf8("kafka_dlt-original-consumer-group", "billing"),
                RawHeader.utf8("kafka_dlt-exception-fqcn", "org.springframework.kafka.listener.ListenerExecutionFailedException"),
                RawHeader.utf8("kafka_dlt-exception-cause-fqcn", "java.lang.IllegalStateException"),
                RawHeader.utf8("kafka_dlt-exception-message", "Listener failed; total must be positive"),
                RawHeader.utf8("kafka_dlt-exception-stacktrace", "java.lang.IllegalStateException: total\n\tat a.B.c(B.java:1)\n"));
        DeadLetterSummary s = DeadLetterSummary.of(record("orders-dlt", headers), true).orElseThrow();
        assertThat(s.conventions()).isEqualTo("Spring DLT");
        assertThat(s.fields()).containsEntry("Original topic", "orders").containsEntry("Original partition", "3")
                .containsEntry("Original offset", "4242").containsEntry("Consumer group", "billing")
                .containsEntry("Original timestamp", "2023-11-14 22:13:20.000Z (CreateTime)")
                .containsEntry("Exception", "org.springframework.kafka.listener.ListenerExecutionFailedException")
                .containsEntry("Cause", "java.lang.IllegalStateException")
                .containsEntry("Message", "Listener failed; total must be positive");
        assertThat(s.stackTrace()).contains("at a.B.c(B.java:1)");
        assertThat(s.problems()).isEmpty();
    }

    @Test
    void malformedHeaderStaysRawWithItsReasonAndTheRestIsDecoded() {
        List<RawHeader> headers = List.of(
                RawHeader.utf8("kafka_dlt-original-topic", "orders"),
                bytes("kafka_dlt-original-partition", new byte[] {0, 3}),
                RawHeader.utf8("kafka_dlt-exception-fqcn", "x.Boom"));
        RawRecord r = record("orders-dlt", headers);
        DeadLetterSummary s = DeadLetterSummary.of(r, true).orElseThrow();
        assertThat(s.fields()).containsEntry("Original topic", "orders").containsEntry("Exception", "x.Boom")
                .doesNotContainKey("Original partition");
        assertThat(s.problems()).singleElement().satisfies(p -> assertThat(p.header()).isEqualTo("kafka_dlt-original-partition"));
        List<RecordDetail.HeaderLine> lines = DeadLetterSummary.annotate(
                List.of(new RecordDetail.HeaderLine("kafka_dlt-original-topic", "orders"),
                        new RecordDetail.HeaderLine("kafka_dlt-original-partition", "0x0003"),
                        new RecordDetail.HeaderLine("kafka_dlt-exception-fqcn", "x.Boom")), s);
        assertThat(lines.get(1).value()).isEqualTo("0x0003");
        assertThat(lines.get(1).problem()).isNotBlank();
        assertThat(lines.get(0).problem()).isNull();
        assertThat(lines.get(2).problem()).isNull();
    }

    @Test
    void connectDlqHeadersNameTheConventionAndTheConnector() {
        List<RawHeader> headers = List.of(
                RawHeader.utf8("__connect.errors.topic", "orders"),
                RawHeader.utf8("__connect.errors.partition", "2"),
                RawHeader.utf8("__connect.errors.offset", "99"),
                RawHeader.utf8("__connect.errors.connector.name", "jdbc-sink"),
                RawHeader.utf8("__connect.errors.task.id", "0"),
                RawHeader.utf8("__connect.errors.stage", "VALUE_CONVERTER"),
                RawHeader.utf8("__connect.errors.class.name", "org.apache.kafka.connect.json.JsonConverter"),
                RawHeader.utf8("__connect.errors.exception.class.name", "org.apache.kafka.connect.errors.DataException"),
                RawHeader.utf8("__connect.errors.exception.message", "bad json"));
        DeadLetterSummary s = DeadLetterSummary.of(record("sink-dlq", headers), true).orElseThrow();
        assertThat(s.conventions()).contains("Kafka Connect DLQ");
        assertThat(s.fields()).containsEntry("Original topic", "orders").containsEntry("Original partition", "2")
                .containsEntry("Original offset", "99").containsEntry("Connector", "jdbc-sink")
                .containsEntry("Stage", "VALUE_CONVERTER")
                .containsEntry("Exception", "org.apache.kafka.connect.errors.DataException").containsEntry("Message", "bad json");
    }

    @Test
    void ordinaryRecordIsNotADeadLetter() {
        assertThat(DeadLetterSummary.of(record("orders", List.of(RawHeader.utf8("traceparent", "x"))), true)).isEmpty();
    }
}
