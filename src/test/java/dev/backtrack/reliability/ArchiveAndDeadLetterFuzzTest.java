package dev.backtrack.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.BacktrackException;
import dev.backtrack.archive.ArchiveEntry;
import dev.backtrack.archive.ArchiveFormatException;
import dev.backtrack.archive.ArchiveHeader;
import dev.backtrack.archive.ArchiveReader;
import dev.backtrack.archive.ArchiveWriter;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.redrive.DeadLetter;
import dev.backtrack.redrive.DeadLetterParser;
import dev.backtrack.redrive.HeaderProblem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile input for the archive reader and the dead-letter header parser, {@link CodecFuzzTest#ITERATIONS}
 * inputs each (half valid, half mutated). The archive reader may only refuse with its own one-line
 * {@link ArchiveFormatException} (never another exception), reads valid files back exactly and refuses an endless
 * line without buffering it. The parser never throws, reads valid Spring headers exactly and reports every
 * wrongly sized binary header as a problem.
 */
@Timeout(300)
class ArchiveAndDeadLetterFuzzTest {
    private static final long SEED = CodecFuzzTest.SEED;
    private static final int ITERATIONS = CodecFuzzTest.ITERATIONS;
    private static final ArchiveHeader HEADER = ArchiveHeader.of("fuzz", List.of("t"), Instant.EPOCH, Instant.EPOCH);
    private static final byte[] ARCHIVE_TOKENS = "{}[]\",:\\\n0123456789-eE.nulltruefalse\u00ff".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void archiveReader() {
        SplittableRandom random = new SplittableRandom(SEED + 11);
        FuzzInputs in = new FuzzInputs(random);
        Mutator mutator = new Mutator(random);
        AllocationMeter meter = new AllocationMeter();
        int refused = 0;
        long cpu = AllocationMeter.cpuTimeSoFar();
        for (int i = 0; i < ITERATIONS; i += 2) {
            List<RawRecord> records = new ArrayList<>();
            for (int r = random.nextInt(4); r > 0; r--) {
                records.add(record(random, in));
            }
            byte[] file = archive(records);
            long start = AllocationMeter.allocatedSoFar();
            assertThat(readAll(new ByteArrayInputStream(file), i)).as("valid archive #%d (seed %d)", i, SEED).isEqualTo(records);
            meter.record(start, "archive #" + i);

            byte[] mutated = random.nextBoolean() ? mutator.mutate(file, 0) : textMutation(random, file);
            start = AllocationMeter.allocatedSoFar();
            if (readAll(new ByteArrayInputStream(mutated), i + 1) == null) {
                refused++;
            }
            meter.record(start, "mutated archive #" + (i + 1));
        }
        CodecFuzzTest.assertBounded(meter);
        System.out.printf("fuzz archive: %d valid + %d mutated (%d refused), CPU %d ms, max allocation %d B%n", ITERATIONS / 2, ITERATIONS / 2, refused,
                (AllocationMeter.cpuTimeSoFar() - cpu) / 1_000_000, meter.max());
        assertThat(refused).isGreaterThan(ITERATIONS / 20);
    }

    @Test
    void endlessArchiveLineIsRefusedWithoutBufferingIt() {
        // a "line" of 2 GiB that is never materialised: the reader must give up at its limit
        long start = AllocationMeter.allocatedSoFar();
        InputStream endless = new EndlessLine(2L * 1024 * 1024 * 1024);
        try (ArchiveReader reader = new ArchiveReader(endless, 1024 * 1024)) {
            throw new AssertionError("an endless header line was accepted: " + reader.header());
        } catch (ArchiveFormatException e) {
            assertThat(e.getMessage()).contains("longer than 1 MiB");
        }
        assertThat(AllocationMeter.allocatedSoFar() - start).isLessThan(16L * 1024 * 1024);
    }

    @Test
    void recordAsLargeAsKafkaAllowsRoundTripsThroughAnArchive() {
        // 16 MB (the test brokers' message.max.bytes) is ~21.3 M characters of base64 on one line
        byte[] value = new byte[16 * 1024 * 1024 - 4096];
        new SplittableRandom(SEED).nextBytes(value);
        RawRecord big = new RawRecord("big", 0, 7, 1_700_000_000_000L, TimestampType.CREATE_TIME, "k".getBytes(StandardCharsets.UTF_8), value, List.of());
        byte[] file = archive(List.of(big));
        try (ArchiveReader reader = new ArchiveReader(new ByteArrayInputStream(file))) {
            assertThat(reader.next().raw()).isEqualTo(big);
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void deadLetterHeaders() {
        SplittableRandom random = new SplittableRandom(SEED + 13);
        FuzzInputs in = new FuzzInputs(random);
        DeadLetterParser parser = new DeadLetterParser();
        AllocationMeter meter = new AllocationMeter();
        long problems = 0;
        long cpu = AllocationMeter.cpuTimeSoFar();
        for (int i = 0; i < ITERATIONS; i += 2) {
            String topic = in.text(10).replace("\u0000", "") + "t";
            int partition = random.nextInt(0, Integer.MAX_VALUE);
            long offset = random.nextLong(0, Long.MAX_VALUE);
            long timestamp = random.nextLong(0, 4_000_000_000_000L);
            String message = in.text(30);
            List<RawHeader> headers = new ArrayList<>(springHeaders(topic, partition, offset, timestamp, "java.lang.IllegalStateException", message));
            int rounds = random.nextInt(3);
            for (int r = 0; r < rounds; r++) {
                // dead-lettered again: Spring appends another full set; the first stays the true origin
                headers.addAll(springHeaders(in.text(6) + "x", random.nextInt(0, 100), random.nextLong(0, 1000), timestamp + r,
                        "app.Failure" + r, "again " + r));
            }
            RawRecord valid = new RawRecord("orders-dlt", 0, i, timestamp, TimestampType.CREATE_TIME, in.bytes(6), in.bytes(20), headers);
            long start = AllocationMeter.allocatedSoFar();
            DeadLetter letter = parser.parse(valid);
            meter.record(start, "dlt #" + i);
            assertThat(letter.problems()).as("valid #%d (seed %d)", i, SEED).isEmpty();
            assertThat(letter.origin().topic()).isEqualTo(topic);
            assertThat(letter.origin().partition()).isEqualTo(partition);
            assertThat(letter.origin().offset()).isEqualTo(offset);
            assertThat(letter.origin().timestamp()).isEqualTo(timestamp);
            assertThat(letter.origin().timestampType()).isEqualTo("CreateTime");
            assertThat(letter.history()).hasSize(1 + rounds);
            assertThat(letter.failure().message()).isEqualTo(rounds == 0 ? message : "again " + (rounds - 1));

            List<RawHeader> mutated = mutateHeaders(random, in, headers);
            RawRecord hostile = new RawRecord(random.nextBoolean() ? "orders-dlt" : in.text(8), 0, i + 1, timestamp, TimestampType.CREATE_TIME,
                    null, null, mutated);
            start = AllocationMeter.allocatedSoFar();
            DeadLetter parsed = parser.parse(hostile);
            meter.record(start, "mutated dlt #" + (i + 1));
            problems += parsed.problems().size();
            for (RawHeader h : mutated) {
                int expected = switch (h.key()) {
                    case "kafka_dlt-original-partition" -> 4;
                    case "kafka_dlt-original-offset", "kafka_dlt-original-timestamp" -> 8;
                    default -> -1;
                };
                if (expected > 0 && (h.value() == null || h.value().length != expected)) {
                    assertThat(parsed.problems()).as("#%d %s of %s reported (seed %d)", i + 1, h.key(), h.value() == null ? "null" : h.value().length + " bytes", SEED)
                            .extracting(HeaderProblem::header).contains(h.key());
                }
            }
            parsed.originalTopic();
            parsed.originalRecordLink(5);
            parsed.exceptionClass();
            parsed.exceptionMessage();
        }
        CodecFuzzTest.assertBounded(meter);
        System.out.printf("fuzz dead letters: %d valid + %d mutated, %d header problems reported, CPU %d ms, max allocation %d B%n",
                ITERATIONS / 2, ITERATIONS / 2, problems, (AllocationMeter.cpuTimeSoFar() - cpu) / 1_000_000, meter.max());
    }

    static List<RawHeader> springHeaders(String topic, int partition, long offset, long timestamp, String exception, String message) {
        return List.of(
                RawHeader.utf8("kafka_dlt-original-topic", topic),
                new RawHeader("kafka_dlt-original-partition", ByteBuffer.allocate(4).putInt(partition).array()),
                new RawHeader("kafka_dlt-original-offset", ByteBuffer.allocate(8).putLong(offset).array()),
                new RawHeader("kafka_dlt-original-timestamp", ByteBuffer.allocate(8).putLong(timestamp).array()),
                RawHeader.utf8("kafka_dlt-original-timestamp-type", "CreateTime"),
                RawHeader.utf8("kafka_dlt-exception-fqcn", exception),
                RawHeader.utf8("kafka_dlt-exception-message", message),
                RawHeader.utf8("kafka_dlt-exception-stacktrace", exception + ": " + message + "\n\tat app.Main.run(Main.java:1)"));
    }

    private static final String[] NAMES = {"kafka_dlt-original-topic", "kafka_dlt-original-partition", "kafka_dlt-original-offset",
            "kafka_dlt-original-timestamp", "kafka_dlt-original-timestamp-type", "kafka_dlt-original-consumer-group",
            "kafka_dlt-exception-fqcn", "kafka_dlt-key-exception-message", "kafka_dlt-whatever", "kafka_original-offset",
            "kafka_exception-cause-fqcn", "retry_topic-attempts", "retry_topic-backoff-timestamp", "retry_topic-original-timestamp",
            "__connect.errors.partition", "__connect.errors.offset", "__connect.errors.topic", "__connect.errors.nope",
            "backtrack.redrive.count", "springDeserializerExceptionValue", "plain"};

    private static List<RawHeader> mutateHeaders(SplittableRandom random, FuzzInputs in, List<RawHeader> headers) {
        List<RawHeader> out = new ArrayList<>(headers);
        for (int m = 1 + random.nextInt(5); m > 0; m--) {
            int at = out.isEmpty() ? 0 : random.nextInt(out.size());
            switch (random.nextInt(6)) {
                case 0 -> {
                    if (!out.isEmpty()) {
                        RawHeader h = out.get(at);
                        byte[] v = h.value() == null ? new byte[0] : h.value();
                        out.set(at, new RawHeader(h.key(), java.util.Arrays.copyOf(v, Math.max(0, v.length + random.nextInt(-3, 4)))));
                    }
                }
                case 1 -> {
                    if (!out.isEmpty()) {
                        out.set(at, new RawHeader(out.get(at).key(), random.nextInt(4) == 0 ? null : in.bytes(12)));
                    }
                }
                case 2 -> out.add(at, new RawHeader(NAMES[random.nextInt(NAMES.length)], random.nextInt(6) == 0 ? null : in.bytes(10)));
                case 3 -> out.add(at, RawHeader.utf8(NAMES[random.nextInt(NAMES.length)], random.nextBoolean() ? String.valueOf(in.anyLong()) : in.text(12)));
                case 4 -> {
                    if (!out.isEmpty()) {
                        out.remove(at);
                    }
                }
                default -> out.add(at, new RawHeader(in.text(20), in.bytes(4)));
            }
        }
        return out;
    }

    private static RawRecord record(SplittableRandom random, FuzzInputs in) {
        List<RawHeader> headers = new ArrayList<>();
        for (int h = random.nextInt(3); h > 0; h--) {
            headers.add(new RawHeader(in.text(8), random.nextInt(5) == 0 ? null : in.bytes(10)));
        }
        TimestampType type = random.nextBoolean() ? TimestampType.CREATE_TIME : TimestampType.LOG_APPEND_TIME;
        return new RawRecord(in.text(10) + "t", random.nextInt(0, 1000), random.nextLong(0, Long.MAX_VALUE), random.nextLong(0, 4_000_000_000_000L),
                type, random.nextInt(5) == 0 ? null : in.bytes(16), random.nextInt(8) == 0 ? null : in.bytes(40), headers);
    }

    private static byte[] archive(List<RawRecord> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArchiveWriter writer = new ArchiveWriter(out, HEADER, false)) {
            records.forEach(writer::write);
        }
        return out.toByteArray();
    }

    /** JSON-aware damage: structural characters, digits and a newline dropped in anywhere. */
    private static byte[] textMutation(SplittableRandom random, byte[] file) {
        byte[] out = file.clone();
        for (int m = 1 + random.nextInt(4); m > 0; m--) {
            out[random.nextInt(out.length)] = ARCHIVE_TOKENS[random.nextInt(ARCHIVE_TOKENS.length)];
        }
        return out;
    }

    /** Every record, or null when the reader refused the file with its own format error. */
    private static List<RawRecord> readAll(InputStream in, int i) {
        List<RawRecord> out = new ArrayList<>();
        try (ArchiveReader reader = new ArchiveReader(in, 1024 * 1024)) {
            ArchiveEntry e;
            while ((e = reader.next()) != null) {
                out.add(e.raw());
            }
            return out;
        } catch (ArchiveFormatException e) {
            assertThat(e.getMessage()).as("#%d one line", i).doesNotContain("\n");
            return null;
        } catch (BacktrackException e) {
            throw new AssertionError("#" + i + " (seed " + SEED + "): not a format error: " + e, e);
        }
    }

    /** An input stream of {@code length} 'x' bytes with no newline, generated on the fly. */
    private static final class EndlessLine extends InputStream {
        private long left;

        EndlessLine(long length) {
            this.left = length;
        }

        @Override
        public int read() {
            return left-- > 0 ? 'x' : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 'x');
            left -= n;
            return n;
        }
    }
}
