package dev.backtrack.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.codec.DecodedRecord;
import dev.backtrack.codec.RecordDecoder;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** The fast path must give exactly the interpreter's answers and error counts, on plain and on awkward values alike. */
class CelFastPathTest {
    private static final List<String> EXPRESSIONS = List.of(
            "value.customer.tier == 'GOLD' && value.total > 999999.0",
            "value.customer.tier == 'GOLD' || value.total <= 10.5",
            "value.a == 1", "value.a != 1", "value.a < 2", "value.a >= 2", "value.a > 1.5", "value.a == 0.0",
            "value.b == 'x'", "!(value.b == 'x')", "value.c == true", "value.c && value.a == 1", "value.c || value.a == 1",
            "value.n.m == 3 && partition == 2", "value.n.m <= offset", "key == 'k1' && value.a == 1",
            "value.missing == 1 && value.a == 1", "value.a == 1 && value.missing == 1", "value.missing == 1 || value.c",
            "value.b < 'y'", "size > 10 && value.a >= 0", "valueFormat == 'JSON' && error == ''", "value.a == value.d",
            "value.d < value.a || value.d > value.a", "value.n.m == 3.0", "value.c == value.c",
            "has(value.a) && value.a == 1", "value.a in [1, 2]", "value.b.startsWith('x')");
    private static final String[] SCALARS = {"1", "2", "0", "-0.0", "0.0", "1.5", "3", "1e308", "\"x\"", "\"y\"", "true", "false",
            "null", "[1]", "{\"m\":3}", "{\"m\":3.0}", "{}", "\"NaN\"", "999999.5"};

    private final RecordDecoder decoder = new RecordDecoder((dev.backtrack.kafka.RegistrySettings) null);

    @Test
    void sameAnswersAndErrorCountsAsTheInterpreter() {
        Random random = new Random(11);
        List<DecodedRecord> records = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            records.add(record(randomObject(random), i % 50));
        }
        records.add(record("\"not an object\"", 1));
        records.add(record("{\"customer\":{\"tier\":\"GOLD\"},\"total\":1000000.0}", 2));
        records.add(new RecordDecoder((dev.backtrack.kafka.RegistrySettings) null).decode(new RawRecord("t", 2, 9, 0,
                TimestampType.CREATE_TIME, null, new byte[] {0, 0, 0, 0, 7, 1}, List.of())));
        int decided = 0;
        for (String expression : EXPRESSIONS) {
            CelFilter fast = CelFilter.compile(expression, true);
            CelFilter slow = CelFilter.compile(expression, false);
            for (DecodedRecord r : records) {
                assertThat(fast.test(r)).as("%s on %s", expression, r.value().text()).isEqualTo(slow.test(r));
            }
            assertThat(fast.evaluationErrors()).as(expression).isEqualTo(slow.evaluationErrors());
            decided += fast.hasFastPath() ? 1 : 0;
        }
        assertThat(decided).isGreaterThanOrEqualTo(EXPRESSIONS.size() - 3);
        assertThat(CelFilter.compile("value.customer.tier == 'GOLD' && value.total > 999999.0").hasFastPath()).isTrue();
        assertThat(CelFilter.compile("has(value.a) && value.a == 1").hasFastPath()).isFalse();
        assertThat(CelFilter.compile("value.b.startsWith('x')").hasFastPath()).isFalse();
        assertThat(CelFilter.compile("timestamp > timestamp('2026-01-01T00:00:00Z')").hasFastPath()).isFalse();
    }

    private static String randomObject(Random random) {
        StringBuilder out = new StringBuilder("{");
        String[] fields = {"a", "b", "c", "d", "n", "total"};
        for (String f : fields) {
            if (random.nextInt(5) == 0) {
                continue; // a missing field
            }
            out.append(out.length() > 1 ? "," : "").append('"').append(f).append("\":").append(SCALARS[random.nextInt(SCALARS.length)]);
        }
        if (random.nextBoolean()) {
            String tier = random.nextBoolean() ? "\"GOLD\"" : SCALARS[random.nextInt(SCALARS.length)];
            out.append(out.length() > 1 ? "," : "").append("\"customer\":{\"tier\":").append(tier).append('}');
        }
        return out.append('}').toString();
    }

    private DecodedRecord record(String json, long offset) {
        return decoder.decode(new RawRecord("orders", 2, offset, 1_767_225_600_000L, TimestampType.CREATE_TIME,
                "k1".getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8), List.of(RawHeader.utf8("h", "v"))));
    }
}
