package dev.backtrack.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class CompressibilityTest {
    private static RawRecord record(int partition, long offset, byte[] value) {
        return new RawRecord("t", partition, offset, 0L, TimestampType.CREATE_TIME, ("key-" + offset).getBytes(StandardCharsets.UTF_8),
                value, List.of(RawHeader.utf8("trace", "t-" + offset)));
    }

    private static byte[] json(Random random) {
        return ("{\"orderId\":" + random.nextInt(1_000_000) + ",\"status\":\"PAID\",\"customer\":{\"name\":\"Ada Lovelace\",\"tier\":\"GOLD\"},"
                + "\"items\":[{\"sku\":\"SKU-" + random.nextInt(9999) + "\",\"qty\":1},{\"sku\":\"SKU-" + random.nextInt(9999) + "\",\"qty\":2}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void jsonCompressesAndRandomBytesDoNot() {
        Random random = new Random(1);
        Compressibility json = new Compressibility();
        Compressibility noise = new Compressibility();
        for (int i = 0; i < 300; i++) {
            json.add(record(0, i, json(random)));
            byte[] bytes = new byte[500];
            random.nextBytes(bytes);
            noise.add(record(0, i, bytes));
        }
        assertThat(json.ratio()).isLessThan(0.5);
        assertThat(noise.ratio()).isGreaterThan(BatchCompression.WORTH_IT);
    }

    @Test
    void aRecordSeenAgainIsNotSampledTwice() {
        Random random = new Random(2);
        Compressibility sample = new Compressibility();
        List<RawRecord> records = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            byte[] bytes = new byte[500];
            random.nextBytes(bytes);
            records.add(record(3, i, bytes));
        }
        records.forEach(sample::add);
        long once = sample.sampledBytes();
        // a short partition: its last records are the ones its first batch already held
        records.subList(20, 40).forEach(sample::add);
        assertThat(sample.sampledBytes()).isEqualTo(once);
        assertThat(sample.ratio()).isGreaterThan(BatchCompression.WORTH_IT);
    }

    @Test
    void theSampleStopsAtItsBudgetAndAnEmptyOneHasNoRatio() {
        Compressibility sample = new Compressibility();
        assertThat(sample.ratio()).isNull();
        Compressibility big = new Compressibility();
        big.add(record(0, 0, new byte[10 * 1024 * 1024]));
        big.add(record(1, 0, new byte[1000]));
        assertThat(big.sampledBytes()).isEqualTo(Compressibility.BUDGET);
        assertThat(big.ratio()).isLessThan(0.01);
    }
}
