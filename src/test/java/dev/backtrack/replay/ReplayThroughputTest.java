package dev.backtrack.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.browse.Cancellation;
import dev.backtrack.kafka.WriteGuard;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Measures (does not assert) replay throughput against a plain consume-and-produce loop with the same
 * producer settings (idempotent, acks=all, 256 KiB batches, linger 20 ms) on the same broker in the same run.
 * The ratio is printed; timing on a shared 2-core box is too noisy to assert.
 */
@Timeout(600)
class ReplayThroughputTest {
    private static final int RECORDS = 200_000;
    private static final int SIZE = 500;

    @Test
    void replayVersusPlainCopyLoop() {
        String bootstrap = TestServers.bootstrap();
        String source = TestTopics.create(bootstrap, "perf-src", 3);
        byte[] payload = new byte[SIZE];
        new Random(1).nextBytes(payload);
        long base = System.currentTimeMillis() - 60_000;
        java.util.concurrent.atomic.AtomicLong loadErrors = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicReference<Exception> firstLoadError = new java.util.concurrent.atomic.AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> p = ReplayFixtures.producer(bootstrap, Map.of(ProducerConfig.BATCH_SIZE_CONFIG, 262_144,
                ProducerConfig.LINGER_MS_CONFIG, 20))) {
            for (int i = 0; i < RECORDS; i++) {
                p.send(new ProducerRecord<>(source, i % 3, base + i, ("k" + i).getBytes(), payload), (m, e) -> {
                    if (e != null) {
                        loadErrors.incrementAndGet();
                        firstLoadError.compareAndSet(null, e);
                    }
                });
            }
        }
        System.out.println("THROUGHPUT load: " + loadErrors.get() + " failed sends, first: " + firstLoadError.get());
        // warm-up of both paths on a small range, so neither pays the JIT alone
        String warm = TestTopics.create(bootstrap, "perf-warm", 3);
        new ReplayRunner(WriteGuard.REFUSE_PROTECTED, SendListener.NONE).run(ReplayPlan.of(
                ReplayFixtures.source(bootstrap, source, new ReplayRange.Offsets(0L, 5000L)), ReplayFixtures.target(bootstrap, warm))
                .withHeaders(HeaderPolicy.KEEP_ALL.withProvenance(false)), Cancellation.none());

        String plainTarget = TestTopics.create(bootstrap, "perf-plain", 3);
        long plainStart = System.nanoTime();
        long copied = plainCopy(bootstrap, source, plainTarget);
        double plainSeconds = (System.nanoTime() - plainStart) / 1e9;

        String replayTarget = TestTopics.create(bootstrap, "perf-replay", 3);
        long replayStart = System.nanoTime();
        ReplayReport report = new ReplayRunner(WriteGuard.REFUSE_PROTECTED, SendListener.NONE).run(ReplayPlan.of(
                ReplayFixtures.source(bootstrap, source, ReplayRange.ALL), ReplayFixtures.target(bootstrap, replayTarget)), Cancellation.none());
        double replaySeconds = (System.nanoTime() - replayStart) / 1e9;

        // the source load uses fire-and-forget sends; on a loaded box a few may expire, so compare with what is there
        long inSource = ReplayFixtures.endOffsets(bootstrap, source).values().stream().mapToLong(Long::longValue).sum();
        assertThat(inSource).isGreaterThan(RECORDS * 9L / 10);
        assertThat(copied).isEqualTo(inSource);
        assertThat(report.written()).isEqualTo(inSource);
        double plainRate = inSource / plainSeconds;
        double replayRate = inSource / replaySeconds;
        System.out.printf("THROUGHPUT %d x %d B: plain copy loop %.2f s = %.0f records/s; replay (with provenance, checksums) %.2f s = %.0f records/s;"
                + " ratio replay/plain = %.2f%n", inSource, SIZE, plainSeconds, plainRate, replaySeconds, replayRate, replayRate / plainRate);
        System.out.printf("THROUGHPUT replay send phase alone (after planning and target checks): %.2f s = %.0f records/s%n",
                report.durationMs() / 1000.0, report.recordsPerSecond());
    }

    /** CopyRange from the brief: assign, seek to beginning, poll to the end offsets, send async with the same producer settings. */
    private static long plainCopy(String bootstrap, String source, String target) {
        long count = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap, "max.poll.records", 5000,
                "fetch.max.bytes", 64 << 20, "max.partition.fetch.bytes", 8 << 20, "isolation.level", "read_committed", "enable.auto.commit", false),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = ReplayFixtures.producer(bootstrap, Map.of(ProducerConfig.BATCH_SIZE_CONFIG, 262_144,
                     ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                     ProducerConfig.BUFFER_MEMORY_CONFIG, 128L << 20))) {
            List<TopicPartition> tps = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                tps.add(new TopicPartition(source, p));
            }
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> ends = consumer.endOffsets(tps);
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(java.time.Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    producer.send(new ProducerRecord<>(target, r.partition(), r.timestamp(), r.key(), r.value(), r.headers()));
                    count++;
                }
            }
            producer.flush();
        }
        return count;
    }
}
