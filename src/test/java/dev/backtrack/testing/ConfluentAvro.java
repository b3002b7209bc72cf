package dev.backtrack.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/** Confluent-framed Avro (magic 0 + 4-byte id) written and read with plain Avro, independently of the codec engine. */
public final class ConfluentAvro {
    private ConfluentAvro() {
    }

    public static byte[] frame(Schema schema, int schemaId, GenericRecord record) {
        byte[] body = body(schema, record);
        return ByteBuffer.allocate(5 + body.length).put((byte) 0).putInt(schemaId).put(body).array();
    }

    /** The Avro binary body alone (for records whose schema id travels in a header). */
    public static byte[] body(Schema schema, GenericRecord record) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The schema id of a framed value; fails without the magic byte 0. */
    public static int schemaId(byte[] framed) {
        if (framed[0] != 0) {
            throw new IllegalStateException("no magic byte 0");
        }
        return ByteBuffer.wrap(framed, 1, 4).getInt();
    }

    public static GenericRecord read(Schema schema, byte[] framed) {
        try {
            return new GenericDatumReader<GenericRecord>(schema).read(null,
                    DecoderFactory.get().binaryDecoder(Arrays.copyOfRange(framed, 5, framed.length), null));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
