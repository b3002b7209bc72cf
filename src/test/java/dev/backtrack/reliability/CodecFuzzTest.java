package dev.backtrack.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backtrack.codec.DecodedPart;
import dev.backtrack.codec.DecoderChoice;
import dev.backtrack.codec.Format;
import dev.backtrack.codec.RecordDecoder;
import dev.backtrack.codec.SchemaRegistryClient;
import dev.backtrack.codec.WireFormat;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.kafka.RegistrySettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile input for the decoders: per format {@link #ITERATIONS} inputs (default 100 000; half generated valid by
 * an independent encoder, half those mutated, see {@link Mutator}) through the real {@link RecordDecoder} and
 * {@link SchemaRegistryClient} against a stub registry. Nothing may escape, the decoder's last-resort catch must
 * never be what saved it ("could not decode: ..."), every valid input must decode to its own id, and no single
 * input may make the decoder allocate more than {@link #MAX_ALLOCATION} (a hostile 2 GB length prefix must be
 * refused, not allocated). Seeded: {@code -Dbacktrack.fuzz.seed=N}; {@code -Dbacktrack.fuzz.iterations=N};
 * {@code -Dbacktrack.soak=true} runs ten times as many.
 */
@Timeout(300)
class CodecFuzzTest {
    static final long SEED = Long.getLong("backtrack.fuzz.seed", 20261127L);
    static final int ITERATIONS = Integer.getInteger("backtrack.fuzz.iterations",
            Boolean.getBoolean("backtrack.soak") ? 1_000_000 : 100_000);
    static final long MAX_ALLOCATION = 16L * 1024 * 1024;
    private static final int AVRO_ID = 11;
    private static final int PROTO_ID = 12;
    private static final int JSON_ID = 13;

    private static StubRegistry registry;
    private static RecordDecoder decoder;

    @BeforeAll
    static void startRegistry() {
        registry = new StubRegistry();
        registry.put(AVRO_ID, "AVRO", FuzzInputs.AVRO_SCHEMA);
        registry.put(PROTO_ID, "PROTOBUF", FuzzInputs.PROTO_SCHEMA);
        registry.put(JSON_ID, "JSON", FuzzInputs.JSON_SCHEMA);
        decoder = RecordDecoder.using(new SchemaRegistryClient(RegistrySettings.of(registry.url())));
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @Test
    void avro() {
        fuzz("avro", AVRO_ID, Format.AVRO, (in, id) -> in.avro(id), null);
    }

    @Test
    void protobuf() {
        fuzz("protobuf", PROTO_ID, Format.PROTOBUF, (in, id) -> in.protobuf(id), List.of(0));
    }

    @Test
    void protobufNestedMessageIndex() {
        // a tenth of the budget on message index [1] (the second top-level message), which has its own framing bytes
        SplittableRandom random = new SplittableRandom(SEED + 7);
        FuzzInputs in = new FuzzInputs(random);
        Mutator mutator = new Mutator(random);
        AllocationMeter meter = new AllocationMeter();
        byte[] prefix = WireFormat.v0Prefix(PROTO_ID, List.of(1));
        for (int i = 0; i < ITERATIONS / 10; i++) {
            long x = in.anyLong();
            byte[] valid = concat(prefix, in.protobufOther(x));
            DecodedPart part = decodeMeasured(valid, List.of(), null, meter, "protobuf[1] #" + i);
            assertThat(part.error()).as("valid input #%d (seed %d)", i, SEED).isNull();
            assertThat(Long.parseUnsignedLong(part.json().get("x").asText())).isEqualTo(x);
            check(decodeMeasured(mutator.mutate(valid, prefix.length), List.of(), null, meter, "protobuf[1] mutated #" + i), i);
        }
        assertBounded(meter);
    }

    @Test
    void jsonSchema() {
        fuzz("json-schema", JSON_ID, Format.JSON_SCHEMA, (in, id) -> in.json(id).toString().getBytes(StandardCharsets.UTF_8), null);
    }

    @Test
    void claimedTwoGigabyteLengthsAreRefusedWithoutAllocatingThem() {
        byte[] huge = Mutator.HUGE_LENGTHS[0]; // zig-zag 2^31 - 1 for Avro; 2^32 - 2 as a plain Protobuf varint
        byte[] plainHuge = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07}; // 2^31 - 1 as a plain varint
        byte[] avro = WireFormat.v0Prefix(AVRO_ID, null);
        byte[] proto = WireFormat.v0Prefix(PROTO_ID, List.of(0));
        List<byte[]> hostile = List.of(
                concat(avro, new byte[] {2}, huge, "abc".getBytes(StandardCharsets.UTF_8)),          // string length
                concat(avro, new byte[] {2, 0}, huge, new byte[] {1, 2, 3}),                          // bytes length
                concat(avro, new byte[] {2, 0, 0}, huge, new byte[] {2, 'x'}),                         // array block count
                concat(avro, new byte[] {2, 0, 0, 0}, huge, new byte[] {2, 'k', 4}),                   // map block count
                concat(avro, new byte[] {2, 0, 0, 0}, new byte[] {1}, huge, new byte[] {2, 'k', 4}),   // negative count + byte size
                concat(proto, new byte[] {0x12}, plainHuge, "abc".getBytes(StandardCharsets.UTF_8)),  // length-delimited field
                concat(proto, new byte[] {0x5a}, plainHuge, new byte[] {1, 2}),                        // packed repeated field
                concat(WireFormat.v0Prefix(PROTO_ID, null), huge, new byte[] {0, 0}));               // message-index count
        for (int i = 0; i < hostile.size(); i++) {
            long start = AllocationMeter.allocatedSoFar();
            DecodedPart part = decoder.decodePart(hostile.get(i), List.of(), false, null);
            part.json();
            long allocated = AllocationMeter.allocatedSoFar() - start;
            check(part, i);
            assertThat(part.error()).as("hostile length #%d", i).isNotNull();
            assertThat(allocated).as("hostile length #%d allocated", i).isLessThan(4L * 1024 * 1024);
        }
    }

