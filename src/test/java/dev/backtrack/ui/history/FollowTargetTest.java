package dev.backtrack.ui.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.BacktrackException;
import dev.backtrack.history.Correlation;
import dev.backtrack.history.KeySpec;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class FollowTargetTest {
    private static RawRecord record(List<RawHeader> headers) {
        return new RawRecord("t", 0, 0, 0, TimestampType.CREATE_TIME, null, null, headers);
    }

    @Test
    void keysBecomeTextThatParsesBackToTheSameBytes() {
        assertThat(FollowTarget.keyText(null)).isNull();
        assertThat(FollowTarget.keyText("order-42".getBytes(StandardCharsets.UTF_8))).isEqualTo("order-42");
        assertThat(FollowTarget.keyText("{\"id\":1}".getBytes(StandardCharsets.UTF_8))).isEqualTo("{\"id\":1}");
        // JSON with spaces would hash differently once compacted: exact bytes as hex
        byte[] spaced = "{ \"id\": 1 }".getBytes(StandardCharsets.UTF_8);
        assertThat(FollowTarget.keyText(spaced)).isEqualTo("hex:7b20226964223a2031207d");
        byte[] binary = {(byte) 0xff, (byte) 0xfe, 0, 1};
        assertThat(FollowTarget.keyText(binary)).isEqualTo("hex:fffe0001");
        assertThat(FollowTarget.keyText("hex:abc".getBytes(StandardCharsets.UTF_8))).startsWith("hex:686578");
        for (byte[] key : List.of(spaced, binary, "order-42".getBytes(StandardCharsets.UTF_8))) {
            assertThat(KeySpec.parse(FollowTarget.keyText(key)).bytes()).isEqualTo(key);
        }
    }

    @Test
    void traceparentWinsOverACorrelationHeaderAndInvalidOnesAreIgnored() {
        String trace = "0af7651916cd43dd8448eb211c80319c";
        assertThat(FollowTarget.correlationOf(record(List.of(RawHeader.utf8("correlation-id", "abc"),
                RawHeader.utf8("traceparent", "00-" + trace + "-b7ad6b7169203331-01"))))).contains(new Correlation.TraceId(trace));
        assertThat(FollowTarget.correlationOf(record(List.of(RawHeader.utf8("traceparent", "00-" + "0".repeat(32) + "-b7ad6b7169203331-01"),
                RawHeader.utf8("X-Correlation-ID", "abc"))))).contains(new Correlation.HeaderValue("X-Correlation-ID", "abc"));
        assertThat(FollowTarget.correlationOf(record(List.of(RawHeader.utf8("other", "abc"))))).isEmpty();
        assertThat(FollowTarget.correlationOf(record(List.of(new RawHeader("correlation-id", new byte[] {(byte) 0xff}))))).isEmpty();
    }

    @Test
    void b3TracesAreFollowedByTheirTraceId() {
        String id = "80f198ee56343ba864fe8b2a57d3eff7";
        assertThat(FollowTarget.correlationOf(record(List.of(RawHeader.utf8("b3", id + "-e457b5a2e4d86bd1-1-05e3ac9a4f6e3b90")))))
                .contains(new Correlation.Expression("'b3' in headers && headers['b3'].startsWith('" + id + "-')"));
        assertThat(FollowTarget.correlationOf(record(List.of(RawHeader.utf8("X-B3-TraceId", "463ac35c9f6413ad"),
                RawHeader.utf8("X-B3-SpanId", "a2fb4a1d1a96d312"))))).contains(new Correlation.HeaderValue("X-B3-TraceId", "463ac35c9f6413ad"));
        // sampling-only and malformed b3 values carry no trace; a correlation id is used instead
        assertThat(FollowTarget.correlationOf(record(List.of(RawHeader.utf8("b3", "1"), RawHeader.utf8("correlation-id", "c1")))))
                .contains(new Correlation.HeaderValue("correlation-id", "c1"));
        assertThat(FollowTarget.correlationOf(record(List.of(RawHeader.utf8("b3", "xyz-e457b5a2e4d86bd1"))))).isEmpty();
    }

    @Test
    void timesAndGapsReadAsPeopleWriteThem() {
        assertThat(TimeText.parse(" ", true)).isNull();
        assertThat(TimeText.parse("2026-11-27 10:15:30", true)).isEqualTo(Instant.parse("2026-11-27T10:15:30Z"));
        assertThat(TimeText.parse("2026-11-27 10:15", true)).isEqualTo(Instant.parse("2026-11-27T10:15:00Z"));
        assertThat(TimeText.parse("2026-11-27T10:15:30.250Z", false)).isEqualTo(Instant.parse("2026-11-27T10:15:30.250Z"));
        assertThat(TimeText.parse("2026-11-27", true)).isEqualTo(Instant.parse("2026-11-27T00:00:00Z"));
        assertThatThrownBy(() -> TimeText.parse("yesterday", true)).isInstanceOf(BacktrackException.class).hasMessageContaining("yyyy-MM-dd");
        assertThat(TimeText.format(Instant.parse("2026-11-27T10:15:30.250Z"), true)).isEqualTo("2026-11-27 10:15:30");
        assertThat(TimeText.gap(Duration.ofMillis(850))).isEqualTo("850 ms");
        assertThat(TimeText.gap(Duration.ofMillis(4200))).isEqualTo("4.2 s");
        assertThat(TimeText.gap(Duration.ofSeconds(45))).isEqualTo("45 s");
        assertThat(TimeText.gap(Duration.ofSeconds(185))).isEqualTo("3 min 5 s");
        assertThat(TimeText.gap(Duration.ofMinutes(130))).isEqualTo("2 h 10 min");
        assertThat(TimeText.gap(Duration.ofHours(76))).isEqualTo("3 d 4 h");
    }
}
