package dev.backtrack.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** The verify step's detection of copies a resumed idempotent replay wrote twice, on synthetic target partitions. */
class ResentCopiesTest {
    private final List<RawRecord> partition = new ArrayList<>();

    /** Appends records of source partition {@code sourcePartition} with source offsets [from, to] to the target partition. */
    private void write(int sourcePartition, long from, long to) {
        for (long o = from; o <= to; o++) {
            byte[] source = ("cluster-1/orders/" + sourcePartition + "/" + o).getBytes(StandardCharsets.UTF_8);
            partition.add(new RawRecord("target", 0, partition.size(), 0L, TimestampType.CREATE_TIME, null, null,
                    List.of(new RawHeader(HeaderPolicy.SOURCE_HEADER, source))));
        }
    }

    private List<String> kept(ResentCopies resent) {
        return partition.stream().filter(r -> !resent.supersededLater(r))
                .map(r -> new String(r.lastHeader(HeaderPolicy.SOURCE_HEADER).value(), StandardCharsets.UTF_8)).toList();
    }

    private ResentCopies observeAll() {
        ResentCopies resent = new ResentCopies();
        partition.forEach(resent::observe);
        return resent;
    }

    @Test
    void anUninterruptedRunHasNoResend() {
        write(0, 0, 99);
        write(1, 5, 50);
        ResentCopies resent = observeAll();
        assertThat(resent.any()).isFalse();
        assertThat(kept(resent)).hasSize(146);
    }

    @Test
    void twoResumesLeaveExactlyTheLastCopyOfEachSourceRecord() {
        write(0, 0, 160);   // first run, checkpointed up to 100, cancelled after 160
        write(0, 101, 150); // first resume, checkpointed up to 140, cancelled after 150
        write(0, 141, 199); // second resume, to the end
        ResentCopies resent = observeAll();
        assertThat(resent.any()).isTrue();
        List<String> kept = kept(resent);
        assertThat(partition.size() - kept.size()).as("earlier copies").isEqualTo(60 + 10);
        List<String> expected = new ArrayList<>();
        for (int o = 0; o <= 199; o++) {
            expected.add("cluster-1/orders/0/" + o);
        }
        assertThat(kept).containsExactlyElementsOf(expected);
        // the copies kept are the last ones: the first run's up to the checkpoint, then each resume's
        assertThat(partition.stream().filter(r -> !resent.supersededLater(r)).map(RawRecord::offset))
                .startsWith(0L, 1L).contains(100L, 161L, 200L, 211L).doesNotContain(101L, 160L, 201L, 210L);
    }

    @Test
    void onlyTheResentSourcePartitionIsAffectedWhenSeveralShareATargetPartition() {
        write(0, 0, 20);
        write(1, 0, 20);
        write(0, 15, 30);
        ResentCopies resent = observeAll();
        assertThat(partition.size() - kept(resent).size()).isEqualTo(6);
        assertThat(kept(resent)).filteredOn(s -> s.contains("/1/")).hasSize(21);
    }

    @Test
    void recordsWithoutAUsableSourceHeaderAreNeverCountedAsCopies() {
        write(0, 0, 3);
        partition.add(new RawRecord("target", 0, partition.size(), 0L, TimestampType.CREATE_TIME, null, null, List.of()));
        partition.add(new RawRecord("target", 0, partition.size(), 0L, TimestampType.CREATE_TIME, null, null,
                List.of(new RawHeader(HeaderPolicy.SOURCE_HEADER, "cluster-1/orders/0/x".getBytes(StandardCharsets.UTF_8)))));
        write(0, 4, 5);
        ResentCopies resent = observeAll();
        assertThat(resent.any()).isFalse();
        assertThat(partition).noneMatch(resent::supersededLater);
    }
}
