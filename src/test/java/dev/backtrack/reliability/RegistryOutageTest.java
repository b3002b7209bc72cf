package dev.backtrack.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backtrack.browse.BrowseRequest;
import dev.backtrack.browse.Browser;
import dev.backtrack.browse.Cancellation;
import dev.backtrack.browse.Page;
import dev.backtrack.cli.Main;
import dev.backtrack.codec.DecodedPart;
import dev.backtrack.codec.DecodedRecord;
import dev.backtrack.codec.Format;
import dev.backtrack.codec.RecordDecoder;
import dev.backtrack.codec.SchemaInfo;
import dev.backtrack.codec.SchemaRegistryClient;
import dev.backtrack.codec.WireFormat;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.kafka.RegistrySettings;
import dev.backtrack.replay.Checkpoint;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The schema registry goes away in the middle of the work: a {@link TcpProxy} in front of the real Apicurio registry
 * is cut and restored. A browse keeps its pages and shows the records of schemas it has not cached yet as raw bytes
 * with the reason, and decodes them again once the registry is back. A {@code replay --reregister} (target registry
 * behind the proxy; the source registry is a {@link StubRegistry} with ids Apicurio never hands out, so a rewritten
 * id is visibly different) meets new schemas after the cut: it stops with one {@code backtrack:} line and a checkpoint,
 * no record reaches the target with an un-rewritten id, and resuming after the registry is back completes with exact
 * counts, every target record decoding through the target registry to the same content as its source record.
 */
