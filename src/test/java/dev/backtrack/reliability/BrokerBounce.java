package dev.backtrack.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;

/**
 * Stops one broker of the 3-broker test cluster while a job runs and starts it again, both driven by the
 * job's own acknowledgement count (fed from its {@code SendListener}, so the moments are truly mid-way).
 * The stop and the start run on their own threads: the job keeps sending while the broker goes away and
 * while it comes back. Records the acknowledgement count at each moment, so a test can prove both happened
 * while the job was still running. {@link #close} starts the broker again if a test ended with it down.
 */
final class BrokerBounce implements AutoCloseable {
    /** Own threads: the common pool may have one worker on a 2-core box, busy with the job itself. */
    static final Executor OWN_THREAD = task -> Thread.ofPlatform().name("broker-bounce").daemon().start(task);

    private final KafkaClusterTestKit cluster;
    private final int brokerId;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final AtomicBoolean startRequested = new AtomicBoolean();
    private volatile CompletableFuture<Void> stopped;
    private volatile CompletableFuture<Void> started;
    volatile long ackAtStopRequest = -1;
    volatile long ackAtStopped = -1;
    volatile long ackAtStartRequest = -1;
    volatile long ackAtStarted = -1;
    volatile long stopMillis = -1;
    volatile long startMillis = -1;

    private BrokerBounce(KafkaClusterTestKit cluster, int brokerId) {
        this.cluster = cluster;
        this.brokerId = brokerId;
    }

    /** Bounces the broker that leads partition 0 of {@code topic}, so the job's producer has to fail over. */
    static BrokerBounce leaderOf(KafkaClusterTestKit cluster, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            int leader = admin.describeTopics(List.of(topic)).allTopicNames().get(60, TimeUnit.SECONDS).get(topic)
                    .partitions().get(0).leader().id();
            return new BrokerBounce(cluster, leader);
        }
    }

    int brokerId() {
        return brokerId;
    }

    /** The latest acknowledgement count of the running job (call from its listener). */
    void acknowledged(long count) {
        acknowledged.set(count);
    }

    /** Stops the broker (in the background) once the job has {@code atLeast} acknowledgements; returns whether it was asked to stop. */
    boolean stopWhen(long atLeast) {
        if (acknowledged.get() >= atLeast && stopRequested.compareAndSet(false, true)) {
            ackAtStopRequest = acknowledged.get();
            stopped = CompletableFuture.runAsync(() -> {
                long t = System.nanoTime();
                cluster.brokers().get(brokerId).shutdown();
                cluster.brokers().get(brokerId).awaitShutdown();
                stopMillis = (System.nanoTime() - t) / 1_000_000;
                ackAtStopped = acknowledged.get();
            }, OWN_THREAD);
        }
        return stopRequested.get();
    }

    /** Whether the broker is fully stopped. */
    boolean isDown() {
        CompletableFuture<Void> s = stopped;
        return s != null && s.isDone() && !startRequested.get();
    }

    /** Acknowledgements the job got since the broker was fully stopped (0 before). */
    long acknowledgedWhileDown() {
        return ackAtStopped < 0 ? 0 : acknowledged.get() - ackAtStopped;
    }

    /** Starts the broker again (in the background) once it is down and the job had {@code atLeast} acknowledgements while it was. */
    void startWhenDownFor(long atLeast) {
        if (isDown() && acknowledgedWhileDown() >= atLeast) {
            startNow();
        }
    }

    /** Starts the stopped broker in the background (once). */
    void startNow() {
        if (stopped != null && startRequested.compareAndSet(false, true)) {
            ackAtStartRequest = acknowledged.get();
            started = stopped.thenRunAsync(() -> {
                long t = System.nanoTime();
                cluster.brokers().get(brokerId).startup();
                startMillis = (System.nanoTime() - t) / 1_000_000;
                ackAtStarted = acknowledged.get();
            }, OWN_THREAD);
        }
    }

    /** Waits until the stop and the start that were asked for are done and all brokers are ready again. */
    void awaitBack(Duration timeout) throws Exception {
        if (stopped != null) {
            stopped.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        startNow();
        if (started != null) {
            started.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        cluster.waitForReadyBrokers();
    }

    String describe() {
        return "broker " + brokerId + ": stop asked at ack " + ackAtStopRequest + ", down after " + stopMillis + " ms at ack " + ackAtStopped
                + ", start asked at ack " + ackAtStartRequest + ", up after " + startMillis + " ms at ack " + ackAtStarted;
    }

    @Override
    public void close() throws Exception {
        awaitBack(Duration.ofSeconds(120));
    }
}
