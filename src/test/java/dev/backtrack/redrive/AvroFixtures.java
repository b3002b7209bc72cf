package dev.backtrack.redrive;

import dev.backtrack.codec.SchemaInfo;
import dev.backtrack.codec.SchemaRegistryClient;
import dev.backtrack.kafka.RegistrySettings;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Avro payloads framed as the Confluent serializer frames them, written and read with plain Avro only. */
final class AvroFixtures {
    static final String PAYMENT = """
            {"type":"record","name":"Payment","namespace":"com.example","fields":[
              {"name":"id","type":"long"},
              {"name":"customer","type":"string"},
              {"name":"amount","type":"double"},
              {"name":"status","type":"string"},
              {"name":"note","type":["null","string"],"default":null}]}""";
    static final Schema SCHEMA = new Schema.Parser().parse(PAYMENT);

    private AvroFixtures() {
    }

    static RegistrySettings registry() {
        return RegistrySettings.of(TestServers.registryUrl());
    }

    static int register() {
        return SchemaRegistryClient.shared(registry()).register(TestTopics.unique("payments") + "-value", PAYMENT,
                SchemaInfo.SchemaType.AVRO, List.of());
    }

    static GenericRecord payment(long id, String customer, double amount, String status, String note) {
        GenericRecord r = new GenericData.Record(SCHEMA);
        r.put("id", id);
        r.put("customer", customer);
        r.put("amount", amount);
        r.put("status", status);
        r.put("note", note);
        return r;
    }

    static byte[] frame(int schemaId, GenericRecord record) {
        return dev.backtrack.testing.ConfluentAvro.frame(SCHEMA, schemaId, record);
    }

    /** Independent reader: checks the magic byte, returns the schema id and the record read with plain Avro. */
    static int schemaId(byte[] framed) {
        return dev.backtrack.testing.ConfluentAvro.schemaId(framed);
    }

    static GenericRecord read(byte[] framed) {
        return dev.backtrack.testing.ConfluentAvro.read(SCHEMA, framed);
    }
}
