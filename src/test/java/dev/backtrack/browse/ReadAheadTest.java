package dev.backtrack.browse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The read-ahead handoff keeps order, bounds what waits, and stops both sides on a stop, a cancel or a failure. */
@Timeout(30)
class ReadAheadTest {

    @Test
    void handsOverEveryItemInOrderWithAtMostCapacityWaiting() {
        AtomicInteger produced = new AtomicInteger();
        AtomicInteger maxAhead = new AtomicInteger();
        List<Integer> handled = new ArrayList<>();
        ReadAhead.Outcome outcome = ReadAhead.<Integer>run("test-reader", 3, (out, stop) -> {
            for (int i = 0; i < 1000; i++) {
                if (!out.put(i)) {
                    return;
                }
                produced.incrementAndGet();
            }
        }, item -> {
            maxAhead.accumulateAndGet(produced.get() - handled.size(), Math::max);
            handled.add(item);
            return true;
        }, new Cancellation());
        assertThat(outcome).isEqualTo(ReadAhead.Outcome.COMPLETED);
        assertThat(handled).hasSize(1000).isSorted();
        // the queue holds 3, the producer may hold one more in hand, the handler one being handled
        assertThat(maxAhead.get()).isLessThanOrEqualTo(5);
    }

    @Test
    void aHandlerThatStopsEndsTheProducerToo() throws Exception {
        CountDownLatch producerEnded = new CountDownLatch(1);
        AtomicReference<Boolean> sawStop = new AtomicReference<>(false);
        ReadAhead.Outcome outcome = ReadAhead.<Integer>run("test-reader", 2, (out, stop) -> {
            try {
                for (int i = 0; ; i++) {
                    if (!out.put(i)) {
                        sawStop.set(stop.isCancelled());
                        return;
                    }
                }
            } finally {
                producerEnded.countDown();
            }
        }, item -> item < 10, new Cancellation());
        assertThat(outcome).isEqualTo(ReadAhead.Outcome.STOPPED);
        assertThat(producerEnded.await(0, TimeUnit.SECONDS)).as("joined before run returned").isTrue();
        assertThat(sawStop.get()).isTrue();
    }

    @Test
    void aProducerFailureReachesTheCallerAfterTheItemsBeforeIt() {
        List<String> handled = new ArrayList<>();
        assertThatThrownBy(() -> ReadAhead.<String>run("test-reader", 4, (out, stop) -> {
            out.put("a");
            out.put("b");
            throw new java.io.IOException("disk gone");
        }, handled::add, new Cancellation())).hasMessageContaining("disk gone");
        assertThat(handled).containsExactly("a", "b");

        assertThatThrownBy(() -> ReadAhead.<String>run("test-reader", 4, (out, stop) -> {
            throw new IllegalStateException("broker said no");
        }, item -> true, new Cancellation())).isInstanceOf(IllegalStateException.class).hasMessage("broker said no");
    }

    @Test
    void aCancelStopsAProducerThatIsWaitingForRoom() {
        Cancellation cancellation = new Cancellation();
        AtomicInteger handled = new AtomicInteger();
        ReadAhead.Outcome outcome = ReadAhead.<Integer>run("test-reader", 1, (out, stop) -> {
            for (int i = 0; out.put(i); i++) {
                // produces until refused
            }
        }, item -> {
            if (handled.incrementAndGet() == 5) {
                cancellation.cancel();
            }
            return true;
        }, cancellation);
        assertThat(outcome).isEqualTo(ReadAhead.Outcome.STOPPED);
        assertThat(handled.get()).isEqualTo(5);
    }
}