@Timeout(300)
class RegistryOutageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PER_PARTITION = 800;
    /** Records [0, FIRST_SCHEMAS) of each partition use the first two schemas; the last of them comes after a pause. */
    private static final int FIRST_SCHEMAS = 500;
    /** The gap in source timestamps before the last early record: the paced first run waits there, and the test cuts. */
    private static final long GAP_MS = 6_000;
    private static final List<String> SCHEMAS = List.of(
            record("Order", "{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"item\",\"type\":\"string\"}"),
            record("Order", "{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"item\",\"type\":\"string\"},{\"name\":\"qty\",\"type\":\"int\",\"default\":1}"),
            record("Order", "{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"item\",\"type\":\"string\"},{\"name\":\"qty\",\"type\":\"int\",\"default\":1},"
                    + "{\"name\":\"note\",\"type\":\"string\",\"default\":\"\"}"),
            record("Payment", "{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"item\",\"type\":\"string\"},{\"name\":\"amount\",\"type\":\"double\",\"default\":0}"),
            record("Shipment", "{\"name\":\"id\",\"type\":\"long\"},{\"name\":\"item\",\"type\":\"string\"},{\"name\":\"carrier\",\"type\":\"string\",\"default\":\"dhl\"}"));
    private static final int STUB_BASE_ID = 910_001;

    private final String bootstrap = TestServers.bootstrap();

    private static String record(String name, String fields) {
        return "{\"type\":\"record\",\"name\":\"" + name + "\",\"namespace\":\"outage\",\"fields\":[" + fields + "]}";
    }

    @Test
    void browseShowsRawBytesWithTheReasonWhileTheRegistryIsDownAndDecodesOnceItIsBack() throws Exception {
        SchemaRegistryClient direct = new SchemaRegistryClient(RegistrySettings.of(TestServers.registryUrl()));
        String topic = TestTopics.create(bootstrap, "outage-browse", 1);
        int cached = direct.register(topic + "-value", SCHEMAS.get(0), SchemaInfo.SchemaType.AVRO, List.of());
        int later = direct.register(topic + "-other-value", SCHEMAS.get(3), SchemaInfo.SchemaType.AVRO, List.of());
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (int i = 0; i < 30; i++) {
            // page 1: the first schema only; page 2: both, alternating; page 3: the second schema only
            boolean first = i < 10 || i < 20 && i % 2 == 0;
            int schema = first ? 0 : 3;
            records.add(new ProducerRecord<>(topic, 0, now + i, ("k" + i).getBytes(StandardCharsets.UTF_8),
                    framed(first ? cached : later, avro(schema, i))));
        }
        Records.produce(bootstrap, records);

        try (TcpProxy proxy = registryProxy()) {
            String proxied = proxiedUrl(proxy);
            RecordDecoder decoder = RecordDecoder.using(new SchemaRegistryClient(RegistrySettings.of(proxied)));
            Browser browser = new Browser(new KafkaClients(ConnectionSettings.plaintext(bootstrap)), decoder);
            Page first = browser.read(BrowseRequest.of(topic).withPageSize(10), Cancellation.none());
            assertThat(first.records()).hasSize(10).allSatisfy(r -> assertDecoded(r, cached));

            proxy.down();
            long start = System.nanoTime();
            Page second = browser.next(first, Cancellation.none());
            Page third = browser.next(second, Cancellation.none());
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            System.out.println("registry down mid-browse: pages 2 and 3 in " + tookMs + " ms; " + second.records().get(1).value().error());
            assertThat(tookMs).as("the outage is noticed at once, not per record").isLessThan(15_000);
            assertThat(second.records()).hasSize(10);
            for (DecodedRecord r : second.records()) {
                if (r.raw().offset() % 2 == 0) {
                    assertDecoded(r, cached);
                } else {
                    assertRawWithReason(r, proxied);
                }
            }
            assertThat(third.records()).hasSize(10).allSatisfy(r -> assertRawWithReason(r, proxied));

            proxy.up();
            // the client treats the registry as down for a few seconds after a failure, then asks again
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(browser.next(second, Cancellation.none()).records()).hasSize(10).allSatisfy(r -> assertDecoded(r, later)));
        }
    }

    @ParameterizedTest(name = "exactly-once: {0}")
    @ValueSource(booleans = {true, false})
    void replayStopsCleanlyWhenTheRegistryGoesAwayAndResumesExactly(boolean exactlyOnce, @TempDir Path dir) throws Exception {
        String source = TestTopics.create(bootstrap, "outage-src", 2);
        String target = TestTopics.create(bootstrap, "outage-dst", 2);
        Path checkpoint = dir.resolve("replay.checkpoint.json");
        try (StubRegistry sourceRegistry = new StubRegistry(); TcpProxy proxy = registryProxy();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            for (int s = 0; s < SCHEMAS.size(); s++) {
                sourceRegistry.put(STUB_BASE_ID + s, "AVRO", SCHEMAS.get(s));
            }
            Records.produce(bootstrap, sourceRecords(source));
            List<RawRecord> sourceRecords = Records.readAll(bootstrap, source, IsolationLevel.READ_COMMITTED);
            assertThat(sourceRecords).hasSize(2 * PER_PARTITION);

            List<String> args = new ArrayList<>(List.of("replay", source, "--to", target, "--bootstrap", bootstrap,
                    "--registry", sourceRegistry.url(), "--target-registry", proxiedUrl(proxy), "--reregister", "--commit-every", "100", "--yes"));
            if (exactlyOnce) {
                args.add("--exactly-once");
            }
            List<String> firstArgs = new ArrayList<>(args);
            firstArgs.addAll(List.of("--checkpoint", checkpoint.toString(), "--pace", "original"));
            CompletableFuture<Run> first = CompletableFuture.supplyAsync(() -> run(firstArgs.toArray(String[]::new)));
            // the early records go at once, then the paced run waits GAP_MS before the last early record: cut there
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .failFast("the replay ended before the registry was cut", first::isDone)
                    .until(() -> endOffsets(admin, target) >= 200);
            proxy.down();
            Run stopped = first.get(120, TimeUnit.SECONDS);
            System.out.println("registry cut mid-replay (" + (exactlyOnce ? "exactly-once" : "idempotent") + "): " + stopped);

            assertThat(stopped.exit()).as(stopped.toString()).isEqualTo(1);
            assertThat(stopped.out()).as("no report claims progress").isEmpty();
            String message = oneLine(stopped.err());
            assertThat(message).startsWith("backtrack: cannot re-register schema id 91000")
                    .contains("in the target registry: schema registry at " + proxiedUrl(proxy) + " is unreachable")
                    .contains("the replay stopped cleanly after").contains("can be resumed from checkpoint " + checkpoint);
            Checkpoint saved = Checkpoint.read(checkpoint);
            assertThat(saved.complete()).isFalse();
            long durable = saved.targets().stream().mapToLong(Checkpoint.TargetEntry::count).sum();
            // everything that physically reached the target (aborted transactions included) carries a rewritten id
            List<RawRecord> afterStop = Records.readAll(bootstrap, target, IsolationLevel.READ_UNCOMMITTED);
            assertThat(afterStop).hasSizeGreaterThanOrEqualTo(200).allSatisfy(r ->
                    assertThat(valueSchemaId(r)).as("schema id of %s", r).isLessThan(STUB_BASE_ID));
            List<RawRecord> visible = Records.readAll(bootstrap, target, exactlyOnce ? IsolationLevel.READ_COMMITTED : IsolationLevel.READ_UNCOMMITTED);
            assertThat(durable).as("the checkpoint counts exactly what is on the target").isEqualTo(visible.size());
            assertThat(message).contains("after " + durable + " record(s)");
            // the stopped replay is audited: what the target holds of it, and why it stopped
            JsonNode audited = auditEntries(target).getLast();
            assertThat(audited.path("outcome").asText()).isEqualTo("failed");
            assertThat(audited.path("details").path("written").asLong()).isEqualTo(durable);
            assertThat(audited.path("details").path("error").asText()).startsWith("cannot re-register schema id 91000");

            proxy.up();
            List<String> resumeArgs = new ArrayList<>(args);
            resumeArgs.addAll(List.of("--resume", checkpoint.toString()));
            Run resumed = run(resumeArgs.toArray(String[]::new));
            assertThat(resumed.exit()).as(resumed.toString()).isZero();
            JsonNode report = JSON.readTree(resumed.out());
            System.out.println("resumed after the registry came back: " + durable + " records before the cut, resume " + report.path("resume")
                    + ", written " + report.path("written") + ", mappings " + report.path("schemaMappings"));
            assertThat(report.path("status").asText()).isEqualTo("completed");
            assertThat(report.path("written").asLong()).isEqualTo(2L * PER_PARTITION);
            assertThat(report.path("failed").asLong()).isZero();
            assertThat(report.path("resume").path("overlap").asLong()).isZero();
            assertThat(report.path("resume").path("recovered").asLong()).isZero();
            assertThat(Checkpoint.read(checkpoint).complete()).isTrue();

            List<RawRecord> out = Records.readAll(bootstrap, target, exactlyOnce ? IsolationLevel.READ_COMMITTED : IsolationLevel.READ_UNCOMMITTED);
            assertThat(out).hasSize(2 * PER_PARTITION);
            assertSameContentWithRewrittenIds(sourceRecords, out, sourceRegistry.url());
        }
    }

    /** Every target record decodes through the target registry (with its new id) to what its source record decodes to. */
    private static void assertSameContentWithRewrittenIds(List<RawRecord> source, List<RawRecord> target, String sourceRegistryUrl) {
        RecordDecoder sourceDecoder = RecordDecoder.using(new SchemaRegistryClient(RegistrySettings.of(sourceRegistryUrl)));
        RecordDecoder targetDecoder = RecordDecoder.using(new SchemaRegistryClient(RegistrySettings.of(TestServers.registryUrl())));
        Map<String, JsonNode> expected = new HashMap<>();
        for (RawRecord r : source) {
            DecodedPart value = sourceDecoder.decode(r).value();
            assertThat(value.error()).isNull();
            expected.put(new String(r.key(), StandardCharsets.UTF_8), value.json());
        }
        Set<Integer> targetIds = new TreeSet<>();
        Set<String> keys = new TreeSet<>();
        for (RawRecord r : target) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            assertThat(keys.add(key)).as("no duplicate of %s", key).isTrue();
            DecodedPart value = targetDecoder.decode(r).value();
            assertThat(value.error()).as("%s", r).isNull();
            assertThat(value.format()).isEqualTo(Format.AVRO);
            assertThat(value.schema().id()).isEqualTo(valueSchemaId(r)).isLessThan(STUB_BASE_ID);
            assertThat(value.json()).as("content of %s", key).isEqualTo(expected.get(key));
            targetIds.add(value.schema().id());
        }
        assertThat(keys).hasSize(source.size());
        assertThat(targetIds).as("one target id per source schema").hasSize(SCHEMAS.size());
    }

    /** Per partition: records 0..498 of the first two schemas at once, 499 after the gap, then the other three schemas. */
    private static List<ProducerRecord<byte[], byte[]>> sourceRecords(String topic) {
        long base = System.currentTimeMillis() - 3_600_000;
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            for (int i = 0; i < PER_PARTITION; i++) {
                int schema = i < FIRST_SCHEMAS ? i % 2 : 2 + i % 3;
                long ts = base + i + (i >= FIRST_SCHEMAS - 1 ? GAP_MS : 0);
                byte[] key = ("k" + p + "-" + i).getBytes(StandardCharsets.UTF_8);
                byte[] body = avro(schema, p * 10_000L + i);
                if (i >= FIRST_SCHEMAS && i % 4 == 0) {
                    // the id travels in a header for some records
                    records.add(new ProducerRecord<>(topic, p, ts, key, body,
                            List.of(new RecordHeader(WireFormat.VALUE_SCHEMA_ID_HEADER, WireFormat.v0Prefix(STUB_BASE_ID + schema, null)))));
                } else {
                    records.add(new ProducerRecord<>(topic, p, ts, key, framed(STUB_BASE_ID + schema, body)));
                }
            }
        }
        return records;
    }

    private static byte[] avro(int schemaIndex, long id) {
        Schema schema = new Schema.Parser().parse(SCHEMAS.get(schemaIndex));
        GenericRecord r = new GenericData.Record(schema);
        for (Schema.Field f : schema.getFields()) {
            r.put(f.name(), switch (f.name()) {
                case "id" -> id;
                case "item" -> "item-" + id;
                case "qty" -> (int) (id % 7);
                case "note" -> "note " + id;
                case "amount" -> id / 4.0;
                case "carrier" -> id % 2 == 0 ? "ups" : "dhl";
                default -> throw new IllegalStateException(f.name());
            });
        }
        return dev.backtrack.testing.ConfluentAvro.body(schema, r);
    }

    private static byte[] framed(int id, byte[] body) {
        return ByteBuffer.allocate(5 + body.length).put((byte) 0).putInt(id).put(body).array();
    }

    private static int valueSchemaId(RawRecord r) {
        WireFormat.Framing framing = WireFormat.detect(r.value(), r.headers(), false);
        assertThat(framing).as("registry framing of %s", r).isNotNull();
        return framing.id();
    }

    private static void assertDecoded(DecodedRecord r, int schemaId) {
        assertThat(r.value().error()).as("%s", r).isNull();
        assertThat(r.value().format()).isEqualTo(Format.AVRO);
        assertThat(r.value().schema().id()).isEqualTo(schemaId);
    }

    private static void assertRawWithReason(DecodedRecord r, String registryUrl) {
        assertThat(r.value().format()).as("%s", r).isEqualTo(Format.HEX);
        assertThat(r.value().text()).isEqualTo(HexFormat.of().formatHex(r.raw().value()));
        assertThat(r.value().error()).startsWith("registry unreachable: schema registry at " + registryUrl + " is unreachable: ")
                .endsWith("showing raw bytes").doesNotContain("\n");
        assertThat(r.key().text()).isEqualTo("k" + r.raw().offset());
    }

    private static TcpProxy registryProxy() {
        TcpProxy proxy = new TcpProxy(TestServers.freePort(), URI.create(TestServers.registryUrl()).getPort());
        proxy.up();
        return proxy;
    }

    private static String proxiedUrl(TcpProxy proxy) {
        return "http://127.0.0.1:" + proxy.port() + URI.create(TestServers.registryUrl()).getPath();
    }

    private static long endOffsets(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> specs = Map.of(new TopicPartition(topic, 0), OffsetSpec.latest(), new TopicPartition(topic, 1), OffsetSpec.latest());
        return admin.listOffsets(specs).all().get().values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
    }

    /** The one message line of stderr besides progress and step lines (see {@link dev.backtrack.testing.StderrLines}). */
    static String oneLine(String err) {
        return dev.backtrack.testing.StderrLines.oneMessage(err);
    }

    record Run(int exit, String out, String err) {
    }

    /** The entries of the process's audit log (the CLI's) about writes to {@code topic}, oldest first. */
    private static List<JsonNode> auditEntries(String topic) throws java.io.IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : java.nio.file.Files.readAllLines(dev.backtrack.profile.ProfileConnections.context().audit().file())) {
            JsonNode entry = JSON.readTree(line);
            if (entry.path("topic").asText().equals(topic)) {
                out.add(entry);
            }
        }
        return out;
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }
}
