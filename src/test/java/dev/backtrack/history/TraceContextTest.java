package dev.backtrack.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class TraceContextTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void parsesTheW3cExample() {
        TraceContext t = TraceContext.parse("00-" + TRACE + "-00f067aa0ba902b7-01", "rojo=00f067aa0ba902b7, congo=t61rcWkgMzE,,");
        assertThat(t.traceId()).isEqualTo(TRACE);
        assertThat(t.spanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(t.sampled()).isTrue();
        assertThat(t.traceState()).containsExactly(Map.entry("rojo", "00f067aa0ba902b7"), Map.entry("congo", "t61rcWkgMzE"));
        assertThat(TraceContext.parse("00-" + TRACE + "-00f067aa0ba902b7-00", null).sampled()).isFalse();
        // a future version may append fields
        assertThat(TraceContext.parse("01-" + TRACE + "-00f067aa0ba902b7-03-extra", null).sampled()).isTrue();
    }

    @Test
    void rejectsMalformedValues() {
        assertThatThrownBy(() -> TraceContext.parse("00-" + TRACE.substring(1) + "-00f067aa0ba902b7-01", null)).hasMessageContaining("32 hex digits");
        assertThatThrownBy(() -> TraceContext.parse("00-" + TRACE.toUpperCase() + "-00f067aa0ba902b7-01", null)).hasMessageContaining("lowercase");
        assertThatThrownBy(() -> TraceContext.parse("00-00000000000000000000000000000000-00f067aa0ba902b7-01", null)).hasMessageContaining("all zeros");
        assertThatThrownBy(() -> TraceContext.parse("00-" + TRACE + "-0000000000000000-01", null)).hasMessageContaining("all zeros");
        assertThatThrownBy(() -> TraceContext.parse("ff-" + TRACE + "-00f067aa0ba902b7-01", null)).hasMessageContaining("ff");
        assertThatThrownBy(() -> TraceContext.parse("00-" + TRACE + "-00f067aa0ba902b7-01-x", null)).hasMessageContaining("exactly four");
        assertThatThrownBy(() -> TraceContext.parse("00-" + TRACE + "-00f067aa0ba902b7", null)).hasMessageContaining("flags");
        assertThat(TraceContext.parse("00-" + TRACE + "-00f067aa0ba902b7-01", "novalue").traceState()).isEmpty();
    }

    @Test
    void readsTheLastTraceparentOfARecordAndFollowsItsTrace() {
        RawRecord r = new RawRecord("t", 0, 1, 0, TimestampType.CREATE_TIME, null, null, List.of(
                RawHeader.utf8("traceparent", "garbage"), RawHeader.utf8("traceparent", "00-" + TRACE + "-00f067aa0ba902b7-01")));
        assertThat(TraceContext.of(r)).hasValueSatisfying(t -> assertThat(t.traceId()).isEqualTo(TRACE));
        assertThat(Correlation.traceOf(r)).isEqualTo(new Correlation.TraceId(TRACE.toUpperCase()));
        RawRecord none = new RawRecord("t", 0, 1, 0, TimestampType.CREATE_TIME, null, null, List.of());
        assertThat(TraceContext.of(none)).isEmpty();
        assertThatThrownBy(() -> Correlation.traceOf(none)).hasMessage("record t/0@1 has no valid traceparent header");
    }
}
