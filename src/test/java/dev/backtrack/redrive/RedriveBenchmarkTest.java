package dev.backtrack.redrive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.browse.Cancellation;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.WriteAction;
import dev.backtrack.replay.SendListener;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bulk redrive of 20 000 dead letters with a one-field edit, against a plain producer loop sending the same
 * records on the same broker in the same run. Prints the ratio; timings are not asserted (shared 2-core box).
 */
class RedriveBenchmarkTest {
    private static final int N = 20_000;

    @TempDir
    Path dataDir;

    @Test
    void bulkRedriveWithAOneFieldEditAgainstAPlainProducerLoop() throws Exception {
        String original = TestTopics.create(TestServers.bootstrap(), "bench-orders", 3);
        String dlt = DeadLetterParserTest.createTopic(original + "-dlt", 3);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(N);
        String padding = "x".repeat(120);
        for (int i = 0; i < N; i++) {
            List<Header> headers = DeadLetterFixtures.springDlt(original, i % 3, i, 1_760_000_000_000L + i, "billing",
                    "com.example.ValidationException", null, "order " + i + " invalid");
            byte[] value = ("{\"id\":" + i + ",\"status\":\"FAILED\",\"customer\":\"c-" + (i % 97) + "\",\"pad\":\"" + padding + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            records.add(new ProducerRecord<>(dlt, i % 3, null, ("k-" + i).getBytes(StandardCharsets.UTF_8), value, headers));
        }
        try (KafkaProducer<byte[], byte[]> p = DeadLetterFixtures.producer()) {
            records.forEach(p::send);
            p.flush();
        }

        KafkaClients clients = DeadLetterFixtures.clients();
        double plain1 = plainLoop(clients, records);
        RedriveRunner runner = new RedriveRunner(clients, RegistryPayloadCodec.of(null), dataDir);
        RedriveOptions options = RedriveOptions.defaults()
                .withEdit(new ValueEdit.SetFields(List.of(ValueEdit.Assignment.parse("status=\"RETRY\""))));
        long readStart = System.nanoTime();
        List<DeadLetter> letters = new DeadLetterReader(clients).readAll(dlt, l -> true, Cancellation.none());
        double readSeconds = (System.nanoTime() - readStart) / 1e9;
        RecordEditor editor = new RecordEditor(RegistryPayloadCodec.of(null));
        long editStart = System.nanoTime();
        letters.forEach(l -> editor.editValue(l.record(), options.edit()));
        double editSeconds = (System.nanoTime() - editStart) / 1e9;
        System.out.printf("REDRIVE-BENCH-PHASES read+parse=%.2f s edit=%.2f s%n", readSeconds, editSeconds);
        // the dry run does everything but sending (read, parse, journal check, edit, diff, headers): where the time goes
        long dryStart = System.nanoTime();
        assertThat(runner.run(RedriveSelection.all(dlt), options.withDryRun(true), SendListener.NONE, Cancellation.none()).sent()).isEqualTo(N);
        double drySeconds = (System.nanoTime() - dryStart) / 1e9;
        long start = System.nanoTime();
        RedriveReport report = runner.run(RedriveSelection.all(dlt), options, SendListener.NONE, Cancellation.none());
        double redriveSeconds = (System.nanoTime() - start) / 1e9;
        double plain2 = plainLoop(clients, records);
        assertThat(report.sent()).isEqualTo(N);
        assertThat(report.landed()).isEqualTo(N);
        assertThat(report.failed()).isZero();

        double plainRate = Math.max(plain1, plain2);
        double redriveRate = N / redriveSeconds;
        System.out.printf("REDRIVE-BENCH records=%d redrive=%.0f rec/s (%.2f s, incl. read, edit, send, read-back, journal; "
                        + "dry run without sending %.2f s) plain-producer=%.0f rec/s (runs %.0f / %.0f) ratio=%.2f%n",
                N, redriveRate, redriveSeconds, drySeconds, plainRate, plain1, plain2, redriveRate / plainRate);
    }

    /** Sends the same records with a KafkaClients producer (same acks/batching as redrive) to a fresh topic; records/s. */
    private static double plainLoop(KafkaClients clients, List<ProducerRecord<byte[], byte[]>> records) {
        String topic = TestTopics.create(TestServers.bootstrap(), "bench-plain", 3);
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = clients.producer(WriteAction.PRODUCE, topic, Map.of())) {
            for (ProducerRecord<byte[], byte[]> r : records) {
                producer.send(new ProducerRecord<>(topic, null, null, r.key(), r.value(), r.headers()));
            }
            producer.flush();
        }
        return records.size() / ((System.nanoTime() - start) / 1e9);
    }
}
