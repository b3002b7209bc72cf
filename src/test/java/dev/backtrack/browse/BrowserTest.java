package dev.backtrack.browse;

import static dev.backtrack.browse.TestData.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backtrack.BacktrackException;
import dev.backtrack.codec.DecodedRecord;
import dev.backtrack.codec.RecordDecoder;
import dev.backtrack.kafka.ConnectionSettings;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RawRecord;
import dev.backtrack.testing.TestServers;
import dev.backtrack.testing.TestTopics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Browsing against the real in-process broker: paging, timestamps, last-N, transactions. */
class BrowserTest {
    static String bootstrap;
    static Browser browser;

    @BeforeAll
    static void setUp() {
        bootstrap = TestServers.bootstrap();
        KafkaClients clients = new KafkaClients(ConnectionSettings.plaintext(bootstrap));
        browser = new Browser(clients, new RecordDecoder((dev.backtrack.kafka.RegistrySettings) null));
    }

    static List<String> coords(List<DecodedRecord> records) {
        return records.stream().map(r -> r.raw().partition() + "@" + r.raw().offset()).toList();
    }

    static List<String> rawCoords(List<RawRecord> records) {
        return records.stream().map(r -> r.partition() + "@" + r.offset()).toList();
    }

    @Test
    void pagingWithOneCancellationKeepsNoFinishedReaderReachable() {
        String topic = TestTopics.create(bootstrap, "paging-cancel", 2);
        try (KafkaProducer<byte[], byte[]> p = TestData.producer(bootstrap)) {
            for (int i = 0; i < 200; i++) {
                p.send(new ProducerRecord<>(topic, i % 2, null, TestData.utf8("v" + i)));
            }
            p.flush();
        }
        Cancellation shared = new Cancellation();
        Page page = browser.read(BrowseRequest.of(topic).withPageSize(20).withEnd(EndBound.CURRENT_END), shared);
        int pages = 1;
        while (page.hasNext()) {
            page = browser.next(page, shared);
            pages++;
        }
        assertThat(pages).isGreaterThanOrEqualTo(10);
        // every read registered a wake-up holding its consumer; all must be gone once the reads ended
        assertThat(shared.pendingActions()).isZero();
    }

    @Test
    void pagesForwardAndBackwardCoverEveryRecordOnce() {
        String topic = TestTopics.create(bootstrap, "pages", 3);
        try (KafkaProducer<byte[], byte[]> p = TestData.producer(bootstrap)) {
            for (int i = 0; i < 300; i++) {
                p.send(new ProducerRecord<>(topic, i % 3, 1_000_000L + i * 10L + (i % 3), TestData.utf8("k" + i),
                        TestData.utf8("{\"n\":" + i + "}")));
            }
            p.flush();
        }
        BrowseRequest request = BrowseRequest.of(topic).withPageSize(32).withEnd(EndBound.CURRENT_END);
        List<List<String>> forwardPages = new ArrayList<>();
        Page page = browser.read(request, Cancellation.none());
        assertThat(page.hasPrevious()).isFalse();
        Page last = page;
        while (true) {
            assertThat(page.records()).isSortedAccordingTo(PageSelection.BY_TIME);
            forwardPages.add(coords(page.records()));
            last = page;
            if (!page.hasNext()) {
                break;
            }
            page = browser.next(page, Cancellation.none());
        }
        List<String> all = forwardPages.stream().flatMap(List::stream).toList();
        assertThat(all).hasSize(300).doesNotHaveDuplicates();
        assertThat(all).containsExactlyElementsOf(TestData.readAll(bootstrap, topic, false).stream()
                .sorted(Comparator.comparingLong(RawRecord::timestamp)).map(r -> r.partition() + "@" + r.offset()).toList());

        List<String> backward = new ArrayList<>(coords(last.records()));
        Page back = last;
        while (back.hasPrevious()) {
            back = browser.previous(back, Cancellation.none());
            assertThat(back.records()).isSortedAccordingTo(PageSelection.BY_TIME);
            assertThat(back.records()).hasSizeLessThanOrEqualTo(32).isNotEmpty();
            backward.addAll(0, coords(back.records()));
        }
        assertThat(backward).containsExactlyElementsOf(all);

        // partition order: partition by partition
        Page byPartition = browser.read(request.withOrder(BrowseOrder.PARTITION).withPageSize(150), Cancellation.none());
        assertThat(byPartition.records()).isSortedAccordingTo(PageSelection.BY_PARTITION);
        assertThat(byPartition.records()).allMatch(r -> r.raw().partition() <= 1);
        assertThat(byPartition.records().getLast().raw().partition()).isEqualTo(1);
        assertThat(byPartition.records().stream().filter(r -> r.raw().partition() == 0)).hasSize(100);
        Page rest = browser.next(byPartition, Cancellation.none());
        assertThat(coords(rest.records())).containsExactlyElementsOf(java.util.stream.Stream.concat(
                java.util.stream.IntStream.range(50, 100).mapToObj(o -> "1@" + o), java.util.stream.IntStream.range(0, 100).mapToObj(o -> "2@" + o)).toList());
        Page backAgain = browser.previous(rest, Cancellation.none());
        assertThat(coords(backAgain.records())).containsExactlyElementsOf(coords(byPartition.records()));
    }

