package dev.backtrack.replay;

import dev.backtrack.BacktrackException;
import java.time.Duration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * The transactions of one exactly-once {@link RecordSender}: one is opened by the first record after a
 * checkpoint, committed at the next checkpoint (which is what makes its records durable in {@link SendStats}),
 * and aborted on failure or cancellation (which rolls them back). Used from the sending thread only.
 */
final class ExactlyOnceTransactions {
    private static final int COMMIT_ATTEMPTS = 6;

    private final KafkaProducer<byte[], byte[]> producer;
    private final SendStats stats;
    private final String transactionalId;
    private boolean open;

    private ExactlyOnceTransactions(KafkaProducer<byte[], byte[]> producer, SendStats stats, String transactionalId) {
        this.producer = producer;
        this.stats = stats;
        this.transactionalId = transactionalId;
    }

    /** Initialises transactions on {@code producer}; closes it and throws when that fails. */
    static ExactlyOnceTransactions start(KafkaProducer<byte[], byte[]> producer, SendStats stats,
                                         String transactionalId, String clusterName) {
        try {
            // also fences a crashed earlier run with the same transactional id and aborts its open transaction
            producer.initTransactions();
        } catch (KafkaException e) {
            producer.close(Duration.ZERO);
            throw new BacktrackException("could not start a transaction on " + clusterName + ": " + e.getMessage(), e);
        }
        return new ExactlyOnceTransactions(producer, stats, transactionalId);
    }

    boolean isOpen() {
        return open;
    }

    /** Opens a transaction unless one is open already. */
    void ensureOpen() {
        if (!open) {
            producer.beginTransaction();
            open = true;
        }
    }

    /** Flushes and commits the open transaction; aborts it and throws when the target rejected a record of it. */
    void commit() {
        for (int attempt = 1; ; attempt++) {
            try {
                producer.flush();
                if (stats.failedCount() > 0) {
                    throw abortAndFail("the target rejected " + stats.failedCount() + " record(s)", null);
                }
                producer.commitTransaction();
                break;
            } catch (TimeoutException e) {
                // the coordinator or a leader is moving (broker restart); commit may be retried
                if (attempt >= COMMIT_ATTEMPTS) {
                    throw abortAndFail("committing the transaction timed out " + attempt + " times", e);
                }
            } catch (ProducerFencedException e) {
                throw new BacktrackException("another job with transactional id '" + transactionalId
                        + "' took over; this one stopped without committing its last chunk", e);
            } catch (KafkaException e) {
                throw abortAndFail("committing the transaction failed", e);
            }
        }
        open = false;
        stats.makeDurable();
    }

    /** Aborts the open transaction and returns the exception for the caller to throw. */
    BacktrackException abortAndFail(String what, Exception cause) {
        String first = stats.firstFailure();
        abortQuietly();
        String reason = cause != null ? cause.getMessage() : first;
        return new BacktrackException(what + (reason == null ? "" : ": " + reason)
                + "; the open transaction was aborted, nothing of it is visible to read_committed readers", cause);
    }

    /** Aborts the open transaction if there is one and rolls back the figures not yet durable; never throws. */
    void abortQuietly() {
        try {
            if (open) {
                producer.abortTransaction();
            }
        } catch (KafkaException e) {
            // a fenced or failed producer cannot abort; its transaction is aborted by the coordinator on timeout
        } finally {
            open = false;
            stats.rollback();
        }
    }
}
