package dev.backtrack.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Valid inputs generated independently of Backtrack's code: Avro through Avro's own {@code GenericDatumWriter},
 * Protobuf written field by field with {@code CodedOutputStream}, JSON with Jackson. Every generator is seeded.
 */
final class FuzzInputs {
    static final String AVRO_SCHEMA = """
            {"type":"record","name":"Fz","namespace":"rel","fields":[
             {"name":"id","type":"long"},
             {"name":"name","type":"string"},
             {"name":"blob","type":"bytes"},
             {"name":"tags","type":{"type":"array","items":"string"}},
             {"name":"attrs","type":{"type":"map","values":"int"}},
             {"name":"opt","type":["null","double"]},
             {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["A","B","C"]}},
             {"name":"fix","type":{"type":"fixed","name":"F4","size":4}},
             {"name":"when","type":{"type":"long","logicalType":"timestamp-millis"}},
             {"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":20,"scale":2}},
             {"name":"uid","type":{"type":"string","logicalType":"uuid"}},
             {"name":"child","type":["null",{"type":"record","name":"Child","fields":[
               {"name":"flag","type":"boolean"},{"name":"f","type":"float"},{"name":"day","type":{"type":"int","logicalType":"date"}}]}]}
            ]}""";

    static final String PROTO_SCHEMA = """
            syntax = "proto3";
            package rel;

            message Fz {
              int64 id = 1;
              string name = 2;
              bytes blob = 3;
              repeated string tags = 4;
              map<string, int32> attrs = 5;
              Kind kind = 6;
              Child child = 7;
              oneof choice {
                string text = 8;
                sint32 num = 9;
              }
              double d = 10;
              repeated int64 packed = 11;

              enum Kind {
                A = 0;
                B = 1;
                C = 2;
              }
              message Child {
                bool flag = 1;
                float f = 2;
                repeated Child kids = 3;
              }
            }

            message Other {
              fixed64 x = 1;
              string y = 2;
            }
            """;

    static final String JSON_SCHEMA = """
            {"$schema":"http://json-schema.org/draft-07/schema#","type":"object",
             "properties":{"id":{"type":"integer"},"name":{"type":"string"},"items":{"type":"array"}},"required":["id"]}""";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Schema AVRO = new Schema.Parser().parse(AVRO_SCHEMA);
    private static final int[] ALPHABET = "aZ09 _-\"\\/{}[]:,\u00e9\u4e2d\u0000\u001f\ud83d\ude00\n\t".codePoints().toArray();

    private final SplittableRandom random;

    FuzzInputs(SplittableRandom random) {
        this.random = random;
    }

    String text(int max) {
        int length = random.nextInt(max + 1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.appendCodePoint(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return out.toString();
    }

    byte[] bytes(int max) {
        byte[] b = new byte[random.nextInt(max + 1)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return b;
    }

    long anyLong() {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextInt(1000);
            case 1 -> -random.nextInt(1000);
            case 2 -> random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE;
            default -> random.nextLong();
        };
    }

    /** An Avro body (no registry prefix) for {@link #AVRO_SCHEMA} with {@code id}. */
    byte[] avro(long id) {
        GenericRecord r = new GenericData.Record(AVRO);
        r.put("id", id);
        r.put("name", text(12));
        r.put("blob", ByteBuffer.wrap(bytes(12)));
        List<String> tags = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            tags.add(text(6));
        }
        r.put("tags", tags);
        Map<String, Integer> attrs = new HashMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            attrs.put(text(5), random.nextInt());
        }
        r.put("attrs", attrs);
        r.put("opt", random.nextBoolean() ? null : random.nextDouble() * 1e6);
        Schema kind = AVRO.getField("kind").schema();
        r.put("kind", new GenericData.EnumSymbol(kind, kind.getEnumSymbols().get(random.nextInt(3))));
        r.put("fix", new GenericData.Fixed(AVRO.getField("fix").schema(), fixed4()));
        r.put("when", anyLong());
        r.put("amount", ByteBuffer.wrap(bytes(9)));
        r.put("uid", new java.util.UUID(random.nextLong(), random.nextLong()).toString());
        if (random.nextBoolean()) {
            Schema childSchema = AVRO.getField("child").schema().getTypes().get(1);
            GenericRecord child = new GenericData.Record(childSchema);
            child.put("flag", random.nextBoolean());
            child.put("f", (float) random.nextDouble());
            child.put("day", random.nextInt(-100_000, 100_000));
            r.put("child", child);
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(AVRO).write(r, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] fixed4() {
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return b;
    }

    /** A Protobuf body of message {@code rel.Fz} with {@code id}, written field by field. */
    byte[] protobuf(long id) {
        return write(out -> {
            out.writeInt64(1, id);
            out.writeString(2, text(12));
            out.writeByteArray(3, bytes(12));
            for (int i = random.nextInt(4); i > 0; i--) {
                out.writeString(4, text(6));
            }
            for (int i = random.nextInt(4); i > 0; i--) {
                String key = text(5);
                int value = random.nextInt();
                out.writeByteArray(5, write(entry -> {
                    entry.writeString(1, key);
                    entry.writeInt32(2, value);
                }));
            }
            out.writeEnum(6, random.nextInt(3));
            if (random.nextBoolean()) {
                out.writeByteArray(7, child(3));
            }
            if (random.nextBoolean()) {
                out.writeString(8, text(8));
            } else {
                out.writeSInt32(9, random.nextInt());
            }
            out.writeDouble(10, random.nextDouble());
            int packed = random.nextInt(5);
            if (packed > 0) {
                out.writeTag(11, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                byte[] values = write(p -> {
                    for (int i = 0; i < packed; i++) {
                        p.writeInt64NoTag(anyLong());
                    }
                });
                out.writeUInt32NoTag(values.length);
                out.writeRawBytes(values);
            }
        });
    }

    /** A Protobuf body of message {@code rel.Other} (message index [1]). */
    byte[] protobufOther(long x) {
        return write(out -> {
            out.writeFixed64(1, x);
            out.writeString(2, text(10));
        });
    }

    private byte[] child(int depth) {
        return write(out -> {
            out.writeBool(1, random.nextBoolean());
            out.writeFloat(2, (float) random.nextDouble());
            for (int i = depth <= 0 ? 0 : random.nextInt(3); i > 0; i--) {
                out.writeByteArray(3, child(depth - 1));
            }
        });
    }

    interface Body {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] write(Body body) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            body.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON document valid for {@link #JSON_SCHEMA}. */
    ObjectNode json(long id) {
        ObjectNode doc = NODES.objectNode();
        doc.put("id", id);
        if (random.nextBoolean()) {
            doc.put("name", text(10));
        }
        ArrayNode items = doc.putArray("items");
        for (int i = random.nextInt(4); i > 0; i--) {
            items.add(anyJson(3));
        }
        return doc;
    }

    JsonNode anyJson(int depth) {
        int kind = depth <= 0 ? random.nextInt(5) : random.nextInt(7);
        return switch (kind) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(anyLong());
            case 3 -> NODES.numberNode(random.nextDouble() * 1e9);
            case 4 -> NODES.textNode(text(10));
            case 5 -> {
                ArrayNode a = NODES.arrayNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    a.add(anyJson(depth - 1));
                }
                yield a;
            }
            default -> {
                ObjectNode o = NODES.objectNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    o.set(text(4), anyJson(depth - 1));
                }
                yield o;
            }
        };
    }
}