    @Test
    void timestampSeekOnOutOfOrderTimestamps() {
        String topic = TestTopics.create(bootstrap, "ooo", 1);
        long[] ts = {1000, 5000, 2000, 6000, 3000, 7000, 4000, 8000};
        try (KafkaProducer<byte[], byte[]> p = TestData.producer(bootstrap)) {
            for (int i = 0; i < ts.length; i++) {
                send(p, topic, 0, ts[i], "k" + i, "v" + i); // one batch per record: the time index sees each timestamp
            }
        }
        // first offset (in offset order) whose timestamp is >= 4500 is offset 1 (5000); later offsets keep their order
        Page page = browser.read(BrowseRequest.of(topic).withPosition(new Position.AtTimestamp(Instant.ofEpochMilli(4500))),
                Cancellation.none());
        assertThat(page.records().getFirst().raw().offset()).isEqualTo(1);
        assertThat(page.records()).hasSize(7);
        // 6500 → offset 3 (6000 is below, 7000 at offset 5): 3? no: offset 3 has 6000 < 6500, so offset 5
        Page later = browser.read(BrowseRequest.of(topic).withPosition(new Position.AtTimestamp(Instant.ofEpochMilli(6500))),
                Cancellation.none());
        assertThat(later.records().getFirst().raw().offset()).isEqualTo(5);
        // nothing at or after 9000: empty page at the end, no error
        Page none = browser.read(BrowseRequest.of(topic).withPosition(new Position.AtTimestamp(Instant.ofEpochMilli(9000))),
                Cancellation.none());
        assertThat(none.records()).isEmpty();
        assertThat(none.hasNext()).isFalse();
        // window [2000, 7000): from offset 1 (5000 ≥ 2000) up to before offset 5 (7000)
        Page window = browser.read(BrowseRequest.of(topic).withPosition(new Position.AtTimestamp(Instant.ofEpochMilli(2000)))
                .withEnd(new EndBound.BeforeTime(Instant.ofEpochMilli(7000))), Cancellation.none());
        assertThat(window.records()).extracting(r -> r.raw().offset()).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void lastNWalksBackOverTransactionGapsAndAcrossPartitions() {
        String topic = TestTopics.create(bootstrap, "lastn", 2);
        try (KafkaProducer<byte[], byte[]> tx = TestData.transactional(bootstrap)) {
            for (int t = 0; t < 12; t++) {
                tx.beginTransaction();
                // partition 0 holds older records than partition 1
                tx.send(new ProducerRecord<>(topic, 0, 10_000L + t * 2, TestData.utf8("a"), TestData.utf8("p0-" + t + "a")));
                tx.send(new ProducerRecord<>(topic, 0, 10_000L + t * 2 + 1, TestData.utf8("a"), TestData.utf8("p0-" + t + "b")));
                tx.send(new ProducerRecord<>(topic, 1, 50_000L + t, TestData.utf8("b"), TestData.utf8("p1-" + t)));
                if (t >= 10) {
                    tx.abortTransaction();
                } else {
                    tx.commitTransaction();
                }
            }
        }
        List<RawRecord> committed = TestData.readAll(bootstrap, topic, true);
        List<String> expected = committed.stream().sorted(Comparator.comparingLong(RawRecord::timestamp))
                .map(r -> r.partition() + "@" + r.offset()).toList();
        expected = expected.subList(expected.size() - 7, expected.size());

        Page page = browser.read(BrowseRequest.of(topic).withPosition(new Position.LastN(7)).withIsolation(IsolationLevel.READ_COMMITTED)
                .withPageSize(50), Cancellation.none());
        assertThat(coords(page.records())).containsExactlyElementsOf(expected);
        assertThat(page.records()).allMatch(r -> r.raw().partition() == 1);
        assertThat(page.hasNext()).isFalse();

        // 13 newest: all 10 committed of partition 1, then the 3 newest of partition 0 (gaps from markers in between)
        Page wider = browser.read(BrowseRequest.of(topic).withPosition(new Position.LastN(13)).withIsolation(IsolationLevel.READ_COMMITTED)
                .withPageSize(50), Cancellation.none());
        List<String> all = committed.stream().sorted(Comparator.comparingLong(RawRecord::timestamp)).map(r -> r.partition() + "@" + r.offset()).toList();
        assertThat(coords(wider.records())).containsExactlyElementsOf(all.subList(all.size() - 13, all.size()));

        // paged last-N: 13 newest in pages of 5 → same records
        Page first = browser.read(BrowseRequest.of(topic).withPosition(new Position.LastN(13)).withIsolation(IsolationLevel.READ_COMMITTED)
                .withPageSize(5), Cancellation.none());
        List<String> paged = new ArrayList<>(coords(first.records()));
        Page p = first;
        while (p.hasNext()) {
            p = browser.next(p, Cancellation.none());
            paged.addAll(coords(p.records()));
        }
        assertThat(paged).containsExactlyElementsOf(all.subList(all.size() - 13, all.size()));
    }

    @Test
    void abortedTransactionsUnderBothIsolationLevels() {
        String topic = TestTopics.create(bootstrap, "aborted", 1);
        try (KafkaProducer<byte[], byte[]> tx = TestData.transactional(bootstrap)) {
            tx.beginTransaction();
            for (int i = 0; i < 5; i++) {
                tx.send(new ProducerRecord<>(topic, 0, TestData.utf8("c1"), TestData.utf8("committed-" + i)));
            }
            tx.commitTransaction();
            tx.beginTransaction();
            for (int i = 0; i < 3; i++) {
                tx.send(new ProducerRecord<>(topic, 0, TestData.utf8("ab"), TestData.utf8("aborted-" + i)));
            }
            tx.flush();
            tx.abortTransaction();
            tx.beginTransaction();
            for (int i = 0; i < 4; i++) {
                tx.send(new ProducerRecord<>(topic, 0, TestData.utf8("c2"), TestData.utf8("committed2-" + i)));
            }
            tx.commitTransaction();
        }
        // offsets: 0-4 committed, 5 marker, 6-8 aborted, 9 marker, 10-13 committed, 14 marker; end = 15
        Page uncommitted = browser.read(BrowseRequest.of(topic).withPageSize(100), Cancellation.none());
        assertThat(uncommitted.records()).extracting(r -> r.raw().offset())
                .containsExactly(0L, 1L, 2L, 3L, 4L, 6L, 7L, 8L, 10L, 11L, 12L, 13L);
        Set<Long> marked = new HashSet<>();
        uncommitted.records().stream().filter(uncommitted::isAborted).forEach(r -> marked.add(r.raw().offset()));
        assertThat(marked).containsExactlyInAnyOrder(6L, 7L, 8L);
        assertThat(uncommitted.records()).noneMatch(uncommitted::isPending);

        Page committed = browser.read(BrowseRequest.of(topic).withPageSize(100).withIsolation(IsolationLevel.READ_COMMITTED), Cancellation.none());
        assertThat(committed.records()).extracting(r -> r.raw().offset())
                .containsExactly(0L, 1L, 2L, 3L, 4L, 10L, 11L, 12L, 13L);
        assertThat(committed.aborted()).isEmpty();

        // an exact range that starts on a marker and ends inside the aborted run
        Page range = browser.read(BrowseRequest.of(topic).withPosition(new Position.AtOffset(5)).withEnd(new EndBound.BeforeOffset(8)),
                Cancellation.none());
        assertThat(range.records()).extracting(r -> r.raw().offset()).containsExactly(6L, 7L);
        Page committedRange = browser.read(BrowseRequest.of(topic).withPosition(new Position.AtOffset(5)).withEnd(new EndBound.BeforeOffset(11))
                .withIsolation(IsolationLevel.READ_COMMITTED), Cancellation.none());
        assertThat(committedRange.records()).extracting(r -> r.raw().offset()).containsExactly(10L);
    }

    @Test
    void openTransactionIsPendingAndReadCommittedStopsAtTheLso() {
        String topic = TestTopics.create(bootstrap, "open-tx", 1);
        try (KafkaProducer<byte[], byte[]> plain = TestData.producer(bootstrap);
             KafkaProducer<byte[], byte[]> tx = TestData.transactional(bootstrap)) {
            send(plain, topic, 0, null, "k", "before");
            tx.beginTransaction();
            tx.send(new ProducerRecord<>(topic, 0, TestData.utf8("k"), TestData.utf8("open")));
            tx.flush();
            send(plain, topic, 0, null, "k", "after");
            Page uncommitted = browser.read(BrowseRequest.of(topic), Cancellation.none());
            assertThat(uncommitted.records()).extracting(r -> r.raw().offset()).containsExactly(0L, 1L, 2L);
            assertThat(uncommitted.isPending(uncommitted.records().get(1))).isTrue();
            assertThat(uncommitted.isAborted(uncommitted.records().get(1))).isFalse();
            Page committed = browser.read(BrowseRequest.of(topic).withIsolation(IsolationLevel.READ_COMMITTED), Cancellation.none());
            assertThat(committed.records()).extracting(r -> r.raw().offset()).containsExactly(0L);
            tx.abortTransaction();
        }
    }

    @Test
    void filterScansUntilThePageIsFullAndCountsScanned() {
        String topic = TestTopics.create(bootstrap, "filtered", 2);
        try (KafkaProducer<byte[], byte[]> p = TestData.producer(bootstrap)) {
            for (int i = 0; i < 200; i++) {
                p.send(new ProducerRecord<>(topic, i % 2, 5_000L + i, null, TestData.utf8("{\"n\":" + i + "}")));
            }
            p.flush();
        }
        Page page = browser.read(BrowseRequest.of(topic).withPageSize(15)
                .withFilter(r -> r.value().json().get("n").asInt() % 10 == 0), Cancellation.none());
        assertThat(page.records()).hasSize(15).allMatch(r -> r.value().json().get("n").asInt() % 10 == 0);
        assertThat(page.scanned()).isGreaterThanOrEqualTo(150);
        List<String> all = new ArrayList<>(coords(page.records()));
        while (page.hasNext()) {
            page = browser.next(page, Cancellation.none());
            all.addAll(coords(page.records()));
        }
        assertThat(all).hasSize(20).doesNotHaveDuplicates();
    }

    @Test
    void missingTopicAndPartitionAreClearErrors() {
        assertThatThrownBy(() -> browser.read(BrowseRequest.of("no-such-topic-" + System.nanoTime()), Cancellation.none()))
                .isInstanceOf(BacktrackException.class).hasMessageMatching("topic 'no-such-topic-\\d+' does not exist");
        String topic = TestTopics.create(bootstrap, "two", 2);
        assertThatThrownBy(() -> browser.read(BrowseRequest.of(topic).withPartitions(List.of(5)), Cancellation.none()))
                .isInstanceOf(BacktrackException.class).hasMessageContaining("has no partition 5 (it has 2 partitions)");
    }

    @Test
    void cancelledReadReturnsQuickly() {
        String topic = TestTopics.create(bootstrap, "cancel", 1);
        try (KafkaProducer<byte[], byte[]> p = TestData.producer(bootstrap)) {
            for (int i = 0; i < 50; i++) {
                p.send(new ProducerRecord<>(topic, 0, null, TestData.utf8("x" + i)));
            }
            p.flush();
        }
        Cancellation cancelled = new Cancellation();
        cancelled.cancel();
        Page page = browser.read(BrowseRequest.of(topic), cancelled);
        assertThat(page.cancelled()).isTrue();
        assertThat(page.records()).isEmpty();
    }
}
