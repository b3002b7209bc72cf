package dev.backtrack.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BatchSizeTest {
    private static final long BUFFER = SendOptions.defaults().producerBufferBytes();
    private static final int MIB = 1024 * 1024;

    @Test
    void aFewPartitionsGetOneMebibyteBatchesThatABrokersDefaultLimitAccepts() {
        assertThat(BUFFER).isEqualTo(32L * MIB);
        assertThat(BatchSize.forReplay(3, 3, BUFFER, null)).isEqualTo(MIB);
        // Kafka's default max.message.bytes, 1 MiB + 12 B of log overhead
        assertThat(BatchSize.forReplay(3, 3, BUFFER, 1_048_588)).isEqualTo(MIB);
        assertThat(BatchSize.forReplay(1, 1, BUFFER, 16 * MIB)).isEqualTo(MIB);
    }

    @Test
    void aTopicThatAcceptsLessGetsBatchesItAccepts() {
        assertThat(BatchSize.forReplay(3, 3, BUFFER, 20_000)).isEqualTo(20_000);
        assertThat(BatchSize.forReplay(3, 3, BUFFER, 600_000)).isEqualTo(600_000);
    }

    @Test
    void manyPartitionsPerProducerHalveTheBatchDownToTheUsualSize() {
        // 16 partitions per producer: a filling and an in-flight 1 MiB batch each is exactly the 32 MiB buffer
        assertThat(BatchSize.forReplay(48, 3, BUFFER, null)).isEqualTo(MIB);
        assertThat(BatchSize.forReplay(49, 3, BUFFER, null)).isEqualTo(MIB / 2);
        assertThat(BatchSize.forReplay(32, 1, BUFFER, null)).isEqualTo(MIB / 2);
        assertThat(BatchSize.forReplay(33, 1, BUFFER, null)).isEqualTo(BatchSize.USUAL);
        assertThat(BatchSize.forReplay(1000, 1, BUFFER, null)).isEqualTo(BatchSize.USUAL);
        assertThat(BatchSize.forReplay(1000, 1, BUFFER, 100_000)).isEqualTo(100_000);
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> BatchSize.forReplay(0, 1, BUFFER, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BatchSize.forReplay(1, 0, BUFFER, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
