package dev.backtrack.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.browse.Cancellation;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class TargetReadBackTest {
    private final String bootstrap = TestServers.bootstrap();

    /**
     * Right after a target broker restarts, a committed transaction's markers can land seconds after the commit
     * returned, and until then read_committed stops short of the range. The verify step must wait for them
     * instead of reporting a mismatch: here the markers land (the transaction commits) 4 s after the read began.
     */
    @Test
    void verifyWaitsForTransactionMarkersThatLandLate() throws Exception {
        String topic = TestTopics.create(bootstrap, "readback-late", 1);
        TargetStats written = TargetStats.EMPTY;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "readback-late-" + System.nanoTime()), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 50; i++) {
                byte[] key = ("k" + i).getBytes();
                byte[] value = ("v" + i).getBytes();
                RecordMetadata m = producer.send(new ProducerRecord<>(topic, 0, 1_000L + i, key, value)).get();
                written = written.plus(m.offset(), RecordChecksum.hash(key, value, java.util.List.of(), 1_000L + i));
            }
            TargetStats expected = written;
            CompletableFuture<TargetReadBack.Verified> verifying = CompletableFuture.supplyAsync(() ->
                    new TargetReadBack(new KafkaClients(ConnectionSettings.plaintext(bootstrap)), "no-provenance", false)
                            .verify(Map.of(new TargetPartition(topic, 0), expected), Cancellation.none()));
            Thread.sleep(4_000);
            assertThat(verifying).as("still waiting for the markers").isNotDone();
            producer.commitTransaction();
            TargetReadBack.Verified verified = verifying.get(60, TimeUnit.SECONDS);
            assertThat(verified.partitions().get(new TargetPartition(topic, 0))).isEqualTo(expected);
        }
    }
}
