package dev.backtrack.sandbox;

import dev.backtrack.sandbox.DemoManifest.HostileKind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The {@code hostile} topic (one partition): one record of each kind that breaks naive tools, between two
 * normal JSON records, so a reader must report each problem on its record and carry on.
 */
final class HostileWriter {
    /** Schema id 9001 is never registered by the demo. */
    static final int UNKNOWN_SCHEMA_ID = 9001;
    static final byte[] BINARY_KEY = {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0xc3, 0x28, (byte) 0x80};

    private final DemoRun run;

    HostileWriter(DemoRun run) {
        this.run = run;
    }

    Map<HostileKind, Long> write() {
        Random random = DemoRun.random("hostile");
        String topic = run.topic(DemoTopic.HOSTILE);
        long ts = run.now.minus(Duration.ofHours(1)).toEpochMilli();
        Map<HostileKind, ProducerRecord<byte[], byte[]>> records = new EnumMap<>(HostileKind.class);
        records.put(HostileKind.NORMAL_FIRST, record(topic, ts, "normal-1", json("a normal record before the hostile ones"), null));
        records.put(HostileKind.BINARY_KEY, new ProducerRecord<>(topic, null, ts + 1, BINARY_KEY.clone(),
                json("this record's key is not valid UTF-8")));
        records.put(HostileKind.HUGE_VALUE, record(topic, ts + 2, "huge", hugeText(run.sizes.hugeValueBytes()), null));
        byte[] unknown = new byte[29];
        random.nextBytes(unknown);
        ByteBuffer.wrap(unknown).put((byte) 0).putInt(UNKNOWN_SCHEMA_ID);
        records.put(HostileKind.UNKNOWN_SCHEMA_ID, record(topic, ts + 3, "unknown-schema-id", unknown, null));
        byte[] body = new OrdersWriter(run).encodeV1(424_242L, "C00001", ts, random);
        byte[] truncated = OrdersWriter.frame(run.schemas.ordersV1Id(), Arrays.copyOf(body, body.length / 2));
        records.put(HostileKind.TRUNCATED_AVRO, record(topic, ts + 4, "truncated-avro", truncated, null));
        records.put(HostileKind.EMPTY_VALUE, record(topic, ts + 5, "empty-value", new byte[0], null));
        records.put(HostileKind.NULL_VALUE, record(topic, ts + 6, "null-value", null, null));
        RecordHeaders headers = new RecordHeaders();
        headers.add("binary", new byte[] {0x00, 0x01, (byte) 0xfe, (byte) 0xff});
        headers.add("bad-utf8", new byte[] {(byte) 0xc3, 0x28, (byte) 0xa0, (byte) 0xa1});
        headers.add("empty", new byte[0]);
        headers.add("null", null);
        headers.add("binary", new byte[] {0x7f, (byte) 0x80});
        records.put(HostileKind.BINARY_HEADERS, record(topic, ts + 7, "binary-headers",
                json("this record's headers are binary, invalid UTF-8, empty, null and repeated"), headers));
        records.put(HostileKind.NORMAL_LAST, record(topic, ts + 8, "normal-2", json("a normal record after the hostile ones"), null));
        Map<HostileKind, Long> offsets = new EnumMap<>(HostileKind.class);
        // no compression: the huge value should be as large on the broker as it is here
        try (KafkaProducer<byte[], byte[]> producer = run.producer(DemoTopic.HOSTILE, Map.of("compression.type", "none",
                "max.in.flight.requests.per.connection", 1))) {
            DemoSends sends = new DemoSends(producer);
            for (HostileKind kind : order()) {
                sends.send(records.get(kind), md -> {
                    synchronized (offsets) {
                        offsets.put(kind, md.offset());
                    }
                });
            }
            sends.flush("hostile records");
        }
        return offsets;
    }

    /** The order in which the records are written, hence their offsets 0..8. */
    static HostileKind[] order() {
        return new HostileKind[] {HostileKind.NORMAL_FIRST, HostileKind.BINARY_KEY, HostileKind.HUGE_VALUE,
            HostileKind.UNKNOWN_SCHEMA_ID, HostileKind.TRUNCATED_AVRO, HostileKind.EMPTY_VALUE, HostileKind.NULL_VALUE,
            HostileKind.BINARY_HEADERS, HostileKind.NORMAL_LAST};
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, long ts, String key, byte[] value, RecordHeaders headers) {
        return new ProducerRecord<>(topic, null, ts, key.getBytes(StandardCharsets.UTF_8), value, headers);
    }

    private static byte[] json(String note) {
        return ("{\"note\":\"" + note + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** Readable text lines, numbered, exactly {@code size} bytes. */
    static byte[] hugeText(int size) {
        StringBuilder text = new StringBuilder(size + 100);
        for (int line = 1; text.length() < size; line++) {
            text.append(String.format("line %07d: a very large value, written to test how tools cope with it%n", line));
        }
        text.setLength(size);
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
