package dev.backtrack.replay;

import dev.backtrack.BacktrackException;
import dev.backtrack.browse.Cancellation;
import dev.backtrack.kafka.KafkaClients;
import dev.backtrack.kafka.RawHeader;
import dev.backtrack.kafka.WriteAction;
import dev.backtrack.kafka.WriteGuard;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;

/**
 * Sends an ordered stream of {@link OutgoingRecord}s with producers from {@link KafkaClients#producer} (so the
 * prod guard applies), preserving order per target partition: one producer, or {@link SendOptions#producers()}
 * that split the target partitions between them (see {@link PartitionProducers}).
 *
 * <p>Use from one thread: {@link #send} each record in order, call {@link #checkpoint} whenever
 * {@link #checkpointDue} says so (and store your read positions once it returned: everything sent before is
 * then durable), then {@link #finish} for the result and the audit entry; {@link #close} always (aborts an
 * open transaction of an unfinished job). {@link #pause}, {@link #resume} and the {@link Cancellation} may be
 * used from any thread. See {@link Delivery} for the two delivery modes and what a resume guarantees.
 *
 * <p>Memory is bounded: a record waits until the bytes in flight (sent, not yet acknowledged) are below
 * {@link SendOptions#maxInFlightBytes()}. A record the target rejects is a {@link SendFailure} (idempotent
 * mode: the job continues; exactly-once mode: the open transaction is aborted and the job fails).
 */
public final class RecordSender implements AutoCloseable {
    private static final long PROGRESS_EVERY_NANOS = 250_000_000L;

    private final KafkaClients clients;
    private final WriteAction action;
    private final JobAudit audit;
    private final SendOptions options;
    private final Cancellation cancellation;
    private final SendListener listener;
    private final PartitionProducers producers;
    private final Pacer pacer;
    private final boolean transactional;
    private final ExactlyOnceTransactions transactions; // null in idempotent mode
    private final Semaphore inFlight;
    private final int maxPermits;
    private final Set<String> checkedTopics = new HashSet<>();
    private final StoredTimestamps storedTimestamps;
    private String lastCheckedTopic;
    private boolean lastTopicStampsOnAck;

    private final SendStats stats = new SendStats();

    private final Map<Integer, long[]> sentPerSource = new HashMap<>();
    private Map<Integer, Long> expected = Map.of();
    private long sent;
    private long bytes;
    private long sinceCheckpoint;
    private boolean finished;
    private boolean closed;
    private volatile boolean paused;
    private final long startNanos = System.nanoTime();
    private long lastProgressNanos = startNanos;

    public RecordSender(KafkaClients clients, WriteAction action, String topic, SendOptions options,
                        Cancellation cancellation, SendListener listener) {
        this.clients = clients;
        this.action = action;
        this.audit = new JobAudit(clients, action, topic);
        this.options = options;
        this.cancellation = cancellation;
        this.listener = listener;
        this.pacer = new Pacer(options.pace(), cancellation);
        this.maxPermits = (int) Math.min(Integer.MAX_VALUE, options.maxInFlightBytes() / 1024);
        this.inFlight = new Semaphore(maxPermits);
        Map<String, Object> overrides = options.producerConfig();
        checkedTopics.add(topic);
        this.storedTimestamps = new StoredTimestamps(clients);
        this.producers = new PartitionProducers(options.producersUsed(),
                () -> clients.producer(action, topic, overrides));
        this.transactions = options.delivery() instanceof Delivery.ExactlyOnce eos
                ? ExactlyOnceTransactions.start(producers.first(), stats, eos.transactionalId(), clients.settings().name()) : null;
        this.transactional = transactions != null;
    }

    /** Carries on the figures of an earlier, checkpointed run of the same job (resume). Call before sending. */
    public void restore(Map<TargetPartition, TargetStats> targets, Map<Integer, Long> writtenPerSourcePartition) {
        stats.restore(targets, writtenPerSourcePartition);
    }

    /**
     * Tells the sender a target topic's {@code message.timestamp.type} (when the job read it already), so it need not
     * look it up: the checksums cover the timestamp the topic stores. Call before sending to that topic.
     */
    public void timestampType(String topic, String messageTimestampType) {
        storedTimestamps.declare(topic, messageTimestampType);
    }

    /** Starts ahead, in the background, the producers these target partitions need (see {@link PartitionProducers}). */
    public void startProducersFor(Collection<Integer> targetPartitions) {
        producers.startAhead(targetPartitions);
    }

