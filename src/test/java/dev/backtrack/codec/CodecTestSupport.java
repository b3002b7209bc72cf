package dev.backtrack.codec;

import static org.awaitility.Awaitility.await;

import dev.backtrack.kafka.RawRecord;
import dev.backtrack.kafka.RegistrySettings;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Shared helpers for codec tests: registry client, Avro's own writer, and a real produce/consume round trip. */
final class CodecTestSupport {
    static final GenericData AVRO_DATA = new GenericData();

    static {
        AVRO_DATA.addLogicalTypeConversion(new Conversions.DecimalConversion());
        AVRO_DATA.addLogicalTypeConversion(new Conversions.UUIDConversion());
        AVRO_DATA.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        AVRO_DATA.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        AVRO_DATA.addLogicalTypeConversion(new TimeConversions.DateConversion());
    }

    private CodecTestSupport() {
    }

    static SchemaRegistryClient client() {
        return new SchemaRegistryClient(RegistrySettings.of(TestServers.registryUrl()));
    }

    static String subject(String prefix) {
        return TestTopics.unique(prefix);
    }

    /** Avro binary written by Avro's own GenericDatumWriter (with logical-type conversions). */
    static byte[] avro(Schema schema, Object datum) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<>(schema, AVRO_DATA).write(datum, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Produces the records to a fresh single-partition topic of the real broker and reads them back as RawRecords. */
    static List<RawRecord> roundTrip(String prefix, List<ProducerRecord<byte[], byte[]>> records) {
        String bootstrap = TestServers.bootstrap();
        String topic = TestTopics.create(bootstrap, prefix, 1);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<byte[], byte[]> r : records) {
                producer.send(new ProducerRecord<>(topic, 0, r.timestamp(), r.key(), r.value(), r.headers()));
            }
            producer.flush();
        }
        List<RawRecord> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "enable.auto.commit", "false"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(RawRecord.of(r));
                }
                return out.size() >= records.size();
            });
        }
        return out;
    }

    static ProducerRecord<byte[], byte[]> record(byte[] key, byte[] value) {
        return new ProducerRecord<>("unused", key, value);
    }
}
