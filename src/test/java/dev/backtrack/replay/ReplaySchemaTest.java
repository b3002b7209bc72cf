package dev.backtrack.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.browse.Cancellation;
import dev.backtrack.codec.RegisteredSchema;
import dev.backtrack.codec.SchemaInfo;
import dev.backtrack.codec.SchemaRegistryClient;
import dev.backtrack.codec.WireFormat;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.kafka.RegistrySettings;
import dev.backtrack.kafka.WriteGuard;
import dev.backtrack.sandbox.RegistryServer;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Cross-cluster replay with schema re-registration. The target side has its own, second Apicurio registry
 * (started here): one shared registry would give the same content id under any subject, so it could not show
 * that ids are really rewritten. The target registry first gets unrelated schemas so its ids differ.
 */
@Timeout(300)
class ReplaySchemaTest {
    private static final String ORDER = """
            {"type":"record","name":"Order","namespace":"demo","fields":[{"name":"id","type":"long"},{"name":"item","type":"string"}]}""";
    private static RegistryServer second;

    @BeforeAll
    static void startSecondRegistry() throws Exception {
        Path log = Path.of("target", "test-servers", "registry-replay-" + ProcessHandle.current().pid() + ".log");
        java.nio.file.Files.createDirectories(log.getParent());
        second = RegistryServer.start(TestServers.freePort(), TestServers.freePort(), log, Duration.ofSeconds(180));
    }

    @AfterAll
    static void stopSecondRegistry() throws Exception {
        if (second != null) {
            second.close();
        }
    }

    private static byte[] avro(Schema schema, long id, String item) throws Exception {
        GenericRecord r = new GenericData.Record(schema);
        r.put("id", id);
        r.put("item", item);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(r, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static GenericRecord decode(Schema writer, byte[] bytes, int offset) throws Exception {
        return new GenericDatumReader<GenericRecord>(writer).read(null,
                DecoderFactory.get().binaryDecoder(bytes, offset, bytes.length - offset, null));
    }

    @Test
    void replayedAvroDecodesWithTheTargetRegistry() throws Exception {
        String bootstrap = TestServers.bootstrap();
        String tripleBootstrap = TestServers.tripleCluster().bootstrapServers();
        SchemaRegistryClient sourceRegistry = new SchemaRegistryClient(RegistrySettings.of(TestServers.registryUrl()));
        SchemaRegistryClient targetRegistry = new SchemaRegistryClient(RegistrySettings.of(second.url()));
        String source = TestTopics.create(bootstrap, "sr-src", 1);
        int sourceId = sourceRegistry.register(source + "-value", ORDER, SchemaInfo.SchemaType.AVRO, List.of());
        // the target registry is fresh: fill it past the source's id, so that keeping the id unchanged cannot pass
        for (int i = 0; i < Math.max(3, sourceId); i++) {
            targetRegistry.register("unrelated-" + i, "{\"type\":\"record\",\"name\":\"U" + i + "\",\"fields\":[]}", SchemaInfo.SchemaType.AVRO, List.of());
        }
        Schema schema = new Schema.Parser().parse(ORDER);
        long now = System.currentTimeMillis();
        byte[] prefixed = ByteBuffer.allocate(5 + avro(schema, 1, "widget").length).put((byte) 0).putInt(sourceId)
                .put(avro(schema, 1, "widget")).array();
        ProducerRecord<byte[], byte[]> inHeader = new ProducerRecord<>(source, 0, now, "k2".getBytes(), avro(schema, 2, "gadget"),
                List.of(new RecordHeader(WireFormat.VALUE_SCHEMA_ID_HEADER, WireFormat.v0Prefix(sourceId, null))));
        ReplayFixtures.produce(bootstrap, List.of(new ProducerRecord<>(source, 0, now, "k1".getBytes(), prefixed), inHeader,
                new ProducerRecord<>(source, 0, now, "k3".getBytes(), "plain text".getBytes())));

        String target = TestTopics.create(tripleBootstrap, "sr-dst", 1);
        ReplayPlan plan = ReplayPlan.of(
                new ReplaySource.Topic(ConnectionSettings.plaintext(bootstrap).withRegistry(RegistrySettings.of(TestServers.registryUrl())),
                        source, List.of(), ReplayRange.ALL, org.apache.kafka.common.IsolationLevel.READ_COMMITTED),
                new ReplayTarget(ConnectionSettings.plaintext(tripleBootstrap).withRegistry(RegistrySettings.of(second.url())), target, null))
                .withReregisterSchemas(true).withVerify(true);
        ReplayReport report = new ReplayRunner(WriteGuard.REFUSE_PROTECTED, SendListener.NONE).run(plan, Cancellation.none());
        assertThat(report.verified()).isTrue();
        assertThat(report.schemaMappings()).hasSize(1);

        List<RawRecord> out = ReplayFixtures.readAll(tripleBootstrap, target);
        assertThat(out).hasSize(3);
        int targetId = ByteBuffer.wrap(out.get(0).value(), 1, 4).getInt();
        assertThat(targetId).isNotEqualTo(sourceId);
        RegisteredSchema registered = targetRegistry.getSchemaById(targetId);
        assertThat(registered.type()).isEqualTo(SchemaInfo.SchemaType.AVRO);
        assertThat(targetRegistry.versions(target + "-value")).isNotEmpty();
        Schema targetSchema = new Schema.Parser().parse(registered.schema());
        GenericRecord first = decode(targetSchema, out.get(0).value(), 5);
        assertThat(first.get("id")).isEqualTo(1L);
        assertThat(first.get("item").toString()).isEqualTo("widget");

        byte[] header = out.get(1).lastHeader(WireFormat.VALUE_SCHEMA_ID_HEADER).value();
        assertThat(ByteBuffer.wrap(header, 1, 4).getInt()).isEqualTo(targetId);
        assertThat(out.get(1).value()).isEqualTo(avro(schema, 2, "gadget"));
        assertThat(decode(targetSchema, out.get(1).value(), 0).get("item").toString()).isEqualTo("gadget");
        assertThat(new String(out.get(2).value())).isEqualTo("plain text");
    }
}
