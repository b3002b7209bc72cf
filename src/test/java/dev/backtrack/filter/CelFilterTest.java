package dev.backtrack.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.BacktrackException;
import dev.backtrack.codec.DecodedRecord;
import dev.backtrack.codec.RecordDecoder;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class CelFilterTest {
    private final RecordDecoder decoder = new RecordDecoder((dev.backtrack.kafka.RegistrySettings) null);

    private DecodedRecord record(String key, byte[] value, List<RawHeader> headers, long offset) {
        return decoder.decode(new RawRecord("orders", 2, offset, 1_767_225_600_000L, TimestampType.CREATE_TIME,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, headers));
    }

    private DecodedRecord json(String value) {
        return record("k1", value.getBytes(StandardCharsets.UTF_8), List.of(RawHeader.utf8("source", "web")), 41);
    }

    @Test
    void nestedFieldsNumbersAndHeaders() {
        DecodedRecord r = json("{\"order\":{\"id\":7,\"total\":12.5,\"items\":[\"a\",\"b\"],\"note\":null},\"status\":\"FAILED\"}");
        assertThat(CelFilter.compile("value.order.id == 7 && value.status == 'FAILED'").test(r)).isTrue();
        assertThat(CelFilter.compile("value.order.total > 12.0").test(r)).isTrue();
        assertThat(CelFilter.compile("'b' in value.order.items && size(value.order.items) == 2").test(r)).isTrue();
        assertThat(CelFilter.compile("value.order.note == null").test(r)).isTrue();
        assertThat(CelFilter.compile("headers['source'] == 'web' && key == 'k1'").test(r)).isTrue();
        assertThat(CelFilter.compile("partition == 2 && offset == 41 && size > 10 && topic == 'orders'").test(r)).isTrue();
        assertThat(CelFilter.compile("timestamp >= timestamp('2026-01-01T00:00:00Z') && timestampMillis == 1767225600000").test(r)).isTrue();
        assertThat(CelFilter.compile("timestamp < timestamp('2026-01-01T00:00:00Z')").test(r)).isFalse();
        assertThat(CelFilter.compile("value.status.startsWith('FAIL') && valueFormat == 'JSON' && error == ''").test(r)).isTrue();
    }

    @Test
    void missingFieldIsNoMatchAndCounted() {
        CelFilter filter = CelFilter.compile("value.customer.name == 'x'");
        assertThat(filter.test(json("{\"order\":1}"))).isFalse();
        assertThat(filter.evaluationErrors()).isEqualTo(1);
        assertThat(filter.firstEvaluationError()).contains("orders/2@41");
        CelFilter guarded = CelFilter.compile("has(value.customer) && value.customer.name == 'x'");
        assertThat(guarded.test(json("{\"order\":1}"))).isFalse();
        assertThat(guarded.evaluationErrors()).isZero();
        assertThat(CelFilter.compile("value.items.exists(i, i.sku == 'B2')").test(json("{\"items\":[{\"sku\":\"A1\"},{\"sku\":\"B2\"}]}"))).isTrue();
    }

    @Test
    void undecodableRecordMatchesOnItsRawForm() {
        byte[] bytes = {0, 0, 0, 0x23, 0x29, (byte) 0xff, (byte) 0xfe};
        DecodedRecord r = record(null, bytes, List.of(new RawHeader("bin", new byte[] {(byte) 0xff})), 3);
        assertThat(CelFilter.compile("value.contains('ffe')").test(r)).isTrue();
        assertThat(CelFilter.compile("key == null").test(r)).isTrue();
        assertThat(CelFilter.compile("headers['bin'] == 'base64:/w=='").test(r)).isTrue();
        assertThat(new ContainsFilter("2329ff", false).test(r)).isTrue();
    }

    @Test
    void compileErrorsCarryLineAndColumn() {
        assertThatThrownBy(() -> CelFilter.compile("value.status == 'FAILED' &&"))
                .isInstanceOf(BacktrackException.class).hasMessageMatching("invalid filter at 1:\\d+: .*");
        assertThatThrownBy(() -> CelFilter.compile("value.a == 1 &&\n  nosuchvar > 2"))
                .isInstanceOf(BacktrackException.class).hasMessageStartingWith("invalid filter at 2:3: ")
                .hasMessageContaining("nosuchvar");
        assertThatThrownBy(() -> CelFilter.compile("offset + 1"))
                .isInstanceOf(BacktrackException.class).hasMessageContaining("invalid filter at 1:");
        assertThatThrownBy(() -> CelFilter.compile("  ")).isInstanceOf(BacktrackException.class).hasMessage("the filter expression is empty");
    }

    @Test
    void containsShortcut() {
        DecodedRecord r = json("{\"status\":\"Failed payment\"}");
        assertThat(RecordFilter.contains("failed", true).test(r)).isTrue();
        assertThat(RecordFilter.contains("failed", false).test(r)).isFalse();
        assertThat(RecordFilter.contains("web", false).test(r)).isTrue();
        assertThat(RecordFilter.both(RecordFilter.contains("Failed", false), RecordFilter.cel("offset == 40")).test(r)).isFalse();
    }
}
