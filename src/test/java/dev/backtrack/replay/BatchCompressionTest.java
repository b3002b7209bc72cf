package dev.backtrack.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BatchCompressionTest {
    @Test
    void automaticFollowsTheTargetTopic() {
        assertThat(BatchCompression.AUTO.forTarget(null, "producer", null)).isEqualTo("lz4");
        assertThat(BatchCompression.AUTO.forTarget(null, null, null)).isEqualTo("lz4");
        assertThat(BatchCompression.AUTO.forTarget(null, "uncompressed", 0.2)).isEqualTo("none");
        for (String codec : new String[] {"gzip", "snappy", "lz4", "zstd"}) {
            assertThat(BatchCompression.AUTO.forTarget(null, codec, 1.0)).isEqualTo(codec);
        }
        assertThat(BatchCompression.AUTO.forTarget(null, " ZSTD ", null)).isEqualTo("zstd");
    }

    @Test
    void whenTheTopicLeavesItToTheProducerLz4OnlyForRecordsThatCompress() {
        assertThat(BatchCompression.AUTO.forTarget(null, "producer", 0.25)).isEqualTo("lz4");
        assertThat(BatchCompression.AUTO.forTarget(null, "producer", BatchCompression.WORTH_IT)).isEqualTo("lz4");
        assertThat(BatchCompression.AUTO.forTarget(null, "producer", 0.997)).isEqualTo("none");
        assertThat(BatchCompression.AUTO.forTarget(null, null, 1.01)).isEqualTo("none");
        assertThat(BatchCompression.AUTO.describe(null, "producer", 0.234))
                .isEqualTo("lz4 (auto: the target topic's compression.type is producer, and a sample of the records compresses to 23 % with lz4)");
        assertThat(BatchCompression.AUTO.describe(null, null, 0.997))
                .isEqualTo("none (auto: the target topic's compression.type is producer, and a sample of the records compresses to 100 % with lz4)");
    }

    @Test
    void aProfilesChoiceWinsOverAutomaticAndAnExplicitChoiceWinsOverBoth() {
        assertThat(BatchCompression.AUTO.forTarget("snappy", "zstd", null)).isEqualTo("snappy");
        assertThat(BatchCompression.AUTO.forTarget("lz4", "producer", 1.0)).isEqualTo("lz4");
        assertThat(BatchCompression.AUTO.forTarget(" ", "zstd", null)).isEqualTo("zstd");
        assertThat(BatchCompression.NONE.forTarget("snappy", "zstd", 0.1)).isEqualTo("none");
        assertThat(BatchCompression.GZIP.forTarget(null, "producer", 1.0)).isEqualTo("gzip");
        assertThat(BatchCompression.AUTO.describe("snappy", "zstd", null)).isEqualTo("snappy (the profile's compression.type)");
        assertThat(BatchCompression.AUTO.describe(null, null, null)).isEqualTo("lz4 (auto: the target topic's compression.type is producer)");
        assertThat(BatchCompression.LZ4.describe("gzip", "zstd", 1.0)).isEqualTo("lz4");
    }

    @Test
    void aCodecOtherThanTheTopicsIsWarnedAbout() {
        assertThat(BatchCompression.AUTO.storageMismatch(null, "zstd", 1.0)).isEmpty();
        assertThat(BatchCompression.AUTO.storageMismatch(null, "producer", 1.0)).isEmpty();
        assertThat(BatchCompression.NONE.storageMismatch(null, "producer", 0.1)).isEmpty();
        assertThat(BatchCompression.NONE.storageMismatch(null, "uncompressed", null)).isEmpty();
        assertThat(BatchCompression.LZ4.storageMismatch(null, "zstd", null)).contains(
                "the target topic stores zstd batches, so the broker recompresses every batch this replay sends (lz4); --compression auto sends zstd");
        assertThat(BatchCompression.AUTO.storageMismatch("gzip", "uncompressed", null)).contains(
                "the target topic stores uncompressed batches, so the broker decompresses every batch this replay sends (gzip); "
                        + "--compression auto sends none");
    }

    @Test
    void parsesWhatTheCommandLineTakes() {
        assertThat(BatchCompression.parse(null)).isEqualTo(BatchCompression.AUTO);
        assertThat(BatchCompression.parse("Auto")).isEqualTo(BatchCompression.AUTO);
        assertThat(BatchCompression.parse(" lz4")).isEqualTo(BatchCompression.LZ4);
        for (BatchCompression c : BatchCompression.values()) {
            if (c != BatchCompression.AUTO) {
                assertThat(BatchCompression.parse(c.codec())).isEqualTo(c);
            }
        }
        assertThatThrownBy(() -> BatchCompression.parse("brotli")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("compression must be auto, none, gzip, snappy, lz4 or zstd, got 'brotli'");
        assertThatThrownBy(BatchCompression.AUTO::codec).isInstanceOf(IllegalStateException.class);
    }
}
