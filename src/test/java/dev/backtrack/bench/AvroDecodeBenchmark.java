package dev.backtrack.bench;

import dev.backtrack.codec.DecodedRecord;
import dev.backtrack.codec.RecordDecoder;
import dev.backtrack.codec.SchemaInfo;
import dev.backtrack.codec.SchemaRegistryClient;
import dev.backtrack.codec.WireFormat;
import dev.backtrack.filter.CelFilter;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.kafka.RegistrySettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.record.TimestampType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Decode cost per record: Backtrack's full path (wire format, cached writer schema, Avro → readable JSON
 * text) against the bare Avro floor (GenericDatumReader into a GenericRecord, nothing rendered), and the
 * cost of one CEL evaluation on a decoded record. The registry URL comes from {@code -Dbench.registry}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AvroDecodeBenchmark {
    private RecordDecoder decoder;
    private RawRecord record;
    private byte[] body;
    private GenericDatumReader<GenericRecord> reader;
    private BinaryDecoder reuse;
    private GenericRecord datum;
    private CelFilter filter;
    private DecodedRecord decoded;

    @Setup
    public void setUp() throws IOException {
        String registry = System.getProperty("bench.registry");
        Schema schema = new Schema.Parser().parse(DataSets.ORDER_SCHEMA);
        int id = new SchemaRegistryClient(RegistrySettings.of(registry)).register("jmh-orders-value", DataSets.ORDER_SCHEMA,
                SchemaInfo.SchemaType.AVRO, List.of());
        body = DataSets.encodeSample(schema);
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        framed.write(WireFormat.v0Prefix(id, List.of()));
        framed.write(body);
        record = new RawRecord("jmh-orders", 0, 0, 0, TimestampType.CREATE_TIME, "customer-1".getBytes(), framed.toByteArray(), List.of());
        decoder = new RecordDecoder(RegistrySettings.of(registry));
        reader = new GenericDatumReader<>(schema);
        filter = CelFilter.compile("value.customer.tier == 'GOLD' && value.total > 100.0");
        decoded = decoder.decode(record);
        if (decoded.value().failed()) {
            throw new IllegalStateException("sample does not decode: " + decoded.value().error());
        }
    }

    @Benchmark
    public String backtrackDecodeAndRender() {
        return decoder.decode(record).value().text();
    }

    @Benchmark
    public GenericRecord bareGenericDatumReader() throws IOException {
        reuse = DecoderFactory.get().binaryDecoder(body, 0, body.length, reuse);
        datum = reader.read(datum, reuse);
        return datum;
    }

    @Benchmark
    public boolean celEvaluation() {
        return filter.test(decoded);
    }
}
