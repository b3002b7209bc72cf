package dev.backtrack.produce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.browse.Cancellation;
import dev.backtrack.browse.PartitionRange;
import dev.backtrack.browse.RangeReader;
import dev.backtrack.codec.EncodeException;
import dev.backtrack.codec.Format;
import dev.backtrack.codec.SchemaInfo;
import dev.backtrack.codec.SchemaRegistryClient;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.kafka.RegistrySettings;
import dev.backtrack.kafka.WriteRefusedException;
import dev.backtrack.redrive.StructuralDiff;
import dev.backtrack.redrive.ValueEdit;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.Test;

class RecordProducerTest {
    private static final String USER = """
            {"type":"record","name":"User","namespace":"com.example","fields":[
              {"name":"name","type":"string"},{"name":"age","type":"int"},
              {"name":"email","type":["null","string"],"default":null}]}""";

    private final KafkaClients clients = new KafkaClients(ConnectionSettings.plaintext(TestServers.bootstrap())
            .withRegistry(RegistrySettings.of(TestServers.registryUrl())));

    private RawRecord readOne(String topic, int partition, long offset) {
        List<RawRecord> out = new ArrayList<>();
        new RangeReader(clients, IsolationLevel.READ_UNCOMMITTED).read(topic, List.of(new PartitionRange(partition, offset, offset + 1)),
                out::addAll, Cancellation.none());
        return out.getFirst();
    }

    @Test
    void producedAvroDecodesWithAnIndependentReader() throws Exception {
        String topic = TestTopics.create(TestServers.bootstrap(), "users", 3);
        int id = SchemaRegistryClient.shared(clients.settings().registry()).register(topic + "-value", USER, SchemaInfo.SchemaType.AVRO, List.of());
        ProduceRequest request = new ProduceRequest(topic, null, new ProducePayload.Plain(Format.TEXT, "user-7"),
                new ProducePayload.BySubject(topic + "-value", "latest", null, "{\"name\":\"Ada\",\"age\":36,\"email\":\"ada@example.com\"}"),
                List.of(RawHeader.utf8("source", "test")), 1_700_000_000_000L);
        ProduceResult result = new RecordProducer(clients).produce(request);
        assertThat(result.valueSchemaId()).isEqualTo(id);
        assertThat(result.timestamp()).isEqualTo(1_700_000_000_000L);

        RawRecord landed = readOne(topic, result.partition(), result.offset());
        assertThat(landed.key()).isEqualTo("user-7".getBytes(StandardCharsets.UTF_8));
        assertThat(landed.headers()).containsExactly(RawHeader.utf8("source", "test"));
        byte[] value = landed.value();
        assertThat(value[0]).isZero();
        assertThat(ByteBuffer.wrap(value, 1, 4).getInt()).isEqualTo(id);
        Schema schema = new Schema.Parser().parse(USER);
        GenericRecord user = new GenericDatumReader<GenericRecord>(schema).read(null,
                DecoderFactory.get().binaryDecoder(Arrays.copyOfRange(value, 5, value.length), null));
        assertThat(user.get("name").toString()).isEqualTo("Ada");
        assertThat(user.get("age")).isEqualTo(36);
        assertThat(user.get("email").toString()).isEqualTo("ada@example.com");
    }

    @Test
    void fieldLevelValidationErrors() {
        String topic = TestTopics.create(TestServers.bootstrap(), "users-bad", 1);
        SchemaRegistryClient.shared(clients.settings().registry()).register(topic + "-value", USER, SchemaInfo.SchemaType.AVRO, List.of());
        ProduceRequest bad = new ProduceRequest(topic, null, null,
                new ProducePayload.BySubject(topic + "-value", null, null, "{\"name\":\"Ada\",\"age\":\"old\"}"), List.of(), null);
        assertThatThrownBy(() -> new RecordProducer(clients).produce(bad)).isInstanceOf(EncodeException.class)
                .satisfies(e -> assertThat(((EncodeException) e).path()).isEqualTo("$.age"));
    }

    @Test
    void plainRecordToAChosenPartitionThenResendAndEditAndResend() {
        String topic = TestTopics.create(TestServers.bootstrap(), "plain", 3);
        RecordProducer producer = new RecordProducer(clients);
        ProduceResult first = producer.produce(new ProduceRequest(topic, 2, new ProducePayload.Plain(Format.TEXT, "k"),
                new ProducePayload.Plain(Format.JSON, "{\"status\":\"NEW\",\"n\":1}"), List.of(RawHeader.utf8("h", "v")), null));
        assertThat(first.partition()).isEqualTo(2);
        RawRecord browsed = readOne(topic, 2, first.offset());
        assertThat(new String(browsed.value(), StandardCharsets.UTF_8)).isEqualTo("{\"status\":\"NEW\",\"n\":1}");

        ProduceResult again = producer.resend(browsed, null);
        RawRecord resent = readOne(topic, again.partition(), again.offset());
        assertThat(resent.key()).isEqualTo(browsed.key());
        assertThat(resent.value()).isEqualTo(browsed.value());
        assertThat(resent.headers()).isEqualTo(browsed.headers());

        ProduceResult edited = producer.editAndResend(browsed, null,
                new ValueEdit.SetFields(List.of(ValueEdit.Assignment.parse("status=\"DONE\""))), null, null);
        assertThat(edited.valueDiff()).extracting(StructuralDiff.Change::toString).containsExactly("/status: \"NEW\" -> \"DONE\"");
        assertThat(new String(readOne(topic, edited.partition(), edited.offset()).value(), StandardCharsets.UTF_8))
                .isEqualTo("{\"status\":\"DONE\",\"n\":1}");
    }

    @Test
    void theProdGuardApplies() {
        String topic = TestTopics.create(TestServers.bootstrap(), "guarded", 1);
        KafkaClients prod = new KafkaClients(ConnectionSettings.plaintext(TestServers.bootstrap()).withName("prod").withWriteProtected(true));
        assertThatThrownBy(() -> new RecordProducer(prod).produce(new ProduceRequest(topic, null, null,
                new ProducePayload.Plain(Format.TEXT, "x"), List.of(), null)))
                .isInstanceOf(WriteRefusedException.class);
    }
}
