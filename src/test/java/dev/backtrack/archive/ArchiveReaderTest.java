package dev.backtrack.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** The archive format without a cluster: exact round trip of odd records, and hostile files. */
class ArchiveReaderTest {
    private static final String HEADER = "{\"format\":\"backtrack-archive\",\"version\":1,\"sourceCluster\":\"c\",\"topics\":[\"t\"]}\n";

    private static byte[] archive(RawRecord... records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArchiveWriter w = new ArchiveWriter(out, ArchiveHeader.of("cluster-1", List.of("t"), null, null), true)) {
            for (RawRecord r : records) {
                w.write(r);
            }
        }
        return out.toByteArray();
    }

    private static ArchiveReader reader(String text) {
        return new ArchiveReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void oddRecordsComeBackExactly() {
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        RawRecord nullKeyTombstone = new RawRecord("t", 0, 5, 1000, TimestampType.CREATE_TIME, null, null, List.of());
        RawRecord emptyBoth = new RawRecord("t", 1, 6, 1001, TimestampType.LOG_APPEND_TIME, new byte[0], new byte[0],
                List.of(new RawHeader("dup", "a".getBytes()), new RawHeader("dup", "b".getBytes()), new RawHeader("nil", null),
                        new RawHeader("empty", new byte[0]), new RawHeader("bin", binary), new RawHeader("ünï\n", "x".getBytes())));
        RawRecord noTimestamp = new RawRecord("t", 2, 7, -1, TimestampType.NO_TIMESTAMP_TYPE, binary, "line\nbreak \"quoted\"".getBytes(), List.of());
        byte[] bytes = archive(nullKeyTombstone, emptyBoth, noTimestamp);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text.split("\n")).hasSize(4);
        try (ArchiveReader reader = new ArchiveReader(new ByteArrayInputStream(bytes))) {
            assertThat(reader.header().sourceCluster()).isEqualTo("cluster-1");
            assertThat(reader.header().backtrackVersion()).isNotBlank();
            assertThat(reader.next().raw()).isEqualTo(nullKeyTombstone);
            RawRecord second = reader.next().raw();
            assertThat(second).isEqualTo(emptyBoth);
            assertThat(second.key()).isNotNull().isEmpty();
            assertThat(reader.next().raw()).isEqualTo(noTimestamp);
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void malformedLinesAreReportedWithTheirLineNumber() {
        String good = "{\"topic\":\"t\",\"partition\":0,\"offset\":1,\"timestamp\":5,\"timestampType\":\"CreateTime\",\"key\":null,\"value\":\"aGk=\",\"headers\":[]}\n";
        try (ArchiveReader r = reader(HEADER + good + "{not json\n")) {
            assertThat(r.next().raw().value()).isEqualTo("hi".getBytes());
            assertThatThrownBy(r::next).isInstanceOf(ArchiveFormatException.class).hasMessageStartingWith("archive line 3: not valid JSON");
        }
        try (ArchiveReader r = reader(HEADER + "\n" + good.replace("\"aGk=\"", "\"***\""))) {
            assertThatThrownBy(r::next).hasMessageContaining("line 3").hasMessageContaining("\"value\" is not valid base64");
        }
        try (ArchiveReader r = reader(HEADER + good.replace("\"key\":null,", ""))) {
            assertThatThrownBy(r::next).hasMessageContaining("line 2").hasMessageContaining("missing \"key\"");
        }
        try (ArchiveReader r = reader(HEADER + good.replace("\"partition\":0", "\"partition\":-3"))) {
            assertThatThrownBy(r::next).hasMessageContaining("invalid \"partition\"");
        }
        try (ArchiveReader r = reader(HEADER + good.replace("CreateTime", "Sometime"))) {
            assertThatThrownBy(r::next).hasMessageContaining("unknown timestampType 'Sometime'");
        }
        try (ArchiveReader r = reader(HEADER + "[1,2]\n")) {
            assertThatThrownBy(r::next).hasMessageContaining("expected a JSON object");
        }
        assertThatThrownBy(() -> reader("{\"format\":\"other\"}\n")).isInstanceOf(ArchiveFormatException.class).hasMessageContaining("line 1")
                .hasMessageContaining("not a Backtrack archive");
        assertThatThrownBy(() -> reader(HEADER.replace("\"version\":1", "\"version\":2"))).hasMessageContaining("version 2 is not supported");
        assertThatThrownBy(() -> reader("")).hasMessageContaining("empty");
    }

    @Test
    void anOverlongLineIsRefusedWithoutReadingItWhole() {
        String huge = "{\"topic\":\"" + "x".repeat(300_000) + "\"}\n";
        try (ArchiveReader r = new ArchiveReader(new ByteArrayInputStream((HEADER + huge).getBytes(StandardCharsets.UTF_8)), 100_000)) {
            assertThatThrownBy(r::next).isInstanceOf(ArchiveFormatException.class).hasMessageStartingWith("archive line 2: line is longer than");
        }
    }

    @Test
    void csvQuotesCellsThatNeedIt() {
        assertThat(CsvWriter.quote("plain")).isEqualTo("plain");
        assertThat(CsvWriter.quote("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvWriter.quote("say \"hi\"\nbye")).isEqualTo("\"say \"\"hi\"\"\nbye\"");
    }
}
