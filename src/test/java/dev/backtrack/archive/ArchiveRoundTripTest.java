package dev.backtrack.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backtrack.browse.Cancellation;
import dev.backtrack.codec.RecordDecoder;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.WriteGuard;
import dev.backtrack.replay.HeaderPolicy;
import dev.backtrack.replay.ReplayPlan;
import dev.backtrack.replay.ReplayRange;
import dev.backtrack.replay.ReplayReport;
import dev.backtrack.replay.ReplayRunner;
import dev.backtrack.replay.ReplaySource;
import dev.backtrack.replay.ReplayTarget;
import dev.backtrack.replay.SendListener;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Export → import into a new topic → export gives byte-identical records. */
@Timeout(180)
class ArchiveRoundTripTest {
    private final String bootstrap = TestServers.bootstrap();

    private static ProducerRecord<byte[], byte[]> rec(String topic, int p, long ts, byte[] key, byte[] value, RecordHeader... headers) {
        return new ProducerRecord<>(topic, p, ts, key, value, List.of(headers));
    }

    private byte[] export(String topic) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConnectionSettings settings = ConnectionSettings.plaintext(bootstrap);
        ArchiveExport.export(new KafkaClients(settings), new ReplaySource.Topic(settings, topic, List.of(), ReplayRange.ALL,
                IsolationLevel.READ_COMMITTED), null, new RecordDecoder(null), ArchiveExport.Format.JSONL, out, true, Cancellation.none());
        return out.toByteArray();
    }

    /**
     * The record lines without the topic field (the only thing that must differ), by partition and offset:
     * an archive keeps each partition in offset order, partitions interleave as they were polled.
     */
    private static List<String> recordLines(byte[] archive) throws Exception {
        List<ObjectNode> out = new ArrayList<>();
        String[] lines = new String(archive, StandardCharsets.UTF_8).split("\n");
        for (int i = 1; i < lines.length; i++) {
            ObjectNode node = (ObjectNode) ArchiveWriter.JSON.readTree(lines[i]);
            node.remove("topic");
            out.add(node);
        }
        out.sort(java.util.Comparator.comparingInt((ObjectNode n) -> n.get("partition").asInt()).thenComparingLong(n -> n.get("offset").asLong()));
        List<String> sorted = new ArrayList<>();
        for (ObjectNode n : out) {
            sorted.add(ArchiveWriter.JSON.writeValueAsString(n));
        }
        return sorted;
    }

    @Test
    void exportImportExportIsByteIdentical(@TempDir Path dir) throws Exception {
        String source = TestTopics.create(bootstrap, "arc-src", 2);
        long now = System.currentTimeMillis();
        byte[] binary = new byte[1 << 20];
        new java.util.Random(7).nextBytes(binary);
        byte[] notUtf8 = {(byte) 0xC3, (byte) 0x28, 0, (byte) 0xFF};
        List<ProducerRecord<byte[], byte[]>> records = List.of(
                rec(source, 0, now - 5000, null, "{\"a\":1}".getBytes()),
                rec(source, 0, now - 4000, new byte[0], new byte[0], new RecordHeader("dup", "1".getBytes()), new RecordHeader("dup", "2".getBytes()),
                        new RecordHeader("nil", null), new RecordHeader("empty", new byte[0])),
                rec(source, 0, now - 3000, "tomb".getBytes(), null),
                rec(source, 1, now - 2000, notUtf8, binary, new RecordHeader("bin", notUtf8)),
                rec(source, 1, now - 1000, "k".getBytes(), "text value, with \"quotes\"\nand newline".getBytes()));
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 << 20), new ByteArraySerializer(), new ByteArraySerializer())) {
            records.forEach(p::send);
        }
        byte[] first = export(source);
        Path file = dir.resolve("orders.jsonl");
        Files.write(file, first);

        String copy = TestTopics.create(bootstrap, "arc-copy", 2);
        ReplayPlan plan = ReplayPlan.of(new ReplaySource.Archive(file), new ReplayTarget(ConnectionSettings.plaintext(bootstrap), copy, null))
                .withHeaders(HeaderPolicy.KEEP_ALL.withProvenance(false)).withVerify(true);
        ReplayReport report = new ReplayRunner(WriteGuard.REFUSE_PROTECTED, SendListener.NONE).run(plan, Cancellation.none());
        assertThat(report.written()).isEqualTo(5);
        assertThat(report.verified()).isTrue();

        byte[] second = export(copy);
        assertThat(recordLines(second)).hasSize(5).containsExactlyElementsOf(recordLines(first));
        try (ArchiveReader reader = ArchiveReader.open(file)) {
            assertThat(reader.header().topics()).containsExactly(source);
            List<ArchiveEntry> entries = reader.nextBatch(10);
            ArchiveEntry first0 = entries.stream().filter(e -> e.raw().partition() == 0 && e.raw().offset() == 0).findFirst().orElseThrow();
            assertThat(first0.raw().key()).isNull();
            assertThat(first0.decoded().path("value").path("json").path("a").asInt()).isEqualTo(1);
            ArchiveEntry second0 = entries.stream().filter(e -> e.raw().partition() == 0 && e.raw().offset() == 1).findFirst().orElseThrow();
            assertThat(second0.raw().key()).isEmpty();
        }
    }

    @Test
    void csvExportHasDecodedColumns() {
        String source = TestTopics.create(bootstrap, "csv-src", 1);
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            p.send(rec(source, 0, System.currentTimeMillis(), "k1".getBytes(), "{\"status\":\"FAILED\"}".getBytes(), new RecordHeader("h", "v".getBytes())));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConnectionSettings settings = ConnectionSettings.plaintext(bootstrap);
        ArchiveExport.Result result = ArchiveExport.export(new KafkaClients(settings), new ReplaySource.Topic(settings, source, List.of(),
                ReplayRange.ALL, IsolationLevel.READ_COMMITTED), null, new RecordDecoder(null), ArchiveExport.Format.CSV, out, true, Cancellation.none());
        assertThat(result.written()).isEqualTo(1);
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines[0]).isEqualTo(String.join(",", CsvWriter.COLUMNS));
        assertThat(lines[1]).startsWith(source + ",0,0,").contains(",k1,\"{\"\"status\"\":\"\"FAILED\"\"}\",h=v,TEXT,JSON,");
    }
}
