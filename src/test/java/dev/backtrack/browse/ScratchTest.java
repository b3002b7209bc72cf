package dev.backtrack.browse;

import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.util.List;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.Test;

class ScratchTest {
    @Test
    void probe() {
        String bootstrap = TestServers.bootstrap();
        KafkaClients clients = new KafkaClients(ConnectionSettings.plaintext(bootstrap));
        for (int round = 0; round < 15; round++) {
            String topic = TestTopics.create(bootstrap, "probe", 1);
            long[] ts = {1000, 5000, 2000, 6000, 3000, 7000, 4000, 8000};
            try (KafkaProducer<byte[], byte[]> p = TestData.producer(bootstrap)) {
                for (int i = 0; i < ts.length; i++) {
                    TestData.send(p, topic, 0, ts[i], "k" + i, "v" + i);
                }
            }
            try (KafkaConsumer<byte[], byte[]> c = clients.consumer(IsolationLevel.READ_UNCOMMITTED)) {
                ConsumerOffsetLookup l = new ConsumerOffsetLookup(c, topic);
                System.out.println("PROBE " + round + " begin=" + l.beginningOffsets(List.of(0)) + " end=" + l.endOffsets(List.of(0))
                        + " t0=" + l.offsetsForTimes(List.of(0), 0) + " t4500=" + l.offsetsForTimes(List.of(0), 4500)
                        + " t4500again=" + l.offsetsForTimes(List.of(0), 4500));
            }
            Browser b = new Browser(clients, new dev.backtrack.codec.RecordDecoder((dev.backtrack.kafka.RegistrySettings) null));
            for (int k = 0; k < 3; k++) {
                Page page = b.read(BrowseRequest.of(topic).withPosition(new Position.AtTimestamp(java.time.Instant.ofEpochMilli(4500))), Cancellation.none());
                try (KafkaConsumer<byte[], byte[]> c = clients.consumer(IsolationLevel.READ_UNCOMMITTED)) {
                    ConsumerOffsetLookup l = new ConsumerOffsetLookup(c, topic);
                    System.out.println("AFTER " + round + " t4500=" + l.offsetsForTimes(List.of(0), 4500) + " t4500=" + l.offsetsForTimes(List.of(0), 4500)
                        + " t1500=" + l.offsetsForTimes(List.of(0), 1500) + " t0=" + l.offsetsForTimes(List.of(0), 0) + " t7500=" + l.offsetsForTimes(List.of(0), 7500));
                }
                System.out.println("PAGE " + round + " records=" + page.records().size() + " ranges=" + page.ranges() + " scanned=" + page.scanned() + " next=" + page.next() + " cancelled=" + page.cancelled() + " warnings=" + page.warnings());
            }
        }
    }
}
