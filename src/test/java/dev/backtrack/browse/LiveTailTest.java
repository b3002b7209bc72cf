package dev.backtrack.browse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.backtrack.codec.DecodedRecord;
import dev.backtrack.codec.RecordDecoder;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class LiveTailTest {
    @Test
    void deliversNewRecordsPausesResumesAndStops() {
        String bootstrap = TestServers.bootstrap();
        String topic = TestTopics.create(bootstrap, "tail", 2);
        KafkaClients clients = new KafkaClients(ConnectionSettings.plaintext(bootstrap));
        Browser browser = new Browser(clients, new RecordDecoder((dev.backtrack.kafka.RegistrySettings) null));
        try (KafkaProducer<byte[], byte[]> p = TestData.producer(bootstrap)) {
            for (int i = 0; i < 5; i++) {
                p.send(new ProducerRecord<>(topic, i % 2, null, TestData.utf8("old-" + i)));
            }
            p.flush();
            List<DecodedRecord> received = new CopyOnWriteArrayList<>();
            AtomicBoolean stopped = new AtomicBoolean();
            LiveTail tail = browser.tail(BrowseRequest.of(topic).withFilter(r -> !r.value().text().contains("skip")), new LiveTail.Listener() {
                @Override
                public void onBatch(List<DecodedRecord> batch) {
                    received.addAll(batch);
                }

                @Override
                public void onStopped() {
                    stopped.set(true);
                }
            });
            assertThat(tail.startOffsets()).containsEntry(0, 3L).containsEntry(1, 2L);
            for (int i = 0; i < 40; i++) {
                p.send(new ProducerRecord<>(topic, i % 2, null, TestData.utf8(i % 10 == 0 ? "skip-" + i : "new-" + i)));
            }
            p.flush();
            await().atMost(Duration.ofSeconds(60)).until(() -> received.size() == 36);
            assertThat(received).noneMatch(r -> r.value().text().startsWith("old") || r.value().text().startsWith("skip"));

            tail.pause();
            assertThat(tail.isPaused()).isTrue();
            for (int i = 0; i < 10; i++) {
                p.send(new ProducerRecord<>(topic, i % 2, null, TestData.utf8("while-paused-" + i)));
            }
            p.flush();
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> received.size() == 36);
            tail.resume();
            await().atMost(Duration.ofSeconds(60)).until(() -> received.size() == 46);
            assertThat(tail.delivered()).isEqualTo(46);

            tail.stop();
            assertThat(tail.isRunning()).isFalse();
            assertThat(stopped).isTrue();
        }
    }
}