    /** Announces how many records each source partition will send, for progress ETAs. */
    public void expect(Map<Integer, Long> recordsPerSourcePartition) {
        this.expected = Map.copyOf(recordsPerSourcePartition);
    }

    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
    }

    public boolean isPaused() {
        return paused;
    }

    public Delivery delivery() {
        return options.delivery();
    }

    /**
     * Sends one record after the pacer allows it and in-flight memory is available. Returns false (and sends
     * nothing) when the job was cancelled. Throws {@link BacktrackException} in exactly-once mode when the
     * producer fails (the open transaction is aborted first).
     */
    public boolean send(OutgoingRecord record) {
        return send(record, null);
    }

    /** Where one record landed, told on the producer's I/O thread when the target acknowledges it. */
    @FunctionalInterface
    public interface Landed {
        void at(String topic, int partition, long offset);
    }

    /** As {@link #send(OutgoingRecord)}, and tells {@code landed} (may be null) the record's offset once acknowledged. */
    public boolean send(OutgoingRecord record, Landed landed) {
        return send(record, RecordChecksum.contentHash(record.key(), record.value(), record.headers()), landed);
    }

    /**
     * As {@link #send(OutgoingRecord, Landed)}, with the record's {@link RecordChecksum#contentHash} worked out
     * already (a replay hashes on its reader's thread).
     */
    public boolean send(OutgoingRecord record, long contentHash, Landed landed) {
        if (finished) {
            throw new IllegalStateException("send after finish");
        }
        // first, so that a record no producer may take (several producers, no partition) is refused before anything is held
        KafkaProducer<byte[], byte[]> producer = producers.forPartition(record.partition());
        if (!awaitUnpaused()) {
            return false;
        }
        if (!pacer.await(record.source() == null ? record.timestamp() : (Long) record.source().timestamp(), this::pausedWhilePacing)) {
            return false;
        }
        int size = record.size();
        int permits = Math.max(1, Math.min(maxPermits, size / 1024 + 1));
        if (!acquire(permits)) {
            return false;
        }
        if (!record.topic().equals(lastCheckedTopic)) {
            if (checkedTopics.add(record.topic())) {
                clients.guard().checkWrite(clients.settings(), action, record.topic());
            }
            lastTopicStampsOnAck = storedTimestamps.fromAcknowledgement(record.topic());
            lastCheckedTopic = record.topic();
        }
        boolean stampedOnAck = lastTopicStampsOnAck;
        if (transactional) {
            transactions.ensureOpen();
        }
        SourceRef source = record.source();
        Integer sourcePartition = source == null ? null : source.partition();
        String topic = record.topic();
        Integer partition = record.partition();
        // stamped here rather than by the producer, so the checksum knows it (the producer would take the same clock)
        long timestamp = record.timestamp() != null ? record.timestamp() : System.currentTimeMillis();
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(topic, partition, timestamp,
                record.key(), record.value(), kafkaHeaders(record.headers()));
        try {
            // the callback keeps only what a failure report needs, not the payload: in-flight records stay small
            producer.send(out, (metadata, exception) -> {
                inFlight.release(permits);
                if (exception instanceof org.apache.kafka.common.errors.TimeoutException) {
                    stats.timedOut(source, topic, partition, exception);
                    return;
                }
                if (exception != null) {
                    stats.failed(source, topic, partition, exception);
                    return;
                }
                // see StoredTimestamps: a resent batch is acknowledged with its largest timestamp
                long stored = stampedOnAck ? metadata.timestamp() : timestamp;
                stats.acknowledged(metadata.topic(), metadata.partition(), metadata.offset(),
                        RecordChecksum.withTimestamp(contentHash, stored), sourcePartition);
                // no offset: the broker knew the batch as written but no longer where (its sequence moved on since)
                if (landed != null && metadata.hasOffset()) {
                    landed.at(metadata.topic(), metadata.partition(), metadata.offset());
                }
            });
        } catch (KafkaException e) {
            inFlight.release(permits);
            if (transactional) {
                throw transactions.abortAndFail("sending " + describe(record) + " failed", e);
            }
            stats.failed(record, e);
        }
        sent++;
        bytes += size;
        sinceCheckpoint++;
        if (sourcePartition != null) {
            sentPerSource.computeIfAbsent(sourcePartition, p -> new long[1])[0]++;
        }
        maybeReportProgress();
        return true;
    }

    /** Whether enough was sent since the last checkpoint that the caller should call {@link #checkpoint}. */
    public boolean checkpointDue() {
        if (options.delivery() instanceof Delivery.ExactlyOnce eos) {
            return !eos.singleTransaction() && sinceCheckpoint >= eos.commitEvery();
        }
        return sinceCheckpoint >= options.checkpointEveryRecords();
    }

    /**
     * Makes everything sent so far durable: commits the open transaction (exactly-once) or flushes and waits
     * for every acknowledgement (idempotent). When it returns, the caller may persist its read positions.
     */
    public Durable checkpoint() {
        if (transactional) {
            if (transactions.isOpen()) {
                transactions.commit();
            }
        } else {
            producers.flush();
            stats.makeDurable();
        }
        sinceCheckpoint = 0;
        return stats.durable();
    }

    /** What is durable on the target after a checkpoint: per target partition stats, per source partition count. */
    public record Durable(SortedMap<TargetPartition, TargetStats> targets, Map<Integer, Long> writtenPerSourcePartition) {
    }

    /**
     * Ends the job: commits or flushes what was sent (a cancelled exactly-once job aborts its open transaction
     * instead), writes the audit entry with {@code auditDetails} (counts, never payloads) and returns the result.
     */
    public SendResult finish(Map<String, Object> auditDetails) {
        SendResult result = finishUnaudited();
        audit(WriteGuard.WRITTEN, result, auditDetails);
        return result;
    }

    /** As {@link #finish}, without the audit entry: the caller writes it with {@link #audit} once it knows more. */
    public SendResult finishUnaudited() {
        boolean cancelled = cancellation.isCancelled();
        if (!finished) {
            listener.onStep(JobStep.ACKNOWLEDGING);
            if (cancelled && transactional) {
                transactions.abortQuietly();
            } else {
                checkpoint();
            }
            finished = true;
        }
        return result(cancelled);
    }

    /** Writes the job's one audit entry (later calls write nothing); see {@link JobAudit}. */
    public void audit(String outcome, SendResult result, Map<String, Object> auditDetails) {
        audit.write(outcome, result, transactional, auditDetails);
    }

    /** The audit entry of a job that stopped on {@code cause} once sending had begun (nothing when it sent nothing). */
    public void auditFailure(Throwable cause, Map<String, Object> auditDetails) {
        if (sent > 0) {
            audit.failure(cause, result(cancellation.isCancelled()), transactional, auditDetails);
        }
    }

    /** The figures so far (durable ones only in exactly-once mode). */
    public SendResult result(boolean cancelled) {
        Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
        SortedMap<TargetPartition, TargetStats> targets = stats.targets(transactional);
        long written = targets.values().stream().mapToLong(TargetStats::count).sum();
        return new SendResult(sent, written, stats.failedCount(), stats.timedOutCount(), stats.failures(), bytes, duration,
                sent / Math.max(1e-9, duration.toNanos() / 1e9), targets, stats.perSource(transactional), cancelled);
    }

    /** The records that failed for want of an acknowledgement in time, for the verify step to look for. */
    TimedOutRecords timedOutRecords() {
        return stats.timedOutRecords();
    }

    public SendProgress progress() {
        return SendProgress.of((System.nanoTime() - startNanos) / 1e9, sent, stats.acknowledgedCount(), stats.failedCount(), bytes, paused,
                sentPerSource, expected);
    }

    /** Aborts an unfinished exactly-once job's open transaction, then closes the producers. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!finished && transactional && transactions.isOpen()) {
            transactions.abortQuietly();
        }
        try {
            producers.close(Duration.ofSeconds(30));
        } finally {
            storedTimestamps.close();
        }
    }

    private static String describe(OutgoingRecord record) {
        return record.source() != null ? record.source().coordinates() : "a record to " + record.topic();
    }

    private boolean awaitUnpaused() {
        boolean waited = false;
        while (paused && !cancellation.isCancelled()) {
            waited = true;
            maybeReportProgress();
            LockSupport.parkNanos(20_000_000L);
        }
        if (waited) {
            pacer.resumedAfterPause();
        }
        return !cancellation.isCancelled();
    }

    /** Asked by the pacer while it waits: a pause that starts there is reported too, so listeners see it. */
    private boolean pausedWhilePacing() {
        if (paused) {
            maybeReportProgress();
        }
        return paused;
    }

    private boolean acquire(int permits) {
        try {
            while (!inFlight.tryAcquire(permits, 100, TimeUnit.MILLISECONDS)) {
                if (cancellation.isCancelled()) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancellation.cancel();
            return false;
        }
    }

    private void maybeReportProgress() {
        long now = System.nanoTime();
        if (now - lastProgressNanos >= PROGRESS_EVERY_NANOS) {
            lastProgressNanos = now;
            listener.onProgress(progress());
        }
    }

    /** The headers themselves (a RawHeader is a Kafka Header): the producer's RecordHeaders copies the list. */
    private static List<Header> kafkaHeaders(List<RawHeader> headers) {
        return Collections.unmodifiableList(headers);
    }
}