    @Test
    void wireFormatFraming() {
        SplittableRandom random = new SplittableRandom(SEED + 3);
        FuzzInputs in = new FuzzInputs(random);
        AllocationMeter meter = new AllocationMeter();
        long cpu = AllocationMeter.cpuTimeSoFar();
        int[] ids = {AVRO_ID, PROTO_ID, JSON_ID, 0, -1, Integer.MAX_VALUE, 999};
        Format[] formats = Format.values();
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] value = framed(random, in, ids);
            byte[] key = random.nextInt(4) == 0 ? framed(random, in, ids) : in.bytes(8);
            List<RawHeader> headers = new ArrayList<>();
            for (int h = random.nextInt(3); h > 0; h--) {
                String name = random.nextBoolean() ? WireFormat.VALUE_SCHEMA_ID_HEADER : WireFormat.KEY_SCHEMA_ID_HEADER;
                headers.add(new RawHeader(name, random.nextInt(5) == 0 ? null : framed(random, in, ids)));
            }
            DecoderChoice choice = random.nextInt(3) == 0 ? DecoderChoice.AUTO
                    : new DecoderChoice(random.nextBoolean() ? null : formats[random.nextInt(formats.length)],
                    random.nextBoolean() ? null : formats[random.nextInt(formats.length)]);
            RawRecord record = new RawRecord("fuzz", 0, i, 0, TimestampType.CREATE_TIME, key, random.nextInt(20) == 0 ? null : value, headers);
            long start = AllocationMeter.allocatedSoFar();
            var decoded = decoder.decode(record, choice);
            check(decoded.key(), i);
            check(decoded.value(), i);
            meter.record(start, "framing #" + i);
        }
        assertBounded(meter);
        System.out.println("fuzz framing: " + ITERATIONS + " records, registry requests " + registry.requests() + ", CPU "
                + (AllocationMeter.cpuTimeSoFar() - cpu) / 1_000_000 + " ms, max allocation "
                + meter.max() + " B (" + meter.maxLabel() + ")");
    }

    private static byte[] framed(SplittableRandom random, FuzzInputs in, int[] ids) {
        return switch (random.nextInt(4)) {
            case 0 -> concat(WireFormat.v0Prefix(ids[random.nextInt(ids.length)], null), in.bytes(24));
            // a few GUIDs only: each unknown one costs a registry round trip before it is negatively cached
            case 1 -> concat(new byte[] {WireFormat.MAGIC_V1}, java.nio.ByteBuffer.allocate(16).putLong(7).putLong(random.nextInt(4)).array(),
                    in.bytes(24));
            case 2 -> concat(WireFormat.v0Prefix(PROTO_ID, null), Mutator.HUGE_LENGTHS[random.nextInt(Mutator.HUGE_LENGTHS.length)], in.bytes(8));
            default -> in.bytes(40);
        };
    }

    interface Generator {
        byte[] body(FuzzInputs in, long id);
    }

    private void fuzz(String name, int schemaId, Format format, Generator generator, List<Integer> messageIndexes) {
        SplittableRandom random = new SplittableRandom(SEED ^ name.hashCode());
        FuzzInputs in = new FuzzInputs(random);
        Mutator mutator = new Mutator(random);
        AllocationMeter meter = new AllocationMeter();
        byte[] prefix = WireFormat.v0Prefix(schemaId, messageIndexes);
        int valid = 0;
        int mutatedFailed = 0;
        long began = System.nanoTime();
        long cpu = AllocationMeter.cpuTimeSoFar();
        for (int i = 0; i < ITERATIONS; i += 2) {
            long id = in.anyLong();
            byte[] input = concat(prefix, generator.body(in, id));
            // valid: decodes without error, as the expected format, to the same id
            DecodedPart part = decodeMeasured(input, List.of(), random.nextInt(4) == 0 ? format : null, meter, name + " #" + i);
            assertThat(part.error()).as("%s valid input #%d (seed %d)", name, i, SEED).isNull();
            assertThat(part.format()).isEqualTo(format);
            assertThat(part.json().get("id").asLong()).as("%s #%d id", name, i).isEqualTo(id);
            valid++;
            DecodedPart mutated = decodeMeasured(mutator.mutate(input, prefix.length), List.of(), null, meter, name + " mutated #" + (i + 1));
            check(mutated, i + 1);
            mutatedFailed += mutated.error() != null ? 1 : 0;
        }
        assertBounded(meter);
        System.out.printf("fuzz %s: %d valid + %d mutated (%d reported an error) in %d ms wall / %d ms CPU, max allocation %d B (%s)%n", name,
                valid, valid, mutatedFailed, (System.nanoTime() - began) / 1_000_000, (AllocationMeter.cpuTimeSoFar() - cpu) / 1_000_000,
                meter.max(), meter.maxLabel());
        // the mutations must actually hurt: a fuzzer whose inputs all still decode tests nothing
        assertThat(mutatedFailed).isGreaterThan(valid / 10);
    }

    static DecodedPart decodeMeasured(byte[] value, List<RawHeader> headers, Format format, AllocationMeter meter, String label) {
        long start = AllocationMeter.allocatedSoFar();
        DecodedPart part = decoder.decodePart(value, headers, false, format);
        part.json(); // a deferred tree (Avro) is built here: it must not throw either
        meter.record(start, label);
        return part;
    }

    static void check(DecodedPart part, int i) {
        assertThat(part).isNotNull();
        assertThat(part.text()).as("#%d text (seed %d)", i, SEED).isNotNull();
        JsonNode json = part.json();
        assertThat(json).as("#%d json", i).isNotNull();
        if (part.error() != null) {
            assertThat(part.error()).as("#%d (seed %d) was only saved by the last-resort catch", i, SEED).doesNotStartWith("could not decode:");
            assertThat(part.error()).as("#%d one line", i).doesNotContain("\n");
            assertThat(part.format()).isEqualTo(Format.HEX);
        }
    }

    static void assertBounded(AllocationMeter meter) {
        assertThat(meter.max()).as("largest allocation for one input: %s (seed %d)", meter.maxLabel(), SEED).isLessThan(MAX_ALLOCATION);
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
