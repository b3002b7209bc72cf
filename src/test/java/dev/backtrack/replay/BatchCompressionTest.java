package dev.backtrack.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BatchCompressionTest {
    @Test
    void automaticFollowsTheTargetTopic() {
        assertThat(BatchCompression.AUTO.forTarget(null, "producer")).isEqualTo("lz4");
        assertThat(BatchCompression.AUTO.forTarget(null, null)).isEqualTo("lz4");
        assertThat(BatchCompression.AUTO.forTarget(null, "uncompressed")).isEqualTo("none");
        for (String codec : new String[] {"gzip", "snappy", "lz4", "zstd"}) {
            assertThat(BatchCompression.AUTO.forTarget(null, codec)).isEqualTo(codec);
        }
        assertThat(BatchCompression.AUTO.forTarget(null, " ZSTD ")).isEqualTo("zstd");
    }

    @Test
    void aProfilesChoiceWinsOverAutomaticAndAnExplicitChoiceWinsOverBoth() {
        assertThat(BatchCompression.AUTO.forTarget("snappy", "zstd")).isEqualTo("snappy");
        assertThat(BatchCompression.AUTO.forTarget(" ", "zstd")).isEqualTo("zstd");
        assertThat(BatchCompression.NONE.forTarget("snappy", "zstd")).isEqualTo("none");
        assertThat(BatchCompression.GZIP.forTarget(null, "producer")).isEqualTo("gzip");
        assertThat(BatchCompression.AUTO.describe("snappy", "zstd")).isEqualTo("snappy (the profile's compression.type)");
        assertThat(BatchCompression.AUTO.describe(null, null)).isEqualTo("lz4 (auto: the target topic's compression.type is producer)");
        assertThat(BatchCompression.LZ4.describe("gzip", "zstd")).isEqualTo("lz4");
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
